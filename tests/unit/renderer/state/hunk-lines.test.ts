/** Where each hunk of a file change sits (state/hunk-lines.ts). */
import { describe, expect, it } from 'vitest';
import { hunkLines } from '../../../../renderer/state/hunk-lines';

describe('hunk lines', () => {
  it('places each hunk’s added and removed lines, and its first change', () => {
    const [one, two] = hunkLines({
      kind: 'update',
      hunks: [
        { header: '@@ -1,4 +1,5 @@', lines: [' line 1', '-line 2', '+line two', '+line 2b', ' line 3', ' line 4'] },
        { header: '@@ -17,6 +18,5 @@', lines: [' a', ' b', ' c', '-d', ' e', ' f', '\\ No newline at end of file'] },
      ],
    });
    expect(one).toEqual({ added: [{ start: 2, end: 3 }], removed: [{ start: 2, end: 2 }], anchor: 2 });
    expect(two).toEqual({ added: [], removed: [{ start: 20, end: 20 }], anchor: 21 });
  });

  it('treats an added or deleted file as one hunk of bare lines', () => {
    expect(hunkLines({ kind: 'add', hunks: [{ header: 'new file', lines: ['# Todo', '- ship it', ''] }] })).toEqual([
      { added: [{ start: 1, end: 2 }], removed: [], anchor: 1 },
    ]);
    expect(hunkLines({ kind: 'delete', hunks: [{ header: 'deleted file', lines: ['x'] }] })).toEqual([
      { added: [], removed: [{ start: 1, end: 1 }], anchor: 1 },
    ]);
  });
});
