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

function subscribeNarrow(onChange: () => void): () => void {
  const q = matchMedia(NARROW_QUERY);
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** True at or below NARROW_WIDTH px: the sidebar and inbox open as overlays. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => matchMedia(NARROW_QUERY).matches);
}

export function useLayout(): [LayoutState, Dispatch<LayoutAction>] {
  const [layout, dispatch] = useReducer(reduceLayout, undefined, () => loadLayout(localStorage));
  useEffect(() => saveLayout(localStorage, layout), [layout.sidebarOpen, layout.inboxOpen, layout.sizes]);
  return [layout, dispatch];
}
