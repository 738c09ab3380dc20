/** Medians, and the tables the benchmarks print. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Median, min and max of each figure over the runs. */
export function summarize<K extends string>(runs: Array<Record<K, number>>, figures: readonly K[]): Record<K, Summary> {
  const out = {} as Record<K, Summary>;
  for (const figure of figures) {
    const values = runs.map((r) => r[figure]).sort((a, b) => a - b);
    const mid = Math.floor(values.length / 2);
    const median =
      values.length % 2 === 1 ? (values[mid] ?? NaN) : ((values[mid - 1] ?? NaN) + (values[mid] ?? NaN)) / 2;
    out[figure] = { median, min: values[0] ?? NaN, max: values.at(-1) ?? NaN, runs: runs.map((r) => r[figure]) };
  }
  return out;
}

const num = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));
export const cell = (s: Summary | undefined): string => (s ? `${num(s.median)} (${num(s.min)}–${num(s.max)})` : 'n/a');

/** A Markdown table, columns padded to line up in a terminal. */
export function renderTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]): string => `| ${r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Tandem beside Codex, figure by figure, with the ratio Tandem/Codex. */
export function sideBySide<K extends string>(
  labels: Record<K, string>,
  tandem: Record<K, Summary>,
  codex: Record<K, Summary> | undefined,
): string {
  const rows = [['figure', 'Tandem median (min–max)', 'Codex median (min–max)', 'Tandem/Codex']];
  for (const figure of Object.keys(labels) as K[]) {
    const t = tandem[figure];
    const c = codex?.[figure];
    const ratio = c && c.median !== 0 ? (t.median / c.median).toFixed(2) : 'n/a';
    rows.push([labels[figure], cell(t), cell(c), ratio]);
  }
  return renderTable(rows);
}
