import { describe, expect, it } from 'vitest';
import { contentsOf, describeSelections, selectHunks } from '../../../../main/agent/hunks';
import type { FileEffect } from '../../../../main/tools/apply-patch';

const text = (n: number, change: (i: number) => string | null = () => null): string =>
  Array.from({ length: n }, (_, i) => change(i + 1) ?? `l${i + 1}`).join('\n') + '\n';
const update: FileEffect = {
  path: 'f.txt',
  absPath: '/w/f.txt',
  kind: 'update',
  movePath: null,
  moveAbsPath: null,
  before: text(40),
  after: text(40, (i) => (i === 3 ? 'THREE' : i === 20 ? 'TWENTY' : i === 37 ? 'X' : null)),
};
const add: FileEffect = {
  path: 'n.txt',
  absPath: '/w/n.txt',
  kind: 'add',
  movePath: null,
  moveAbsPath: null,
  before: null,
  after: 'new\n',
};

describe('hunks', () => {
  it('lists the same hunks the review shows, one for an added file', () => {
    expect(contentsOf(update).hunks.map((h) => h.header)).toEqual([
      '@@ -1,6 +1,6 @@',
      '@@ -17,7 +17,7 @@',
      '@@ -34,7 +34,7 @@',
    ]);
    expect(contentsOf(add).hunks).toHaveLength(1);
  });

  it('writes only accepted hunks, in any combination, and drops files with none', () => {
    const { write, selections } = selectHunks(
      [update, add],
      new Map([
        ['/w/f.txt', [false, true, false]],
        ['/w/n.txt', [false]],
      ]),
    );
    expect(write).toHaveLength(1);
    expect(write[0]?.after).toBe(text(40, (i) => (i === 20 ? 'TWENTY' : null)));
    expect(describeSelections(selections)).toBe(
      'M f.txt (applied hunks 2 of 3; rejected hunks 1, 3)\nrejected: n.txt (not created)',
    );
  });

  it('accepts everything not mentioned', () => {
    const { write } = selectHunks([update, add], new Map());
    expect(write.map((e) => e.after)).toEqual([update.after, add.after]);
  });

  it('reviews a file too large to diff as one hunk, summarised, accepted or rejected whole', () => {
    const big = 'x'.repeat(99) + '\n';
    const huge: FileEffect = { ...update, before: big.repeat(20_000), after: `changed\n${big.repeat(19_999)}` };
    expect(contentsOf(huge).hunks).toEqual([{ header: 'diff too large: 20000 lines, 2000000 bytes', lines: [] }]);
    expect(selectHunks([huge], new Map([['/w/f.txt', [true]]])).write.map((e) => e.after)).toEqual([huge.after]);
    const rejected = selectHunks([huge], new Map([['/w/f.txt', [false]]]));
    expect(rejected.write).toEqual([]);
    expect(describeSelections(rejected.selections)).toBe('rejected: f.txt (unchanged)');
  });
});
