/**
 * Find in the open thread: Ctrl/Cmd+F opens the find bar (again: focuses and selects its query),
 * the matches come from the transcript state (find.ts), and moving to a match asks for it to be
 * shown through the item-focus store — the same path a search result takes — so the transcript
 * loads, scrolls to and highlights it whether or not its row is rendered.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { closedFind, currentIndex, findMatches, reduceFind, type FindMatch } from '../../state/find';
import { focusItem } from '../../state/item-focus';
import type { TranscriptState } from '../../state/transcript';

/** Dispatched on `document` to open the find bar (the command palette's "Find in thread"). */
export const FIND_EVENT = 'tandem:find';

export interface FindInThread {
  open: boolean;
  query: string;
  matches: FindMatch[];
  current: number;
  focusSeq: number;
  setQuery: (query: string) => void;
  step: (delta: 1 | -1) => void;
  close: () => void;
}

export function useFind(transcript: TranscriptState): FindInThread {
  const [state, dispatch] = useReducer(reduceFind, closedFind);
  const [focusSeq, setFocusSeq] = useState(0);
  // Where focus was before the bar opened, to give it back on close.
  const returnTo = useRef<HTMLElement | null>(null);
  const matches = useMemo(
    () => (state.open ? findMatches(transcript, state.query) : []),
    [state.open, state.query, transcript],
  );
  const current = currentIndex(state, matches.length);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'f') return;
      const target = e.target instanceof Element ? e.target : null;
      // Monaco (the review's editors) has its own find.
      if (target?.closest('.monaco-editor') || e.defaultPrevented) return;
      e.preventDefault();
      if (!(target instanceof HTMLElement) || !target.closest('.find-bar'))
        returnTo.current = target as HTMLElement | null;
      dispatch({ type: 'open' });
      setFocusSeq((n) => n + 1);
    };
    const onAsk = (): void => {
      if (document.activeElement instanceof HTMLElement && !document.activeElement.closest('.find-bar'))
        returnTo.current = document.activeElement;
      dispatch({ type: 'open' });
      setFocusSeq((n) => n + 1);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener(FIND_EVENT, onAsk);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener(FIND_EVENT, onAsk);
    };
  }, []);

  // Show the current match each time it changes: a new query, next / previous (not when more
  // turns arrive: the view stays where the user is).
  const [stepSeq, setStepSeq] = useState(0);
  const { threadId } = transcript;
  const target = current >= 0 ? matches[current] : undefined;
  // Shown for this query and step already (more turns arriving do not move the view), unless
  // there was no match to show then (the earlier turns just loaded have one).
  const shown = useRef<{ query: string; stepSeq: number; key: string | undefined } | null>(null);
  const latest = useRef({ target, query: state.query });
  latest.current = { target, query: state.query };
  useEffect(() => {
    const { target: m, query } = latest.current;
    const before = shown.current;
    shown.current = { query, stepSeq, key: m?.key };
    if (!state.open || !m) return;
    if (before && before.query === query && before.stepSeq === stepSeq && before.key !== undefined) return;
    focusItem(threadId, m.itemId, query);
  }, [state.open, state.query, stepSeq, threadId, target?.key]);

  return {
    open: state.open,
    query: state.query,
    matches,
    current,
    focusSeq,
    setQuery: (query) => dispatch({ type: 'query', query }),
    step: (delta) => {
      dispatch({ type: 'step', delta, total: matches.length });
      setStepSeq((n) => n + 1);
    },
    close: () => {
      dispatch({ type: 'close' });
      const back = returnTo.current;
      returnTo.current = null;
      const composer = document.querySelector<HTMLElement>('textarea[aria-label="Message"]');
      (back?.isConnected && back !== document.body ? back : composer)?.focus();
    },
  };
}
