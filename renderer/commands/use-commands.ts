/**
 * The keyboard, as a hook: the app's actions (app-actions.ts) with those other areas registered
 * (registry.ts), one global keydown handler that runs their shortcuts, the palette and the
 * shortcuts sheet's open state, and focus after a thread opens (the composer).
 */
import { useEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import { reduceOverlay, type Overlay } from '../state/overlays';
import { answerFirstApproval, composerBox, firstApprovalTarget, focusComposer } from './approval-targets';
import { appActions, type AppActionsInput } from './app-actions';
import { actionForKey, actionsVersion, registeredActions, subscribeActions, type Action } from './registry';
import { typingIn } from './dom-context';
import { onMac } from './shortcuts';
import { toggleTheme } from './theme-toggle';
import { setSearchOpen } from '../components/search/search-open';
import { FIND_EVENT } from '../components/thread/use-find';

export type CommandsInput = Omit<
  AppActionsInput,
  'showPalette' | 'showShortcuts' | 'toggleTheme' | 'focusComposer' | 'answer' | 'searchAll' | 'findInThread'
>;

export interface Commands {
  /** Every action, while the palette or the sheet is open (empty otherwise). */
  actions: Action[];
  overlay: Overlay;
  closeOverlay: () => void;
  /** Where focus goes when a dialog of ours closes: where it was when the first one opened. */
  returnFocus: () => void;
  mac: boolean;
}

const dialogOpen = (): boolean => document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') !== null;

export function useCommands(input: CommandsInput): Commands {
  const [overlay, dispatchOverlay] = useReducer(reduceOverlay, null);
  // The element focused before a dialog of ours opened (a palette opened by key has no trigger
  // for Radix to give focus back to).
  const before = useRef<HTMLElement | null>(null);
  const overlayRef = useRef(overlay);
  overlayRef.current = overlay;
  const dispatch = (action: Parameters<typeof reduceOverlay>[1]): void => {
    if (overlayRef.current === null && action.type === 'toggle')
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dispatchOverlay(action);
  };
  useSyncExternalStore(subscribeActions, actionsVersion);
  const mac = onMac();
  // Built when needed (a key pressed, a dialog open), not on every render: the app renders once
  // per frame while a turn streams, and the list holds one entry per thread.
  const latestInput = useRef(input);
  latestInput.current = input;
  const build = useRef((): Action[] => [
    ...appActions({
      ...latestInput.current,
      focusComposer,
      answer: (d) => void answerFirstApproval(d),
      showPalette: () => dispatch({ type: 'toggle', overlay: 'palette' }),
      showShortcuts: () => dispatch({ type: 'toggle', overlay: 'shortcuts' }),
      toggleTheme,
      searchAll: () => setSearchOpen(true),
      findInThread: () => document.dispatchEvent(new Event(FIND_EVENT)),
    }),
    ...registeredActions(),
  ]).current;
  const actions = overlay ? build() : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      const target = e.target instanceof Element ? e.target : document.activeElement;
      const action = actionForKey(build(), e, { typing: typingIn(target), dialogOpen: dialogOpen(), mac });
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      action.run();
    };
    // Capture: before the composer's Enter (an answer key in the empty composer is the answer's).
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [mac]);

  // A thread opened or created: its first approval's primary button has focus when it waits for
  // one (once the card is on screen), else the composer — unless the user is somewhere that
  // keeps it (a dialog, another text field).
  const { selected } = input;
  const expectsApproval = useRef(false);
  expectsApproval.current = input.approvalsInView > 0;
  useEffect(() => {
    if (!selected) return;
    let frames = 0;
    let frame = requestAnimationFrame(function attempt() {
      const active = document.activeElement;
      if (dialogOpen()) return;
      // The user has started typing in the composer: it keeps focus.
      if (active === composerBox() && composerBox()?.value) return;
      const card = firstApprovalTarget()?.element.querySelector<HTMLButtonElement>('button[data-primary]');
      if (card) return card.focus();
      // Waiting for the card (the transcript is loading): the composer meanwhile.
      const placed = focusComposer();
      if ((!placed || expectsApproval.current) && frames++ < 120) frame = requestAnimationFrame(attempt);
    });
    return () => cancelAnimationFrame(frame);
  }, [selected]);

  const returnFocus = (): void => {
    const to = before.current;
    before.current = null;
    if (to?.isConnected) to.focus({ preventScroll: true });
  };
  return { actions, overlay, closeOverlay: () => dispatch({ type: 'close' }), returnFocus, mac };
}
