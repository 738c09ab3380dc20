import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../../protocol/rpc/envelope';
import { MAX_FRAME_DEPTH, tooDeepAt } from '../../../../protocol/rpc/frame-limits';

describe('tooDeepAt', () => {
  it('allows nesting up to the limit and refuses one level more, where it starts', () => {
    const ok = '['.repeat(MAX_FRAME_DEPTH) + ']'.repeat(MAX_FRAME_DEPTH);
    expect(tooDeepAt(ok)).toBe(-1);
    expect(tooDeepAt(`{"a":${'['.repeat(MAX_FRAME_DEPTH)}`)).toBe(5 + MAX_FRAME_DEPTH - 1);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: '['.repeat(1000) + '\\"[[[' + '{'.repeat(1000) });
    expect(tooDeepAt(text)).toBe(-1);
  });

  it('makes parseFrame answer -32600 with the id named before the nesting', () => {
    const e = parseFrame(`{"id":7,"method":"x","params":${'['.repeat(100_000)}`);
    expect(e.kind === 'reject' && e.response.error).toMatchObject({ code: -32600, data: { reason: 'tooDeep' } });
    expect(e.kind === 'reject' && e.response.id).toBe(7);
  });
});
