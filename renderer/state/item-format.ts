/**
 * Pure helpers the transcript's item views use to show what an item holds: a plan's steps from
 * its text, a diff's lines and counts, a command output kept to a size the page lays out fast,
 * the action that fixes a failed turn, times in words. No React, no DOM.
 */
import type { TurnError } from '../../protocol/schema/turn';
import type { TurnPlanStep } from '../../protocol/schema/turn-events';

/** A plan: why (optional) and its steps. */
export interface PlanView {
  explanation: string | null;
  steps: TurnPlanStep[];
}

const PLAN_MARK: Record<string, TurnPlanStep['status']> = {
  ' ': 'pending',
  '~': 'inProgress',
  x: 'completed',
  X: 'completed',
};

/**
 * A plan item's text (`- [ ] step`, `- [~] step`, `- [x] step`, after an optional explanation;
 * main/agent/plan-tool.ts writes it) as steps; null when it holds no step (a plan of another shape,
 * shown as text).
 */
export function parsePlanText(text: string): PlanView | null {
  const steps: TurnPlanStep[] = [];
  const other: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*[-*]\s+\[([ ~xX])\]\s+(.*)$/.exec(line);
    if (m) steps.push({ step: m[2] ?? '', status: PLAN_MARK[m[1] ?? ' '] ?? 'pending' });
    else if (line.trim()) other.push(line.trim());
  }
  return steps.length ? { explanation: other.length ? other.join('\n') : null, steps } : null;
}

/** One line of a unified diff, classified for colour. */
export interface DiffLine {
  kind: 'added' | 'removed' | 'hunk' | 'meta' | 'context';
  text: string;
}

/**
 * A file change's diff as classified lines. An added or deleted file's diff is its content
 * (no +/- signs): every line is then added or removed.
 */
export function diffLines(diff: string, kind: 'add' | 'delete' | 'update'): DiffLine[] {
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  if (diff === '') return [];
  if (kind === 'add') return lines.map((text) => ({ kind: 'added', text }));
  if (kind === 'delete') return lines.map((text) => ({ kind: 'removed', text }));
  return lines.map((text): DiffLine => {
    if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('diff ') || text.startsWith('index '))
      return { kind: 'meta', text };
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'added', text };
    if (text.startsWith('-')) return { kind: 'removed', text };
    return { kind: 'context', text };
  });
}

/** Lines added and removed by one file's change. */
export function diffCounts(diff: string, kind: 'add' | 'delete' | 'update'): { added: number; removed: number } {
  if (kind === 'add') return { added: diff.split('\n').filter(Boolean).length, removed: 0 };
  if (kind === 'delete') return { added: 0, removed: diff.split('\n').filter(Boolean).length };
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  return { added, removed };
}

/** A long text kept to its last `maxLines` lines and `maxChars` characters (a terminal's scrollback). */
interface Bounded {
  text: string;
  /** Lines left out at the start (0: the whole text is shown). */
  omittedLines: number;
  totalLines: number;
}

export function tailBounded(text: string, maxLines: number, maxChars: number): Bounded {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const newlinesBefore = (end: number): number => {
    let n = 0;
    for (let j = body.indexOf('\n'); j >= 0 && j < end; j = body.indexOf('\n', j + 1)) n++;
    return n;
  };
  const totalLines = body === '' ? 0 : newlinesBefore(body.length) + 1;
  // Where the last `maxLines` lines start.
  let lineStart = 0;
  for (let pos = body.length, count = 0; pos > 0;) {
    const nl = body.lastIndexOf('\n', pos - 1);
    if (nl < 0) break;
    if (++count >= maxLines) {
      lineStart = nl + 1;
      break;
    }
    pos = nl;
  }
  let start = Math.max(lineStart, text.length - maxChars);
  // Cut by characters mid-line: start on the next line when it is close by.
  if (start > lineStart) {
    const nl = text.indexOf('\n', start);
    if (nl >= 0 && nl - start < 400 && nl + 1 < text.length) start = nl + 1;
  }
  if (start === 0) return { text, omittedLines: 0, totalLines };
  return { text: text.slice(start), omittedLines: newlinesBefore(start), totalLines };
}

/** The first `max` items of a list, and how many were left out. */
export function headBounded<T>(list: T[], max: number): { shown: T[]; omitted: number } {
  return list.length <= max ? { shown: list, omitted: 0 } : { shown: list.slice(0, max), omitted: list.length - max };
}

/** What the user can do to fix a failed turn, beyond retrying it. */
type ErrorAction = 'settings' | null;

/**
 * An error the user fixes in Settings — a key refused (401, `unauthorized`), missing, the server
 * unreachable or the model unknown — offers to open them.
 */
export function errorAction(error: Pick<TurnError, 'message' | 'codexErrorInfo'> | null): ErrorAction {
  if (!error) return null;
  const info = error.codexErrorInfo;
  if (info === 'unauthorized' || info === 'modelNotFound') return 'settings';
  if (info && typeof info === 'object' && 'httpConnectionFailed' in info) return 'settings';
  if (/\b401\b|unauthori[sz]ed|api key|invalid.*key|in settings/i.test(error.message)) return 'settings';
  if (/ECONNREFUSED|ENOTFOUND|connection (?:refused|failed|error)|could not connect/i.test(error.message))
    return 'settings';
  return null;
}

/** A duration in words: "850 ms", "4.2 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const s = Math.round(ms / 1_000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A moment (Unix seconds) relative to `now` (ms): "just now", "5 min ago", "3 h ago", then the date. */
export function relativeTime(atSeconds: number, nowMs: number): string {
  const ago = Math.max(0, nowMs / 1_000 - atSeconds);
  if (ago < 45) return 'just now';
  if (ago < 3_600) return `${Math.max(1, Math.round(ago / 60))} min ago`;
  if (ago < 86_400) return `${Math.round(ago / 3_600)} h ago`;
  if (ago < 7 * 86_400) return `${Math.round(ago / 86_400)} d ago`;
  return new Date(atSeconds * 1_000).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** The same moment written out, for a tooltip. */
export const absoluteTime = (atSeconds: number): string =>
  new Date(atSeconds * 1_000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One coloured run of a highlighted code line (a Monaco token class, or none). */
export interface CodeRun {
  cls: string;
  text: string;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);?/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (code === 160) return ' ';
      if (code === 8203 || code === 0) return '';
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[e.toLowerCase()] ?? whole;
  });
}

/**
 * Monaco's colorize() output (lines of `<span class="mtkN">text</span>` ended by `<br/>`) as
 * lines of runs, so React puts them in as text: no HTML from it reaches the page. Only the
 * token classes (`mtk…`) are kept; any other markup is dropped.
 */
export function parseColorized(html: string): CodeRun[][] {
  const lines: CodeRun[][] = [[]];
  const classes: string[] = [];
  const re = /<span(?:\s+class="([^"]*)")?[^>]*>|<\/span>|<br\s*\/?>|<[^>]*>|[^<]+/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tok = m[0];
    if (tok.startsWith('<span'))
      classes.push(
        (m[1] ?? '')
          .split(/\s+/)
          .filter((c) => /^mtk\w*$/.test(c))
          .join(' '),
      );
    else if (tok === '</span>') classes.pop();
    else if (/^<br/.test(tok)) lines.push([]);
    else if (!tok.startsWith('<')) {
      const text = decodeEntities(tok);
      if (text) (lines[lines.length - 1] as CodeRun[]).push({ cls: classes.findLast((c) => c) ?? '', text });
    }
  }
  // colorize ends every line with <br/>: the last, empty line is not the code's.
  if (lines.length > 1 && (lines[lines.length - 1] as CodeRun[]).length === 0) lines.pop();
  return lines;
}
