/**
 * The transcript's scroll position: following the end while the user is there, "jump to latest"
 * (with how many items came since) when they scrolled up, a new turn (a message sent) scrolling to
 * it, and the position kept per thread in sessionStorage (scroll-anchor.ts) and restored after a
 * reload once the windowed transcript has measured the rows — loading older turns if the row
 * the user was reading is among them.
 */
import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { loadAnchor, saveAnchor, type ScrollAnchor } from '../../state/scroll-anchor';

interface RowLike {
  key: string;
  kind: string;
}

/** How many pages of older turns a restore may load to reach the row it was at. */
const RESTORE_PAGES = 40;

export interface ScrollMemory {
  /** The user scrolled up, away from the end. */
  away: boolean;
  /** Items that came after the last one the user had in view when they scrolled up. */
  newItems: number;
  /** Restoring the saved position: nothing else moves the view meanwhile. */
  restoring: () => boolean;
  onScroll: (el: HTMLElement) => void;
  jumpToLatest: () => void;
  /** Leave the end (and stop restoring): something else scrolls the view (a match, a focused item). */
  hold: () => void;
}

export function useScrollMemory(o: {
  threadId: string;
  rows: RowLike[];
  /** The key of the thread's last turn (a new one: a message was sent). */
  lastTurnId: string | undefined;
  queued: number;
  virtual: Virtualizer<HTMLDivElement, Element>;
  scroller: RefObject<HTMLDivElement | null>;
  hasOlder: boolean;
  loadOlder: () => Promise<boolean>;
}): ScrollMemory {
  const { threadId, rows, virtual, scroller } = o;
  const [saved] = useState(() => loadAnchor(sessionStorage, threadId));
  const restoring = useRef<ScrollAnchor | null>(saved && !saved.atBottom ? saved : null);
  const atBottom = useRef(!restoring.current);
  const [away, setAway] = useState(() => restoring.current !== null);
  // The last item row in view when the user left the end: what came after it is new.
  const [lastSeen, setLastSeen] = useState<string | null>(null);
  const pages = useRef(0);
  const busy = useRef(false);

  const toEnd = useCallback(() => {
    atBottom.current = true;
    setAway(false);
    if (rows.length > 0) virtual.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtual]);

  // Follow the end while the user is there.
  useEffect(() => {
    if (atBottom.current && rows.length > 0) virtual.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, virtual]);

  // A new turn (the user sent a message) or a queued message: show it, wherever the view was.
  const lastTurn = useRef(o.lastTurnId);
  const lastQueued = useRef(o.queued);
  useEffect(() => {
    const sent = (lastTurn.current !== undefined && o.lastTurnId !== lastTurn.current) || o.queued > lastQueued.current;
    lastTurn.current = o.lastTurnId;
    lastQueued.current = o.queued;
    if (sent && !restoring.current) toEnd();
  }, [o.lastTurnId, o.queued, toEnd]);

  // Back to the saved position once rows are there (and measured).
  const loadOlder = useRef(o.loadOlder);
  useEffect(() => {
    loadOlder.current = o.loadOlder;
  });
  useEffect(() => {
    const anchor = restoring.current;
    if (!anchor || rows.length === 0 || busy.current) return;
    const giveUp = (): void => {
      restoring.current = null;
      toEnd();
    };
    const i = rows.findIndex((r) => r.key === anchor.key);
    if (i < 0) {
      if (!o.hasOlder || pages.current++ >= RESTORE_PAGES) return giveUp();
      busy.current = true;
      void loadOlder.current().then((added) => {
        busy.current = false;
        if (!added) giveUp();
      });
      return;
    }
    let frame = 0;
    let stable = 0;
    let last = -1;
    let id = 0;
    const tick = (): void => {
      const start = virtual.measurementsCache[i]?.start;
      const el = scroller.current;
      if (start === undefined || !el) return;
      const target = start + anchor.offset;
      if (Math.abs(el.scrollTop - target) >= 1) virtual.scrollToOffset(target);
      stable = Math.abs(target - last) < 1 ? stable + 1 : 0;
      last = target;
      if (stable >= 3 || ++frame > 120) {
        restoring.current = null;
        return;
      }
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [rows, virtual, scroller, o.hasOlder, toEnd]);

  // Where the user is, remembered once a frame while they scroll.
  const saving = useRef(0);
  const save = useCallback(() => {
    saving.current = 0;
    const el = scroller.current;
    if (!el || restoring.current || rows.length === 0) return;
    const top = el.scrollTop;
    const first = virtual.getVirtualItems().find((v) => v.end > top && rows[v.index]?.kind !== 'older');
    const key = first ? rows[first.index]?.key : undefined;
    if (!first || !key) return;
    saveAnchor(sessionStorage, threadId, { key, offset: Math.max(0, top - first.start), atBottom: atBottom.current });
  }, [rows, scroller, threadId, virtual]);
  useEffect(() => () => cancelAnimationFrame(saving.current), []);

  const onScroll = (el: HTMLElement): void => {
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (restoring.current) return;
    if (bottom !== atBottom.current) {
      atBottom.current = bottom;
      setAway(!bottom);
      if (!bottom) setLastSeen(rows.findLast((r) => r.kind === 'item')?.key ?? null);
    }
    if (!saving.current) saving.current = requestAnimationFrame(save);
  };

  let newItems = 0;
  if (away && lastSeen) {
    const i = rows.findIndex((r) => r.key === lastSeen);
    if (i >= 0) for (let j = i + 1; j < rows.length; j++) if (rows[j]?.kind === 'item') newItems++;
  }
  const hold = useCallback(() => {
    restoring.current = null;
    if (!atBottom.current) return;
    atBottom.current = false;
    setAway(true);
    setLastSeen(rows.findLast((r) => r.kind === 'item')?.key ?? null);
  }, [rows]);
  return { away, newItems, restoring: () => restoring.current !== null, onScroll, jumpToLatest: toEnd, hold };
}
