/**
 * The shape a frame must have before it is parsed. JSON.parse builds every nested array and
 * object of a frame of 100,000 `[`, and everything after it (classification, params
 * validation, error messages) walks that depth again: 600 such frames took 61 s and crashed the
 * server out of heap. One linear pass that stops at the first level too deep costs nothing
 * on real messages and lets such a frame be refused before any of that work starts.
 */

/** The deepest nesting of arrays and objects a message may have. Real messages stay below 20. */
export const MAX_FRAME_DEPTH = 64;

/**
 * The offset at which `text` nests deeper than `maxDepth`, or -1 when it does not. Brackets
 * inside JSON strings do not count. Malformed text is left to JSON.parse to describe.
 */
export function tooDeepAt(text: string, maxDepth = MAX_FRAME_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
