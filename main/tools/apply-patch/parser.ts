/**
 * Parser for Codex's `apply_patch` format, ported from openai/codex
 * `codex-rs/apply-patch/src/parser.rs` (lenient mode). Models trained on Codex emit exactly this
 * dialect, so the leniencies and error wording follow Codex: the model reads the errors and
 * retries. Pure: no file system access.
 */

const BEGIN_PATCH = '*** Begin Patch';
const END_PATCH = '*** End Patch';
const ADD_FILE = '*** Add File: ';
const DELETE_FILE = '*** Delete File: ';
const UPDATE_FILE = '*** Update File: ';
const MOVE_TO = '*** Move to: ';
const END_OF_FILE = '*** End of File';
const CONTEXT_MARKER = '@@ ';
const EMPTY_CONTEXT_MARKER = '@@';

/** One `@@` section of an Update File operation. */
export interface UpdateChunk {
  /** A line (usually a class or function header) that must occur before `oldLines`; null if none. */
  changeContext: string | null;
  /** Lines to find in the file (context and removed lines, in order). */
  oldLines: string[];
  /** Lines that replace `oldLines` (context and added lines, in order). */
  newLines: string[];
  /**
   * For each of `newLines`, the index in `oldLines` of the context line it repeats, or null for
   * an added line; lets a context line that matched fuzzily keep the file's own text.
   */
  contextOf: Array<number | null>;
  /** Set by `*** End of File`: `oldLines` must be the last lines of the file. */
  isEndOfFile: boolean;
}

/** One file operation of a patch. Paths are exactly as written in the patch. */
export type PatchOp =
  | { type: 'add'; path: string; contents: string }
  | { type: 'delete'; path: string }
  | { type: 'update'; path: string; movePath: string | null; chunks: UpdateChunk[] };

/** The patch text is malformed. `line` is 1-based in the text given to `parsePatch`. */
export class PatchParseError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    kind: 'patch' | 'hunk' = 'hunk',
  ) {
    // Codex's CLI wording, so models see the messages they were trained on.
    super(
      kind === 'hunk' ? `Invalid patch hunk on line ${line}: ${reason}` : `Invalid patch: ${reason} (line ${line})`,
    );
    this.name = 'PatchParseError';
  }
}

/** A heredoc opener: `<<EOF`, `<<'EOF'`, `<<"EOF"`, optionally after `apply_patch` / `applypatch`. */
const HEREDOC_OPENER = /^(?:(?:apply_patch|applypatch)\s*)?<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1$/;

/**
 * Parse an `apply_patch` patch into file operations.
 * Accepts what Codex's lenient parser accepts: whitespace around the markers, the patch wrapped
 * in a heredoc (`<<'EOF' … EOF`, also `apply_patch <<'EOF' … EOF`), a first chunk without `@@`.
 * @throws PatchParseError naming the offending line.
 */
export function parsePatch(text: string): PatchOp[] {
  const trimmed = text.trim();
  // Line numbers must match the text the model wrote, before trimming leading blank lines.
  const leading = text.slice(0, text.indexOf(trimmed)).split('\n').length - 1;
  const lines = trimmed === '' ? [] : trimmed.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const { body, firstLine } = patchBody(lines, leading + 1);
  const ops: PatchOp[] = [];
  let i = 0;
  while (i < body.length) {
    // Codex rejects blank lines between operations; they mean nothing, so spare the model a retry.
    if ((body[i] ?? '').trim() === '') {
      i++;
      continue;
    }
    const { op, consumed } = parseOne(body, i, firstLine + 1 + i);
    ops.push(op);
    i += consumed;
  }
  return ops;
}

/** The lines between the Begin/End markers and the line number of `*** Begin Patch`. */
function patchBody(lines: string[], firstLineNo: number): { body: string[]; firstLine: number } {
  const strictError = checkBoundaries(lines, firstLineNo);
  if (strictError === null) return { body: lines.slice(1, -1), firstLine: firstLineNo };
  const opener = HEREDOC_OPENER.exec((lines[0] ?? '').trim());
  const delimiter = opener?.[2];
  if (delimiter !== undefined && lines.length >= 4 && (lines[lines.length - 1] ?? '').trim() === delimiter) {
    const inner = lines.slice(1, -1);
    const innerError = checkBoundaries(inner, firstLineNo + 1);
    if (innerError !== null) throw innerError;
    return { body: inner.slice(1, -1), firstLine: firstLineNo + 1 };
  }
  throw strictError;
}

function checkBoundaries(lines: string[], firstLineNo: number): PatchParseError | null {
  const first = lines[0]?.trim();
  const last = lines[lines.length - 1]?.trim();
  if (first !== BEGIN_PATCH) {
    return new PatchParseError(`The first line of the patch must be '${BEGIN_PATCH}'`, firstLineNo, 'patch');
  }
  if (lines.length < 2 || last !== END_PATCH) {
    return new PatchParseError(
      `The last line of the patch must be '${END_PATCH}'`,
      firstLineNo + lines.length - 1,
      'patch',
    );
  }
  return null;
}

/**
 * Parse one operation starting at `lines[at]` (line number `lineNo`). Offsets rather than
 * slices: a patch of many operations or chunks is parsed in one pass, not copied once per part.
 */
function parseOne(all: string[], at: number, lineNo: number): { op: PatchOp; consumed: number } {
  const lines = { length: all.length - at, get: (k: number): string | undefined => all[at + k] };
  const header = (lines.get(0) ?? '').trim();
  if (header.startsWith(ADD_FILE)) {
    const path = header.slice(ADD_FILE.length).trim();
    const contents: string[] = [];
    let n = 1;
    for (; n < lines.length; n++) {
      const line = lines.get(n) ?? '';
      if (line.startsWith('+')) contents.push(line.slice(1));
      else if (line === '') {
        // Blank lines between `+` lines are content lines whose `+` the model dropped (a run of
        // them is looked past once, not once per blank line).
        const next = nextNonBlank(all, at + n) - at;
        if (!(lines.get(next) ?? '').startsWith('+')) break;
        for (; n < next; n++) contents.push('');
        n--;
      } else break;
    }
    return { op: { type: 'add', path, contents: contents.map((l) => `${l}\n`).join('') }, consumed: n };
  }
  if (header.startsWith(DELETE_FILE)) {
    return { op: { type: 'delete', path: header.slice(DELETE_FILE.length).trim() }, consumed: 1 };
  }
  if (header.startsWith(UPDATE_FILE)) {
    const path = header.slice(UPDATE_FILE.length).trim();
    let n = 1;
    let movePath: string | null = null;
    const moveLine = lines.get(1)?.trim();
    if (moveLine?.startsWith(MOVE_TO)) {
      movePath = moveLine.slice(MOVE_TO.length).trim();
      n++;
    }
    const chunks: UpdateChunk[] = [];
    while (n < lines.length) {
      const line = lines.get(n) ?? '';
      if (line.trim() === '') {
        n++;
        continue;
      }
      if (line.startsWith('*')) break;
      const parsed = parseChunk(all, at + n, lineNo + n, chunks.length === 0);
      chunks.push(parsed.chunk);
      n += parsed.consumed;
    }
    if (chunks.length === 0) throw new PatchParseError(`Update file hunk for path '${path}' is empty`, lineNo);
    return { op: { type: 'update', path, movePath, chunks }, consumed: n };
  }
  throw new PatchParseError(
    `'${header}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNo,
  );
}

/** The index of the first non-empty line from `from` (the length when there is none). */
function nextNonBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i] === '') i++;
  return i;
}

/** Parse one chunk at `all[at]`: an optional `@@` line, then ` `/`+`/`-`/blank lines, then `*** End of File`. */
function parseChunk(
  all: string[],
  at: number,
  lineNo: number,
  allowMissingContext: boolean,
): { chunk: UpdateChunk; consumed: number } {
  const length = all.length - at;
  const first = all[at] ?? '';
  let changeContext: string | null = null;
  let start = 1;
  if (first.trimEnd() === EMPTY_CONTEXT_MARKER) {
    // `@@` alone (Codex requires it bare; a trailing space would make Codex seek a blank line).
  } else if (first.startsWith(CONTEXT_MARKER)) {
    changeContext = first.slice(CONTEXT_MARKER.length);
  } else if (allowMissingContext) {
    start = 0;
  } else {
    throw new PatchParseError(`Expected update hunk to start with a @@ context marker, got: '${first}'`, lineNo);
  }
  if (start >= length) throw new PatchParseError('Update hunk does not contain any lines', lineNo + 1);

  const chunk: UpdateChunk = { changeContext, oldLines: [], newLines: [], contextOf: [], isEndOfFile: false };
  let parsed = 0;
  for (let k = at + start; k < all.length; k++) {
    const line = all[k] ?? '';
    if (line.trimEnd() === END_OF_FILE) {
      if (parsed === 0) throw new PatchParseError('Update hunk does not contain any lines', lineNo + start);
      chunk.isEndOfFile = true;
      parsed++;
      break;
    }
    const marker = line[0];
    if (marker === undefined || marker === ' ') {
      // A blank line is an empty context line whose leading space the model dropped.
      chunk.contextOf.push(chunk.oldLines.length);
      chunk.oldLines.push(line.slice(1));
      chunk.newLines.push(line.slice(1));
    } else if (marker === '+') {
      chunk.contextOf.push(null);
      chunk.newLines.push(line.slice(1));
    } else if (marker === '-') {
      chunk.oldLines.push(line.slice(1));
    } else {
      if (parsed === 0) {
        throw new PatchParseError(
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
          lineNo + start,
        );
      }
      break; // the start of the next chunk or operation
    }
    parsed++;
  }
  return { chunk, consumed: start + parsed };
}
