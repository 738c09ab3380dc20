/**
 * Esc stops the running turn when focus is in the thread (the transcript or the composer) or on
 * nothing in particular — never when an editor or a dialog has a use for Esc (Monaco's widgets,
 * a modal), nor when something else already handled it.
 */
import { useEffect, useRef, type RefObject } from 'react';

const OWNS_ESCAPE = '.monaco-editor, [role="dialog"], dialog, select, [data-owns-escape]';

export function useEscToStop(active: boolean, stop: () => void, pane: RefObject<HTMLElement | null>): void {
  const latest = useRef(stop);
  useEffect(() => {
    latest.current = stop;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      const onNothing = !target || target === document.body || target === document.documentElement;
      if (!onNothing && !pane.current?.contains(target)) return;
      if (target?.closest(OWNS_ESCAPE) || document.querySelector('dialog[open], [aria-modal="true"]')) return;
      e.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, pane]);
}
