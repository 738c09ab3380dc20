/**
 * A long string a slice at a time: hashing or writing a 200 MB string in one piece converts it
 * to 200 MB of bytes first; slices keep that transient copy at a megabyte.
 */
const SLICE = 1 << 20;

/** Consecutive slices of `text`, never splitting a surrogate pair. */
export function* slicesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

/** Feed `text` (as UTF-8) to a hash, a slice at a time. */
export function updateInSlices<H extends { update(data: string, encoding: 'utf8'): H }>(hash: H, text: string): H {
  for (const s of slicesOf(text)) hash.update(s, 'utf8');
  return hash;
}
