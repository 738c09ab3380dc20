/** The layout's state (state/layout.ts), persisted, and whether the window is narrow. */
import { useEffect, useReducer, useSyncExternalStore, type Dispatch } from 'react';
import {
  loadLayout,
  NARROW_WIDTH,
  reduceLayout,
  saveLayout,
  type LayoutAction,
  type LayoutState,
} from '../../state/layout';

const NARROW_QUERY = `(max-width: ${NARROW_WIDTH}px)`;

// One query, read on every render of the app (a frame while a turn streams): made once.
let narrowQuery: MediaQueryList | null = null;
const narrowList = (): MediaQueryList => (narrowQuery ??= matchMedia(NARROW_QUERY));

function subscribeNarrow(onChange: () => void): () => void {
  const q = narrowList();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** True at or below NARROW_WIDTH px: the sidebar and inbox open as overlays. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => narrowList().matches);
}

export function useLayout(): [LayoutState, Dispatch<LayoutAction>] {
  const [layout, dispatch] = useReducer(reduceLayout, undefined, () => loadLayout(localStorage));
  useEffect(() => saveLayout(localStorage, layout), [layout.sidebarOpen, layout.inboxOpen, layout.sizes]);
  return [layout, dispatch];
}
