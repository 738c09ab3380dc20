/** A snippet with its match ranges marked (<mark>). */
export function Highlight({
  text,
  ranges,
}: {
  text: string;
  ranges: ReadonlyArray<{ start: number; end: number }>;
}): React.JSX.Element {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end > text.length || r.end <= r.start) continue;
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(<mark key={r.start}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
