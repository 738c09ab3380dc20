/**
 * The window's layout: which panes show (sidebar, side pane, approvals inbox) and their widths.
 * Widths and the open/closed panes persist (localStorage); what the side pane shows and the
 * overlays of a narrow window do not. Below NARROW_WIDTH px the sidebar and the inbox leave the
 * row of panes and open as overlays, so the thread and the side pane keep the width.
 */

/** At or below this window width (px) the sidebar and inbox become overlays. */
export const NARROW_WIDTH = 900;

/** What the side pane shows: the thread's changes today (the review view mounts here too). */
export type SideView = { kind: 'changes' };

export interface PaneSizes {
  sidebar: number;
  side: number;
  /** The side pane while it shows a review (wider: the diff needs the room); 0 until the user
   *  sets it: then 60% of the window (reviewWidth). */
  review: number;
  inbox: number;
}

export interface LayoutState {
  sidebarOpen: boolean;
  inboxOpen: boolean;
  side: SideView | null;
  /** In a narrow window: the pane shown over the thread, if any. */
  overlay: 'sidebar' | 'inbox' | null;
  /** Pixel widths of the side panes, as the user last left them. */
  sizes: PaneSizes;
}

export type LayoutAction =
  | { type: 'toggleSidebar'; narrow: boolean }
  | { type: 'toggleInbox'; narrow: boolean }
  | { type: 'closeOverlay' }
  | { type: 'side'; view: SideView | null }
  | { type: 'toggleSide'; view: SideView }
  | { type: 'resized'; sizes: Partial<PaneSizes> };

export const DEFAULT_SIZES: PaneSizes = { sidebar: 272, side: 520, review: 0, inbox: 260 };

/** The review pane's width: as the user left it, else 60% of the window (side by side from ~1,700 px). */
export const reviewWidth = (sizes: PaneSizes, windowWidth: number): number =>
  sizes.review || Math.max(560, Math.round(windowWidth * 0.6));

export const initialLayout: LayoutState = {
  sidebarOpen: true,
  inboxOpen: true,
  side: null,
  overlay: null,
  sizes: DEFAULT_SIZES,
};

/** The panes whose widths are kept. */
export const PANES = ['sidebar', 'side', 'review', 'inbox'] as const;

export function reduceLayout(state: LayoutState, action: LayoutAction): LayoutState {
  switch (action.type) {
    case 'toggleSidebar':
      return action.narrow
        ? { ...state, overlay: state.overlay === 'sidebar' ? null : 'sidebar' }
        : { ...state, sidebarOpen: !state.sidebarOpen };
    case 'toggleInbox':
      return action.narrow
        ? { ...state, overlay: state.overlay === 'inbox' ? null : 'inbox' }
        : { ...state, inboxOpen: !state.inboxOpen };
    case 'closeOverlay':
      return state.overlay ? { ...state, overlay: null } : state;
    case 'side':
      return { ...state, side: action.view };
    case 'toggleSide':
      return { ...state, side: state.side?.kind === action.view.kind ? null : action.view };
    case 'resized': {
      const sizes = { ...state.sizes };
      for (const k of PANES) {
        const v = action.sizes[k];
        if (v !== undefined && Number.isFinite(v) && v > 40) sizes[k] = Math.round(v);
      }
      return { ...state, sizes };
    }
  }
}

const KEY = 'tandem.layout';

/** The persisted part, read back (anything missing or malformed falls back to the defaults). */
export function loadLayout(storage: Pick<Storage, 'getItem'>): LayoutState {
  try {
    const raw: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (!raw || typeof raw !== 'object') return initialLayout;
    const r = raw as Record<string, unknown>;
    const sizes = (r['sizes'] && typeof r['sizes'] === 'object' ? r['sizes'] : {}) as Record<string, unknown>;
    const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 40 ? v : d);
    return {
      ...initialLayout,
      sidebarOpen: r['sidebarOpen'] !== false,
      inboxOpen: r['inboxOpen'] !== false,
      sizes: {
        sidebar: num(sizes['sidebar'], DEFAULT_SIZES.sidebar),
        side: num(sizes['side'], DEFAULT_SIZES.side),
        review: num(sizes['review'], DEFAULT_SIZES.review),
        inbox: num(sizes['inbox'], DEFAULT_SIZES.inbox),
      },
    };
  } catch {
    return initialLayout;
  }
}

export function saveLayout(storage: Pick<Storage, 'setItem'>, state: LayoutState): void {
  try {
    storage.setItem(
      KEY,
      JSON.stringify({ sidebarOpen: state.sidebarOpen, inboxOpen: state.inboxOpen, sizes: state.sizes }),
    );
  } catch {
    // storage full or refused: the layout is this session's only
  }
}
