/**
 * A streaming agent message split into Markdown blocks, so the UI parses each finished block once
 * and only the block still growing again on every frame: re-parsing a whole long message per
 * frame was the UI's largest cost while a reply streamed (bench:ui).
 *
 * A block ends at a blank line outside fenced code when the next line starts at column 0: an
 * indented line continues the block above (a list item's paragraph or nested fence would turn
 * into an indented code block if cut off). Cutting at such blank lines renders as the whole text
 * would, except for reference-style link definitions used across blocks, which models rarely write.
 */

const FENCE = /^\s*(`{3,}|~{3,})/;

/** The blocks of `text`, in order; joined with blank lines they are the same Markdown. */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  const lines = text.split('\n');
  let start = 0;
  let fence: string | null = null;
  let blankAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      // A closing fence: the same character, at least as long, and nothing after it.
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (line.trim() === '') {
      if (blankAt < 0) blankAt = i;
      continue;
    }
    if (blankAt > start && !/^\s/.test(line)) {
      blocks.push(lines.slice(start, blankAt).join('\n'));
      start = i;
    }
    blankAt = -1;
    if (marker) fence = marker;
  }
  const last = lines.slice(start).join('\n');
  if (last.trim() !== '' || blocks.length === 0) blocks.push(last);
  return blocks;
}

/**
 * Plain text cut into pieces of about `size` characters, each ending after a space (or a newline)
 * where there is one. The cuts depend only on the text before them, so as the text grows only its
 * last piece changes: the browser lays out again only the piece that changed.
 */
export function textPieces(text: string, size = 1_000): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    const space = text.slice(start + size).search(/\s/);
    if (space < 0) break;
    const end = start + size + space + 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Whether a block may hold a GitHub extension (a table's pipe, strikethrough's tilde, a task box,
 * an autolink, a footnote): remark-gfm's hooks cost on every character, so a block without any
 * (most prose, and a long streaming reply) is parsed without them. False positives only cost time.
 */
export const mayUseGfm = (text: string): boolean => /[|~@]|\[[ xX]\]|https?:|www\.|\[\^/i.test(text);
