/**
 * Where each hunk of a file change sits in the two files, from the hunks the server lists: the
 * editor marks a hunk's decision on exactly those lines, and the hunk list reveals its first
 * change (not its first context line). Pure; walks the hunks' own lines only, never the file.
 */
import type { FileChangeContents } from '../../protocol/schema/tandem';

/** Inclusive 1-based line ranges. */
interface LineRange {
  start: number;
  end: number;
}

export interface HunkLines {
  /** Lines the hunk adds, in the new file. */
  added: LineRange[];
  /** Lines the hunk removes, in the old file. */
  removed: LineRange[];
  /** The new file's line where the hunk's first change is (or, for a pure removal, follows). */
  anchor: number;
}

const HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

function push(ranges: LineRange[], line: number): void {
  const last = ranges.at(-1);
  if (last && last.end === line - 1) last.end = line;
  else ranges.push({ start: line, end: line });
}

/** The lines of each hunk of `file`, in the order of `file.hunks`. */
export function hunkLines(file: Pick<FileChangeContents, 'kind' | 'hunks'>): HunkLines[] {
  return file.hunks.map((h) => {
    const whole = (n: number): LineRange[] => (n > 0 ? [{ start: 1, end: n }] : []);
    // An added or deleted file is one hunk of its bare lines (no +/- prefix); a final newline
    // leaves one empty entry after the last line.
    const count = h.lines.length - (h.lines.at(-1) === '' ? 1 : 0);
    if (file.kind === 'add') return { added: whole(count), removed: [], anchor: 1 };
    if (file.kind === 'delete') return { added: [], removed: whole(count), anchor: 1 };
    const m = HEADER.exec(h.header);
    // The server writes jsdiff's starts as they are: the first line of each range, even an empty one.
    let oldLine = Number(m?.[1] ?? 1);
    let newLine = Number(m?.[2] ?? 1);
    const added: LineRange[] = [];
    const removed: LineRange[] = [];
    let anchor: number | null = null;
    for (const line of h.lines) {
      const sign = line[0];
      if (sign === '+') {
        anchor ??= newLine;
        push(added, newLine++);
      } else if (sign === '-') {
        anchor ??= newLine;
        push(removed, oldLine++);
      } else if (sign === ' ') {
        oldLine++;
        newLine++;
      } // "\ No newline at end of file" moves neither side
    }
    return { added, removed, anchor: Math.max(1, anchor ?? Number(m?.[2] ?? 1)) };
  });
}
