/**
 * Keeps the find highlights painted over the transcript's rendered rows: after each render (rows
 * come and go as the user scrolls) and when a row's content changes under it (a message
 * streaming, an item opened). Brings the current match into view once per reveal, inside a row
 * taller than the view too.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { clearHighlights, paintHighlights, type PaintSpec } from './highlight';

export function usePaintedMatches(
  scroller: RefObject<HTMLElement | null>,
  spec: PaintSpec & { /** grows on each reveal: bring its match into view */ revealSeq: number },
): void {
  const active = !!spec.query || !!spec.focus;
  const latest = useRef(spec);
  const revealed = useRef(0);
  const paint = useRef<() => void>(() => {});
  paint.current = () => {
    const el = scroller.current;
    if (!el) return;
    const range = paintHighlights(el, latest.current);
    if (!range || revealed.current === latest.current.revealSeq) return;
    revealed.current = latest.current.revealSeq;
    const r = range.getBoundingClientRect();
    const view = el.getBoundingClientRect();
    if (r.top < view.top + 24 || r.bottom > view.bottom - 24) el.scrollTop += r.top - view.top - view.height / 3;
  };
  useLayoutEffect(() => {
    latest.current = spec;
    if (active) paint.current();
  });
  useEffect(() => {
    const el = scroller.current;
    if (!active || !el) return;
    let frame = 0;
    const observer = new MutationObserver(() => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          paint.current();
        });
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearHighlights();
    };
  }, [active, scroller]);
}
