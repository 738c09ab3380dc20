/** The read-only helpers: read_file, list_dir, grep_files. Confined to the workspace; never ask. */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { confine, type Confinement } from './paths';
import { inspectNoFollow, rootFor, SymlinkRefused } from './safe-fs';
import type { GrepFilesArgs, ListDirArgs, ReadFileArgs } from './tool-args';
import { truncateMiddle } from './truncate';

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const MAX_GREP_FILE_BYTES = 2 * 1024 * 1024;
const MAX_LINE_CHARS = 500;

/**
 * A confined file's bytes, read without following links: the path was checked, but a command
 * running meanwhile can swap a folder on it for a link to Tandem's home (a review read the API
 * key from settings.json that way in 62 of 300 tries). Read by name, the check would not hold.
 */
async function readConfined(c: Confinement, abs: string): Promise<Buffer> {
  const entry = await inspectNoFollow(rootFor(c.roots, abs), abs);
  if (entry.kind === 'symlink') throw new SymlinkRefused(abs, abs);
  if (entry.kind === 'other') throw new Error(`${abs} is not a regular file`);
  if (entry.kind === 'absent')
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${abs}'`), { code: 'ENOENT' });
  return entry.data;
}

export async function readFileTool(c: Confinement, args: ReadFileArgs): Promise<string> {
  const path = await confine(c, args.file_path);
  const text = (await readConfined(c, path)).toString('utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const start = (args.offset ?? 1) - 1;
  if (start >= lines.length && lines.length > 0)
    throw new Error(`read_file: offset ${start + 1} is past the end of the file (${lines.length} lines)`);
  const slice = lines.slice(start, start + (args.limit ?? 2000));
  return slice
    .map((l, i) => `L${start + i + 1}: ${l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l}`)
    .join('\n');
}

export async function listDirTool(c: Confinement, args: ListDirArgs): Promise<string> {
  const root = await confine(c, args.dir_path);
  const depth = args.depth ?? 2;
  const entries: string[] = [];
  const walk = async (dir: string, level: number): Promise<void> => {
    const items = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      const mark = item.isDirectory() ? '/' : item.isSymbolicLink() ? '@' : '';
      entries.push(`${'  '.repeat(level)}${item.name}${mark}`);
      if (item.isDirectory() && level + 1 < depth && !SKIP_DIRS.has(item.name))
        await walk(join(dir, item.name), level + 1);
    }
  };
  await walk(root, 0);
  const start = (args.offset ?? 1) - 1;
  const page = entries.slice(start, start + (args.limit ?? 200));
  const more =
    entries.length > start + page.length
      ? `\nMore than ${page.length} entries; use offset ${start + page.length + 1} for the rest.`
      : '';
  return `Absolute path: ${root}\n${page.join('\n')}${more}`;
}

/** A glob of file names (`*.ts`, `*.{ts,tsx}`, `?`) as a regular expression. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else re += ch.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export async function grepFilesTool(c: Confinement, args: GrepFilesArgs): Promise<string> {
  let pattern: RegExp;
  try {
    pattern = new RegExp(args.pattern);
  } catch (e) {
    throw new Error(`grep_files: invalid pattern: ${e instanceof Error ? e.message : String(e)}`);
  }
  const include = args.include ? globRegExp(args.include) : null;
  const root = await confine(c, args.path ?? '.');
  const hits: Array<{ path: string; mtime: number }> = [];
  const walk = async (dir: string): Promise<void> => {
    let items: Dirent[];
    try {
      items = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      const full = join(dir, item.name);
      if (item.isDirectory()) {
        if (!SKIP_DIRS.has(item.name)) await walk(full);
      } else if (item.isFile() && (!include || include.test(item.name))) {
        const info = await stat(full);
        if (info.size > MAX_GREP_FILE_BYTES) continue;
        const buf = await readConfined(c, full).catch(() => null);
        if (buf === null) continue; // gone, or swapped for a link meanwhile
        if (buf.includes(0)) continue; // binary
        if (pattern.test(buf.toString('utf8')))
          hits.push({ path: relative(c.roots[0] ?? c.cwd, full) || '.', mtime: info.mtimeMs });
      }
    }
  };
  await walk(root);
  if (hits.length === 0) return 'No matches found.';
  hits.sort((a, b) => b.mtime - a.mtime);
  return truncateMiddle(
    hits
      .slice(0, args.limit ?? 100)
      .map((h) => h.path)
      .join('\n'),
  );
}
