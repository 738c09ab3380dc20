/**
 * The app's own actions and their shortcuts, built from what the app has on screen and the
 * callbacks that do each thing. The desktop menu's accelerators (new thread, open folder,
 * settings) are the menu's in Electron, where the same keys reach the page through the menu.
 */
import type { ApprovalDecision } from '../../protocol/schema/approval';
import { projectsOf, type ThreadsState } from '../state/threads';
import { threadTitle } from '../state/attention';
import type { Action } from './registry';

const SHORTCUTS = {
  palette: ['Mod+K'],
  shortcuts: ['Mod+/', '?'],
  newThread: ['Mod+N', 'Mod+Alt+N'],
  openFolder: ['Mod+O'],
  settings: ['Mod+,'],
  focusComposer: ['Mod+L'],
  stop: ['Escape'],
  nextThread: ['Mod+Alt+ArrowDown'],
  previousThread: ['Mod+Alt+ArrowUp'],
  approve: ['Mod+Enter'],
  approveForSession: ['Mod+Shift+Enter'],
  decline: ['Mod+Backspace'],
  toggleTheme: ['Mod+Alt+T'],
  searchAll: ['Mod+Shift+F'],
  findInThread: ['Mod+F'],
  toggleSidebar: ['Mod+B'],
  toggleChanges: ['Mod+Alt+C'],
} as const satisfies Record<string, readonly string[]>;

/** The shortcut shown on each answer's button. */
export const APPROVAL_SHORTCUTS: Partial<Record<ApprovalDecision, string>> = {
  accept: SHORTCUTS.approve[0],
  acceptForSession: SHORTCUTS.approveForSession[0],
  decline: SHORTCUTS.decline[0],
};

export interface AppActionsInput {
  threads: ThreadsState;
  selected: string | null;
  /** Connected to the server (what needs it is disabled while reconnecting). */
  connected: boolean;
  /** A turn runs in the open thread. */
  running: boolean;
  /** The open thread's pending approvals (questions aside) — what the answer keys act on. */
  approvalsInView: number;
  /** In the desktop app: its menu owns some accelerators. */
  desktop: boolean;
  /** Desktop notifications can be asked for (the browser has not been asked yet). */
  canEnableNotifications: boolean;
  open: (threadId: string) => void;
  newThread: () => void;
  openFolder: () => void;
  settings: () => void;
  stop: () => void;
  focusComposer: () => void;
  answer: (d: ApprovalDecision) => void;
  showPalette: () => void;
  showShortcuts: () => void;
  toggleTheme: () => void;
  enableNotifications: () => void;
  /** Search every thread (its dialog owns its key). */
  searchAll: () => void;
  /** The find bar of the open thread (the transcript owns its key). */
  findInThread: () => void;
  toggleSidebar: () => void;
  /** The side pane's Changes view for the open thread. */
  toggleChanges: () => void;
}

/** The threads in the sidebar's order (unarchived, by project, newest first). */
export function sidebarOrder(threads: ThreadsState): string[] {
  return projectsOf(threads, { archived: false, search: '' }).flatMap((p) => p.threads.map((t) => t.id));
}

/** The thread `step` places from `selected` in `order`, wrapping; the first (or last) when none is selected. */
export function stepThread(order: readonly string[], selected: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = selected ? order.indexOf(selected) : -1;
  if (at < 0) return (step > 0 ? order[0] : order[order.length - 1]) ?? null;
  return order[(at + step + order.length) % order.length] ?? null;
}

export function appActions(i: AppActionsInput): Action[] {
  const order = sidebarOrder(i.threads);
  const always = (): boolean => true;
  const online = (): boolean => i.connected;
  const menu = i.desktop; // the menu's accelerator runs it
  const go = (step: 1 | -1) => () => {
    const id = stepThread(order, i.selected, step);
    if (id && id !== i.selected) i.open(id);
  };
  const answering = (d: ApprovalDecision, title: string, id: string, shortcuts: readonly string[]): Action => ({
    id,
    title,
    group: 'Approvals',
    shortcuts: [...shortcuts],
    whileTyping: false,
    // Mod+Enter means nothing in an empty composer; Mod+Backspace is "delete" there, and one
    // press too many while clearing the box must not decline.
    inEmptyComposer: d !== 'decline',
    keywords: ['approval', 'answer'],
    enabled: () => i.approvalsInView > 0,
    run: () => i.answer(d),
  });
  const actions: Action[] = [
    {
      id: 'thread.new',
      title: 'New thread',
      group: 'Threads',
      shortcuts: [...SHORTCUTS.newThread],
      keyHandledElsewhere: menu,
      keywords: ['start', 'create'],
      enabled: online,
      run: i.newThread,
    },
    {
      id: 'folder.open',
      title: 'Open folder…',
      group: 'Threads',
      shortcuts: [...SHORTCUTS.openFolder],
      keyHandledElsewhere: menu,
      keywords: ['project'],
      enabled: online,
      run: i.openFolder,
    },
    {
      id: 'thread.next',
      title: 'Next thread',
      group: 'Threads',
      shortcuts: [...SHORTCUTS.nextThread],
      enabled: () => order.length > 0,
      run: go(1),
    },
    {
      id: 'thread.previous',
      title: 'Previous thread',
      group: 'Threads',
      shortcuts: [...SHORTCUTS.previousThread],
      enabled: () => order.length > 0,
      run: go(-1),
    },
    {
      id: 'composer.focus',
      title: 'Focus the message box',
      group: 'Thread',
      shortcuts: [...SHORTCUTS.focusComposer],
      keywords: ['composer', 'type', 'write'],
      enabled: () => i.selected !== null,
      run: i.focusComposer,
    },
    {
      id: 'turn.stop',
      title: 'Stop the running turn',
      group: 'Thread',
      shortcuts: [...SHORTCUTS.stop],
      keyHandledElsewhere: true, // useEscToStop: Esc in the thread, never an editor's or a dialog's
      keywords: ['interrupt', 'cancel'],
      enabled: () => i.running,
      run: i.stop,
    },
    {
      id: 'thread.find',
      title: 'Find in thread',
      group: 'Thread',
      shortcuts: [...SHORTCUTS.findInThread],
      keyHandledElsewhere: true, // use-find.ts: not inside Monaco, which has its own find
      keywords: ['search', 'text'],
      enabled: () => i.selected !== null,
      run: i.findInThread,
    },
    {
      id: 'thread.changes',
      title: 'Show or hide the thread’s changes',
      group: 'Thread',
      shortcuts: [...SHORTCUTS.toggleChanges],
      keywords: ['diff', 'revert', 'files'],
      enabled: () => i.selected !== null,
      run: i.toggleChanges,
    },
    answering('accept', 'Approve', 'approval.accept', SHORTCUTS.approve),
    answering('acceptForSession', 'Approve for session', 'approval.acceptForSession', SHORTCUTS.approveForSession),
    answering('decline', 'Decline', 'approval.decline', SHORTCUTS.decline),
    {
      id: 'app.palette',
      title: 'Command palette',
      group: 'App',
      shortcuts: [...SHORTCUTS.palette],
      overDialogs: true,
      enabled: always,
      run: i.showPalette,
    },
    {
      id: 'app.shortcuts',
      title: 'Keyboard shortcuts',
      group: 'App',
      shortcuts: [...SHORTCUTS.shortcuts],
      overDialogs: true,
      keywords: ['keys', 'help'],
      enabled: always,
      run: i.showShortcuts,
    },
    {
      id: 'search.all',
      title: 'Search all threads',
      group: 'App',
      shortcuts: [...SHORTCUTS.searchAll],
      keyHandledElsewhere: true, // SearchDialog.tsx
      keywords: ['find', 'history'],
      enabled: online,
      run: i.searchAll,
    },
    {
      id: 'app.sidebar',
      title: 'Show or hide the sidebar',
      group: 'App',
      shortcuts: [...SHORTCUTS.toggleSidebar],
      keywords: ['threads', 'panel'],
      enabled: always,
      run: i.toggleSidebar,
    },
    {
      id: 'app.settings',
      title: 'Settings',
      group: 'App',
      shortcuts: [...SHORTCUTS.settings],
      keyHandledElsewhere: menu,
      keywords: ['preferences', 'model', 'api key'],
      enabled: online,
      run: i.settings,
    },
    {
      id: 'app.theme',
      title: 'Toggle light / dark theme',
      group: 'App',
      shortcuts: [...SHORTCUTS.toggleTheme],
      keywords: ['dark mode', 'light mode', 'appearance'],
      enabled: always,
      run: i.toggleTheme,
    },
  ];
  if (i.canEnableNotifications)
    actions.push({
      id: 'app.notifications',
      title: 'Enable desktop notifications',
      group: 'App',
      shortcuts: [],
      keywords: ['notify', 'alerts'],
      enabled: always,
      run: i.enableNotifications,
    });
  for (const id of order) {
    const t = i.threads.byId[id];
    actions.push({
      id: `thread.goto:${id}`,
      title: `Go to thread: ${threadTitle(t)}`,
      group: 'Go to thread',
      shortcuts: [],
      keywords: [t?.cwd ?? ''],
      enabled: () => id !== i.selected,
      run: () => i.open(id),
    });
  }
  return actions;
}
