import { describe, expect, it } from 'vitest';
import { truncateMiddle } from '../../../../main/tools/truncate';

describe('truncateMiddle', () => {
  it('keeps head and tail with a marker saying what was cut', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const t = truncateMiddle(text, 200);
    expect(t.startsWith('line 0\n')).toBe(true);
    expect(t.endsWith('line 999')).toBe(true);
    expect(t).toMatch(/characters \(\d+ lines\) omitted/);
    expect(truncateMiddle('short', 200)).toBe('short');
  });
});
