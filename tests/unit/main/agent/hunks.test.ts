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

  it('makes each run of changed lines its own hunk, even three lines from the next, with context that stops at its neighbour', () => {
    // Changes at lines 5 and 9 (three unchanged lines between), and at 30–31: a unified diff with
    // 3 lines of context would make the first two one hunk.
    const near: FileEffect = {
      ...update,
      after: text(40, (i) => (i === 5 ? 'FIVE' : i === 9 ? 'NINE' : i === 30 ? 'THIRTY' : i === 31 ? 'X' : null)),
    };
    const { hunks } = contentsOf(near);
    expect(hunks.map((h) => h.header)).toEqual(['@@ -2,7 +2,7 @@', '@@ -6,7 +6,7 @@', '@@ -27,8 +27,8 @@']);
    expect(hunks[0]?.lines).toEqual([' l2', ' l3', ' l4', '-l5', '+FIVE', ' l6', ' l7', ' l8']);
    expect(hunks[1]?.lines).toEqual([' l6', ' l7', ' l8', '-l9', '+NINE', ' l10', ' l11', ' l12']);
    expect(hunks[2]?.lines).toEqual([' l27', ' l28', ' l29', '-l30', '-l31', '+THIRTY', '+X', ' l32', ' l33', ' l34']);

    // Each combination writes exactly the chosen runs.
    const pick = (accepted: boolean[]): string | null | undefined =>
      selectHunks([near], new Map([['/w/f.txt', accepted]])).write[0]?.after;
    expect(pick([true, false, false])).toBe(text(40, (i) => (i === 5 ? 'FIVE' : null)));
    expect(pick([false, true, false])).toBe(text(40, (i) => (i === 9 ? 'NINE' : null)));
    expect(pick([false, true, true])).toBe(
      text(40, (i) => (i === 9 ? 'NINE' : i === 30 ? 'THIRTY' : i === 31 ? 'X' : null)),
    );
    expect(pick([true, true, true])).toBe(near.after);
    expect(selectHunks([near], new Map([['/w/f.txt', [false, false, false]]])).write).toEqual([]);
  });

  it('keeps insertions, removals and a missing final newline exact when only some hunks are accepted', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng';
    const after = 'new\na\nb\nd\ne\nf\ng!';
    const e: FileEffect = { ...update, before, after };
    const { hunks } = contentsOf(e);
    expect(hunks).toHaveLength(3);
    expect(hunks[2]?.lines).toEqual([
      ' d',
      ' e',
      ' f',
      '-g',
      '\\ No newline at end of file',
      '+g!',
      '\\ No newline at end of file',
    ]);
    const pick = (accepted: boolean[]): string | null | undefined =>
      selectHunks([e], new Map([['/w/f.txt', accepted]])).write[0]?.after;
    expect(pick([true, false, false])).toBe('new\na\nb\nc\nd\ne\nf\ng');
    expect(pick([false, true, false])).toBe('a\nb\nd\ne\nf\ng');
    expect(pick([false, false, true])).toBe('a\nb\nc\nd\ne\nf\ng!');
  });

  it('writes the user’s edited version of a file and tells the model how it differs from the proposal', () => {
    const edited = text(40, (i) =>
      i === 3 ? 'THREE' : i === 20 ? 'twenty, as the user wants it' : i === 37 ? 'X' : null,
    );
    const { write, selections } = selectHunks(
      [update, add],
      new Map([['/w/f.txt', [false, false, false]]]),
      new Map([['/w/f.txt', edited]]),
    );
    expect(write.map((w) => w.after)).toEqual([edited, add.after]);
    const told = describeSelections(selections);
    expect(told).toContain('M f.txt (edited by the user before applying');
    expect(told).toContain('-TWENTY\n+twenty, as the user wants it');
    expect(told).toContain('--- f.txt\tproposed');
    // An "edit" that is the proposal itself is no edit.
    expect(selectHunks([update], new Map(), new Map([['/w/f.txt', update.after ?? '']])).selections[0]?.edited).toBe(
      undefined,
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
