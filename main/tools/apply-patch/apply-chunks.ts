/**
 * Applying the chunks of an Update File operation to a file's text, ported from openai/codex
 * `codex-rs/apply-patch/src/lib.rs` (compute_replacements), `seek_sequence.rs` and
 * `text_file.rs`. Pure: no file system access.
 */
import type { UpdateChunk } from './parser';

/** The patch does not fit the file (context not found, file missing, …). */
export class PatchApplyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PatchApplyError';
  }
}

type Eol = '\n' | '\r\n' | '';

interface SourceLine {
  text: string;
  eol: Eol;
}

/** `[start, oldLength, newLines]`: replace `oldLength` lines at `start` with `newLines`. */
type Replacement = [number, number, SourceLine[]];

/**
 * The new content of a file after applying `chunks` to `original`.
 * Untouched and context lines keep their own text and line ending (so a context line that
 * matched only fuzzily is not rewritten); added lines take the file's first line ending (CRLF
 * files stay CRLF). A file without a final newline stays without one.
 * @throws PatchApplyError naming `path` and the lines that could not be found.
 */
export function applyChunks(original: string, chunks: UpdateChunk[], path: string): string {
  const source = splitLines(original);
  const preferred: Eol = source.find((l) => l.eol !== '')?.eol ?? '\n';
  // Concatenated rather than spread into push(), which overflows the stack on huge files.
  let out: SourceLine[] = [];
  let next = 0;
  for (const [start, oldLength, newLines] of computeReplacements(source, path, chunks, preferred)) {
    out = out.concat(source.slice(next, start), newLines);
    next = start + oldLength;
  }
  out = out.concat(source.slice(next));

  // Codex terminates every line, which also fixes a formerly-last line that an insertion moved
  // inward. Unlike Codex (which appends a final newline), keep a missing final newline missing,
  // so a patch never changes a line it did not mention.
  const keepUnterminated = original !== '' && !original.endsWith('\n');
  return out.map((l, i) => l.text + (keepUnterminated && i === out.length - 1 ? '' : l.eol || preferred)).join('');
}

function splitLines(contents: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (let nl = contents.indexOf('\n'); nl !== -1; nl = contents.indexOf('\n', start)) {
    const raw = contents.slice(start, nl);
    lines.push(raw.endsWith('\r') ? { text: raw.slice(0, -1), eol: '\r\n' } : { text: raw, eol: '\n' });
    start = nl + 1;
  }
  if (start < contents.length) lines.push({ text: contents.slice(start), eol: '' });
  return lines;
}

function computeReplacements(source: SourceLine[], path: string, chunks: UpdateChunk[], preferred: Eol): Replacement[] {
  const lines = source.map((l) => l.text);
  const replacements: Replacement[] = [];
  let lineIndex = 0;
  for (const chunk of chunks) {
    if (chunk.changeContext !== null) {
      const idx = seekSequence(lines, [chunk.changeContext], lineIndex, false);
      if (idx === null) throw new PatchApplyError(`Failed to find context '${chunk.changeContext}' in ${path}`);
      lineIndex = idx + 1;
    }

    if (chunk.oldLines.length === 0) {
      // Codex appends a pure addition at the end of the file (before a final blank line),
      // whatever its `@@` context says; models trained on Codex rely on that.
      const at = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
      replacements.push([at, 0, chunk.newLines.map((text) => ({ text, eol: preferred }))]);
      continue;
    }

    let pattern = chunk.oldLines;
    let newLines = chunk.newLines;
    let found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    // A trailing empty old line usually stands for the file's final newline, which is not a line
    // of its own here; retry without it.
    if (found === null && pattern[pattern.length - 1] === '') {
      pattern = pattern.slice(0, -1);
      if (newLines[newLines.length - 1] === '') newLines = newLines.slice(0, -1);
      found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    }
    if (found === null) {
      throw new PatchApplyError(`Failed to find expected lines in ${path}:\n${chunk.oldLines.join('\n')}`);
    }
    const at = found;
    const replacement = newLines.map((text, i): SourceLine => {
      const k = chunk.contextOf[i];
      const kept = k === null || k === undefined || k >= pattern.length ? undefined : source[at + k];
      return kept ?? { text, eol: preferred };
    });
    replacements.push([at, pattern.length, replacement]);
    lineIndex = at + pattern.length;
  }
  // Pure additions sit at the end even when later chunks match earlier lines. Array sort is stable.
  return replacements.sort((a, b) => a[0] - b[0]);
}

const PUNCTUATION: Record<string, string> = {};
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') PUNCTUATION[c] = '-';
for (const c of '\u2018\u2019\u201A\u201B') PUNCTUATION[c] = "'";
for (const c of '\u201C\u201D\u201E\u201F') PUNCTUATION[c] = '"';
for (const c of '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000') PUNCTUATION[c] = ' ';
const PUNCTUATION_RE = new RegExp(`[${Object.keys(PUNCTUATION).join('')}]`, 'g');

/** Typographic dashes, quotes and spaces as their ASCII look-alikes, for the fuzziest pass. */
function normalise(s: string): string {
  return s.trim().replace(PUNCTUATION_RE, (c) => PUNCTUATION[c] ?? c);
}

const PASSES: Array<(s: string) => string> = [(s) => s, (s) => s.trimEnd(), (s) => s.trim(), normalise];

/**
 * Index at or after `start` where `pattern` occurs in `lines`, or null. Tries an exact match,
 * then ignoring trailing whitespace, then ignoring surrounding whitespace, then also
 * normalising Unicode punctuation (Codex's `seek_sequence`). With `eof`, only the position
 * that ends at the last line is tried. An empty pattern matches at `start`.
 */
export function seekSequence(lines: string[], pattern: string[], start: number, eof: boolean): number | null {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return null;
  const from = eof ? lines.length - pattern.length : start;
  const last = lines.length - pattern.length;
  for (const canon of PASSES) {
    const wanted = pattern.map(canon);
    for (let i = from; i <= last; i++) {
      if (wanted.every((p, k) => canon(lines[i + k] ?? '') === p)) return i;
    }
  }
  return null;
}
