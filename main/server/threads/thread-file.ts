/**
 * One thread's file: append-only JSONL. Each append is written and fsynced before it resolves,
 * so whatever a caller announces after `await append(…)` survives a crash. A torn last line (the
 * process died mid-write) is skipped on read with a warning and cut off before the next append.
 *
 * Another program may edit Tandem's home: thread files are opened without following a symbolic
 * link (a thread file replaced by a link to ~/.bashrc must not have records appended there) and
 * only as regular files (a FIFO would hang the read). Loading only parses JSON; nothing in a
 * file is ever run.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Logger } from '../log';
import { ChangeRecord, HeaderRecord, type ThreadRecord } from './records';

export interface ParsedThreadFile {
  header: HeaderRecord;
  changes: ChangeRecord[];
  /** Bytes of the file that hold whole records. */
  bytes: number;
}

/** Thread ids become file names: only these characters are ever accepted, from clients or from disk. */
const THREAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
export const isThreadId = (id: string): boolean => THREAD_ID.test(id);

/** O_NOFOLLOW where the platform has it (not on Windows, which has no such links to worry about here). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** Opening a FIFO for reading would wait for a writer; non-blocking, it opens and is refused as not a file. */
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

/** A file in Tandem's home that is a link or not a regular file: it is not ours to read or write. */
export class NotAThreadFile extends Error {}

/** Open `path` for `flags` without following a final symbolic link; a non-file is refused. */
export async function openOwnFile(path: string, flags: number): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, flags | NO_FOLLOW | NON_BLOCK, 0o600);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ELOOP')
      throw new NotAThreadFile(`${path} is a symbolic link; Tandem never follows links in its home`);
    throw e;
  }
  if (!(await fh.stat()).isFile()) {
    await fh.close();
    throw new NotAThreadFile(`${path} is not a regular file`);
  }
  return fh;
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
  const fh = await openOwnFile(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT);
  try {
    await fh.write(data);
    await fh.datasync();
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

/**
 * Parse a thread file. Returns undefined when it has no valid header (not a thread file), and
 * when it is a link or not a regular file (with a log line).
 */
export async function readThreadFile(path: string, log: Logger): Promise<ParsedThreadFile | undefined> {
  let buf: Buffer;
  try {
    const fh = await openOwnFile(path, constants.O_RDONLY);
    try {
      buf = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (!(e instanceof NotAThreadFile)) throw e;
    log.warn(`${e.message}; ignoring it`);
    return undefined;
  }
  return parseThreadFile(buf, path, log);
}

function parseThreadFile(buf: Buffer, path: string, log: Logger): ParsedThreadFile | undefined {
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
  if (!isThreadId(header.id)) {
    log.warn(`${path}: its header names no valid thread id; ignoring the file`);
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
    if (Array.isArray(values) && values.length === numbered.length)
      return numbered.map((l, i): { value: unknown; line: number } => ({ value: values[i], line: l.line }));
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
  const fh = await openOwnFile(path, constants.O_RDWR);
  try {
    const buf = await fh.readFile();
    const whole = buf.lastIndexOf(0x0a) + 1;
    if (whole < buf.length) {
      log.warn(`${path}: cutting a torn last line of ${buf.length - whole} bytes before appending`);
      await fh.truncate(whole);
    }
  } finally {
    await fh.close();
  }
}
