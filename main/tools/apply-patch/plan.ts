/**
 * Planning a patch: parse it, read every file it touches and compute every result in memory,
 * so that a patch that fails anywhere fails before anything is written.
 */
import { applyChunks, PatchApplyError } from './apply-chunks';
import { parsePatch } from './parser';

/** How the planner reaches the file system (and the workspace's path rules). */
export interface PatchIO {
  /** Map a path as written in the patch to an absolute path; throws (any Error) to refuse it. */
  resolve(path: string): Promise<string>;
  /** File content, or null if it does not exist. */
  read(absPath: string): Promise<string | null>;
}

/** What one patch operation will do to one file. */
export interface FileEffect {
  /** As written in the patch. */
  path: string;
  absPath: string;
  kind: 'add' | 'delete' | 'update';
  /** As written in the patch; null unless an update moves the file. */
  movePath: string | null;
  moveAbsPath: string | null;
  /** Content before; null for an add of a new file (an add over an existing file, which Codex allows, carries the old content). */
  before: string | null;
  /** Content after; null for delete. */
  after: string | null;
}

/**
 * Parse `text` and compute the effect of each operation on the files `io` shows.
 * Follows Codex: Add File overwrites an existing file, Move to overwrites an existing
 * destination. Unlike Codex, which applies operations one by one and stops at the first
 * failure, this refuses the whole patch if any operation cannot apply, and refuses a patch that
 * touches one file twice.
 * @throws PatchParseError for malformed text, PatchApplyError when an operation cannot apply;
 *   an error thrown by `io.resolve` (a refused path) is rethrown as is.
 */
export async function planPatch(text: string, io: PatchIO): Promise<FileEffect[]> {
  const ops = parsePatch(text);
  if (ops.length === 0) throw new PatchApplyError('No files were modified.');

  const claimed = new Map<string, string>();
  const claim = (absPath: string, path: string): void => {
    const earlier = claimed.get(absPath);
    if (earlier !== undefined) {
      const same = earlier === path ? `${path}` : `${path} (also written as ${earlier})`;
      throw new PatchApplyError(
        `The patch changes ${same} more than once; put all changes to one file in a single operation.`,
      );
    }
    claimed.set(absPath, path);
  };

  const effects: FileEffect[] = [];
  for (const op of ops) {
    const absPath = await io.resolve(op.path);
    claim(absPath, op.path);
    const before = await read(io, absPath, op.path);
    if (op.type === 'add') {
      effects.push({
        path: op.path,
        absPath,
        kind: 'add',
        movePath: null,
        moveAbsPath: null,
        before,
        after: op.contents,
      });
      continue;
    }
    if (op.type === 'delete') {
      if (before === null) throw new PatchApplyError(`Failed to delete file ${op.path}: the file does not exist.`);
      effects.push({ path: op.path, absPath, kind: 'delete', movePath: null, moveAbsPath: null, before, after: null });
      continue;
    }
    if (before === null)
      throw new PatchApplyError(`Failed to read file to update ${op.path}: the file does not exist.`);
    let moveAbsPath = op.movePath === null ? null : await io.resolve(op.movePath);
    // A move onto itself is a plain update (Codex would write the file and then delete it).
    if (moveAbsPath === absPath) moveAbsPath = null;
    if (moveAbsPath !== null && op.movePath !== null) claim(moveAbsPath, op.movePath);
    const after = applyChunks(before, op.chunks, op.path);
    effects.push({
      path: op.path,
      absPath,
      kind: 'update',
      movePath: moveAbsPath === null ? null : op.movePath,
      moveAbsPath,
      before,
      after,
    });
  }
  return effects;
}

async function read(io: PatchIO, absPath: string, path: string): Promise<string | null> {
  try {
    return await io.read(absPath);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new PatchApplyError(`Failed to read ${path}: ${reason}`, { cause: e });
  }
}
