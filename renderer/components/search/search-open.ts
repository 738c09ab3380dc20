/**
 * Whether the search dialog is open: a small store outside React, so the sidebar's button, the
 * Ctrl/Cmd+Shift+F shortcut and the dialog itself share it without callbacks through the tree.
 */
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setSearchOpen(value: boolean): void {
  if (open === value) return;
  open = value;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const useSearchOpen = (): boolean => useSyncExternalStore(subscribe, () => open);

/** Ctrl+Shift+F (Cmd+Shift+F on macOS). */
export const isSearchShortcut = (e: KeyboardEvent): boolean =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f';
