/**
 * "Show this item" (item-focus.ts) for the open thread: older turns load until the item is there
 * (bounded), the transcript scrolls to its row, the row is briefly marked and the term highlighted
 * in it. Search results, find-in-thread and notifications all come this way.
 */
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { clearItemFocus } from '../../state/item-focus';
import { useItemFocus } from '../use-item-focus';
import { loadOlderUntil } from '../../state/scroll-anchor';

interface RowLike {
  key: string;
  itemId: string | null;
}

/** The row shown last: its key, the term to highlight in it, and a sequence (to mark it again). */
export interface RevealMark {
  key: string;
  term: string | null;
  seq: number;
}

export function useReveal(o: {
  threadId: string;
  rows: RowLike[];
  virtual: Virtualizer<HTMLDivElement, Element>;
  hasOlder: boolean;
  loadOlder: () => Promise<boolean>;
  /** The view leaves the end (and stops restoring): it must not jump back. */
  hold: () => void;
}): { mark: RevealMark | null; clearMark: () => void } {
  const focus = useItemFocus();
  const [mark, setMark] = useState<RevealMark | null>(null);
  const latest = useRef(o);
  useEffect(() => {
    latest.current = o;
  });
  const handled = useRef(0);
  const { threadId, rows } = o;
  useEffect(() => {
    if (!focus || focus.threadId !== threadId || !focus.itemId || handled.current === focus.seq) return;
    // The thread is still being read (a search result opened it): wait for its turns.
    if (rows.length === 0) return;
    handled.current = focus.seq;
    const { itemId, term, seq } = focus;
    const indexOf = (): number => latest.current.rows.findIndex((r) => r.itemId === itemId);
    void loadOlderUntil(
      () => indexOf() >= 0,
      () => latest.current.hasOlder,
      () => latest.current.loadOlder(),
    ).then((found) => {
      if (handled.current !== seq) return; // another request came meanwhile
      clearItemFocus();
      if (!found) return;
      const i = indexOf();
      const key = latest.current.rows[i]?.key;
      if (!key) return;
      latest.current.hold();
      latest.current.virtual.scrollToIndex(i, { align: 'center' });
      setMark({ key, term, seq });
    });
  }, [focus, threadId, rows]);
  return { mark, clearMark: () => setMark(null) };
}
