/**
 * One thread's file: append-only JSONL. Each append is written and fsynced before it resolves,
 * so whatever a caller announces after `await append(…)` survives a crash. A torn last line (the
 * process died mid-write) is skipped on read with a warning and cut off before the next append.
 */
import { open, readFile, truncate } from 'node:fs/promises';
import type { Logger } from '../log';
import { ChangeRecord, HeaderRecord, type ThreadRecord } from './records';

export interface ParsedThreadFile {
  header: HeaderRecord;
  changes: ChangeRecord[];
  /** Bytes of the file that hold whole records. */
  bytes: number;
}

/** Create the file with its first records; fails if it already exists. */
export async function createThreadFile(path: string, records: ThreadRecord[]): Promise<number> {
  const data = records.map((r) => JSON.stringify(r) + '\n').join('');
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return Buffer.byteLength(data);
}

/** Append records and fsync. Returns the file's size afterwards. */
export async function appendRecords(path: string, records: ThreadRecord[]): Promise<number> {
  const data = records.map((r) => JSON.stringify(r) + '\n').join('');
  const fh = await open(path, 'a');
  try {
    await fh.write(data);
    await fh.datasync();
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

/** Parse a thread file. Returns undefined when it has no valid header (not a thread file). */
export async function readThreadFile(path: string, log: Logger): Promise<ParsedThreadFile | undefined> {
  const buf = await readFile(path);
  return parseThreadFile(buf, path, log);
}

export function parseThreadFile(buf: Buffer, path: string, log: Logger): ParsedThreadFile | undefined {
  const lastNewline = buf.lastIndexOf(0x0a);
  const whole = lastNewline + 1;
  if (whole < buf.length) {
    log.warn(`${path}: skipping a torn last line (${buf.length - whole} bytes); the process likely died mid-write`);
  }
  const lines = buf.subarray(0, whole).toString('utf8').split('\n');
  lines.pop(); // the empty string after the final newline
  let header: HeaderRecord | undefined;
  const changes: ChangeRecord[] = [];
  parseLines(lines, path, log).forEach(({ value, line }) => {
    if (header === undefined) {
      const parsed = HeaderRecord.safeParse(value);
      if (!parsed.success) return;
      header = parsed.data;
      return;
    }
    const parsed = ChangeRecord.safeParse(value);
    if (parsed.success) changes.push(parsed.data);
    else log.warn(`${path}:${line}: skipping a record this version does not understand`);
  });
  if (!header) {
    log.warn(`${path}: no thread header; ignoring the file`);
    return undefined;
  }
  return { header, changes, bytes: whole };
}

/**
 * The JSON value of each non-empty line, with its 1-based line number. All lines are parsed in
 * one JSON.parse when they can be — a 5,000-item thread opened twice as fast that way — and one
 * by one otherwise, so a line that is not JSON is skipped (and named) without losing the rest.
 */
function parseLines(lines: string[], path: string, log: Logger): Array<{ value: unknown; line: number }> {
  const numbered = lines.flatMap((text, i) => (text.trim() === '' ? [] : [{ text, line: i + 1 }]));
  try {
    const values: unknown = JSON.parse(`[${numbered.map((l) => l.text).join(',')}]`);
    // As many values as lines: no line held a fragment or several values.
    if (Array.isArray(values) && values.length === numbered.length) return numbered.map((l, i): { value: unknown; line: number } => ({ value: values[i], line: l.line }));
  } catch {
    // Some line is not JSON: find it below.
  }
  return numbered.flatMap(({ text, line }) => {
    try {
      return [{ value: JSON.parse(text) as unknown, line }];
    } catch {
      log.warn(`${path}:${line}: skipping a line that is not JSON`);
      return [];
    }
  });
}

/** Cut a torn tail so the next append starts on a fresh line. */
export async function repairTail(path: string, log: Logger): Promise<void> {
  const buf = await readFile(path);
  const whole = buf.lastIndexOf(0x0a) + 1;
  if (whole < buf.length) {
    log.warn(`${path}: cutting a torn last line of ${buf.length - whole} bytes before appending`);
    await truncate(path, whole);
  }
}
