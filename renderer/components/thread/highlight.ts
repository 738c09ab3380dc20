/**
 * Paints find matches in the transcript's rendered rows with the CSS Custom Highlight API
 * (CSS.highlights + ::highlight() in thread.css): ranges over the existing text, so no React
 * render per match and no markup changes inside the items.
 */
const FIND_HIGHLIGHT = 'tandem-find';
const FIND_CURRENT = 'tandem-find-current';
const FOCUS_HIGHLIGHT = 'tandem-focus';

/** What to paint: the query everywhere, its current occurrence, a focused item's term. */
export interface PaintSpec {
  query: string;
  current: { key: string; occurrence: number } | null;
  focus: { key: string; term: string } | null;
}

const supported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/** The ranges where `needle` (case-insensitive) occurs in `root`'s text, across text nodes. */
function rangesOf(root: Element, needle: string): Range[] {
  if (!needle) return [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest('[data-find-skip], textarea, script, style')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += n.nodeValue ?? '';
  }
  const hay = text.toLowerCase();
  const lower = needle.toLowerCase();
  const out: Range[] = [];
  let node = 0;
  const locate = (at: number): [Text, number] => {
    while (node + 1 < nodes.length && (starts[node + 1] ?? Infinity) <= at) node++;
    return [nodes[node] as Text, at - (starts[node] ?? 0)];
  };
  for (let i = hay.indexOf(lower); i >= 0; i = hay.indexOf(lower, i + lower.length)) {
    const range = document.createRange();
    const [a, ao] = locate(i);
    range.setStart(a, ao);
    // The end may be in a later node: locate moves forward only, so find it from the start's node.
    const [b, bo] = locate(i + lower.length - 1);
    range.setEnd(b, bo + 1);
    out.push(range);
  }
  return out;
}

/**
 * Paints `spec` over the rows (`[data-row-key]`) under `root`; returns the current match's range
 * when it is rendered (to bring it into view).
 */
export function paintHighlights(root: Element, spec: PaintSpec): Range | null {
  if (!supported()) return null;
  const all: Range[] = [];
  const focus: Range[] = [];
  let current: Range | null = null;
  for (const row of root.querySelectorAll<HTMLElement>('[data-row-key]')) {
    const key = row.dataset.rowKey;
    if (spec.query) {
      const ranges = rangesOf(row, spec.query);
      all.push(...ranges);
      if (spec.current && key === spec.current.key && ranges.length > 0)
        current = ranges[Math.min(spec.current.occurrence, ranges.length - 1)] ?? null;
    }
    if (spec.focus && key === spec.focus.key) focus.push(...rangesOf(row, spec.focus.term));
  }
  CSS.highlights.set(FIND_HIGHLIGHT, new Highlight(...all.filter((r) => r !== current)));
  const currentHighlight = new Highlight(...(current ? [current] : []));
  currentHighlight.priority = 1; // over the focused item's term, which covers the same text
  CSS.highlights.set(FIND_CURRENT, currentHighlight);
  CSS.highlights.set(FOCUS_HIGHLIGHT, new Highlight(...focus.filter((r) => r !== current)));
  return current;
}

export function clearHighlights(): void {
  if (!supported()) return;
  for (const name of [FIND_HIGHLIGHT, FIND_CURRENT, FOCUS_HIGHLIGHT]) CSS.highlights.delete(name);
}
