/**
 * The keyboard, as a hook: the app's actions (app-actions.ts) with those other areas registered
 * (registry.ts), one global keydown handler that runs their shortcuts, the palette and the
 * shortcuts sheet's open state, and focus after a thread opens (the composer).
 */
import { useEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import { reduceOverlay, type Overlay } from '../state/overlays';
import { answerFirstApproval, focusComposer } from './approval-targets';
import { appActions, type AppActionsInput } from './app-actions';
import { actionForKey, actionsVersion, isTextField, registeredActions, subscribeActions, type Action } from './registry';
import { onMac } from './shortcuts';
import { toggleTheme } from './theme-toggle';

export type CommandsInput = Omit<
  AppActionsInput,
  'showPalette' | 'showShortcuts' | 'toggleTheme' | 'focusComposer' | 'answer'
>;

export interface Commands {
  actions: Action[];
  overlay: Overlay;
  closeOverlay: () => void;
  mac: boolean;
}

const dialogOpen = (): boolean => document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') !== null;

export function useCommands(input: CommandsInput): Commands {
  const [overlay, dispatch] = useReducer(reduceOverlay, null);
  useSyncExternalStore(subscribeActions, actionsVersion);
  const mac = onMac();
  const actions = [
    ...appActions({
      ...input,
      focusComposer,
      answer: (d) => void answerFirstApproval(d),
      showPalette: () => dispatch({ type: 'toggle', overlay: 'palette' }),
      showShortcuts: () => dispatch({ type: 'toggle', overlay: 'shortcuts' }),
      toggleTheme,
    }),
    ...registeredActions(),
  ];
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      const target = e.target instanceof Element ? e.target : document.activeElement;
      const action = actionForKey(latest.current, e, { typing: isTextField(target), dialogOpen: dialogOpen(), mac });
      if (!action) return;
      e.preventDefault();
      action.run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [mac]);

  // A thread opened or created: the composer has focus (once it is on screen), unless the
  // user is somewhere that keeps it (a dialog, another text field).
  const { selected } = input;
  useEffect(() => {
    if (!selected) return;
    let frames = 0;
    let frame = requestAnimationFrame(function attempt() {
      const active = document.activeElement;
      const elsewhere = active && active !== document.body && isTextField(active);
      if (elsewhere || dialogOpen()) return;
      if (!focusComposer() && frames++ < 120) frame = requestAnimationFrame(attempt);
    });
    return () => cancelAnimationFrame(frame);
  }, [selected]);

  return { actions, overlay, closeOverlay: () => dispatch({ type: 'close' }), mac };
}
