import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../main/transports/stdio';

function split(chunks: string[], limit = 1000) {
  const out: Array<string | { tooLarge: number }> = [];
  const s = new LineSplitter(limit, (f) => out.push(f));
  for (const c of chunks) s.push(Buffer.from(c));
  s.end();
  return out;
}

describe('LineSplitter', () => {
  it('splits lines across and within chunks, ignoring blank lines and CRLF endings', () => {
    expect(split(['{"a":1}\n{"b"', ':2}\r\n\n', '{"c":3}'])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const bytes = Buffer.from('{"t":"héllo ✓"}\n');
    const out: unknown[] = [];
    const s = new LineSplitter(1000, (f) => out.push(f));
    for (let i = 0; i < bytes.length; i++) s.push(bytes.subarray(i, i + 1));
    expect(out).toEqual(['{"t":"héllo ✓"}']);
  });

  it('reports an over-long line by size without keeping it, then carries on', () => {
    const out = split(['x'.repeat(600), 'y'.repeat(600) + '\n{"ok":1}\n'], 1000);
    expect(out).toEqual([{ tooLarge: 1200, head: 'x'.repeat(600) + 'y'.repeat(424) }, '{"ok":1}']);
  });
});
