/**
 * The app's actions, in one list: what the command palette shows, what the shortcuts sheet lists
 * and what the global keydown handler runs. Each action has an id, a title, a group, its
 * shortcuts (the first is the one shown) and enabled()/run(). Which action a key event runs is
 * decided here (`actionForKey`), apart from the DOM, so it is unit-tested.
 */
import { matchesShortcut, parseShortcut, type KeyLike } from './shortcuts';

export type ActionGroup = 'Threads' | 'Thread' | 'Approvals' | 'App' | 'Go to thread';

export interface Action {
  id: string;
  title: string;
  group: ActionGroup;
  /** Shortcuts, e.g. ["Mod+K"]; the first is shown. Empty: palette only. */
  shortcuts: string[];
  /** Also while typing in a text field (default: only shortcuts with Mod or Alt). */
  whileTyping?: boolean;
  /** Also in the composer while it is empty (the answer keys: nothing typed there to lose). */
  inEmptyComposer?: boolean;
  /**
   * Its key is handled elsewhere (Esc to stop is useEscToStop's; the desktop menu's accelerators
   * are the menu's in Electron): listed and run from the palette, never from the global handler.
   */
  keyHandledElsewhere?: boolean;
  /** Still runs while a dialog is open (the palette and the sheet toggle each other). */
  overDialogs?: boolean;
  /** Extra words the palette matches. */
  keywords?: string[];
  enabled: () => boolean;
  run: () => void;
}

/** Where a key event happened, as the handler needs it. */
export interface KeyContext {
  /**
   * Where focus is: nowhere that takes text, a text field, the composer with nothing typed in it,
   * or an editor (Monaco, whose own shortcuts come first: none of ours run there).
   */
  typing: Typing;
  /** A modal dialog is open. */
  dialogOpen: boolean;
  mac: boolean;
}

/** The action a key event runs, if any: the first enabled one whose shortcut matches and may run here. */
export function actionForKey(actions: readonly Action[], e: KeyLike, ctx: KeyContext): Action | null {
  for (const a of actions) {
    if (a.keyHandledElsewhere || a.shortcuts.length === 0) continue;
    for (const s of a.shortcuts) {
      const chord = parseShortcut(s);
      if (!matchesShortcut(chord, e, ctx.mac)) continue;
      if (ctx.dialogOpen && !a.overDialogs) continue;
      if (ctx.typing === 'editor') continue;
      const typingOk = a.whileTyping ?? (chord.mod || chord.alt);
      if (ctx.typing === 'text' && !typingOk) continue;
      if (ctx.typing === 'emptyComposer' && !typingOk && !a.inEmptyComposer) continue;
      if (!a.enabled()) continue;
      return a;
    }
  }
  return null;
}

export type Typing = 'no' | 'text' | 'emptyComposer' | 'editor';

/** Actions added from outside the app's list (another area's view: search, theme…). */
const extra = new Map<string, Action>();
const listeners = new Set<() => void>();
let version = 0;

/**
 * Add (or replace) an action the palette lists; returns its removal. For an area with its own
 * view, e.g. `registerAction({ id: 'search.all', title: 'Search all threads', … })`.
 */
export function registerAction(action: Action): () => void {
  extra.set(action.id, action);
  version++;
  for (const l of listeners) l();
  return () => {
    if (extra.get(action.id) !== action) return;
    extra.delete(action.id);
    version++;
    for (const l of listeners) l();
  };
}

export function registeredActions(): Action[] {
  return [...extra.values()];
}

export function subscribeActions(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const actionsVersion = (): number => version;
