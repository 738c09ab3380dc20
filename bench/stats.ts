/** Medians and the side-by-side table. */
import { FIGURES, type Figure, type RunFigures } from './run';

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(runs: RunFigures[]): Record<Figure, Summary> {
  const out = {} as Record<Figure, Summary>;
  for (const figure of Object.keys(FIGURES) as Figure[]) {
    const values = runs.map((r) => r[figure]).sort((a, b) => a - b);
    const mid = Math.floor(values.length / 2);
    const median = values.length % 2 === 1 ? (values[mid] ?? NaN) : ((values[mid - 1] ?? NaN) + (values[mid] ?? NaN)) / 2;
    out[figure] = { median, min: values[0] ?? NaN, max: values.at(-1) ?? NaN, runs: runs.map((r) => r[figure]) };
  }
  return out;
}

const num = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));
const cell = (s: Summary | undefined): string => (s ? `${num(s.median)} (${num(s.min)}–${num(s.max)})` : 'n/a');

export function table(tandem: Record<Figure, Summary>, codex: Record<Figure, Summary> | undefined): string {
  const rows = [['figure', 'Tandem median (min–max)', 'Codex median (min–max)', 'Tandem/Codex']];
  for (const figure of Object.keys(FIGURES) as Figure[]) {
    const t = tandem[figure];
    const c = codex?.[figure];
    const ratio = c && c.median !== 0 ? (t.median / c.median).toFixed(2) : 'n/a';
    rows.push([FIGURES[figure], cell(t), cell(c), ratio]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]): string => `| ${r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
