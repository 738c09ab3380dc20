import { describe, expect, it } from 'vitest';
import { mayUseGfm } from '../../../../renderer/state/markdown-blocks';
import {
  diffCounts,
  diffLines,
  errorAction,
  formatDuration,
  headBounded,
  parseColorized,
  parsePlanText,
  relativeTime,
  tailBounded,
} from '../../../../renderer/state/item-format';

describe('parsePlanText', () => {
  it('reads the steps and their states as plan-tool.ts writes them, after the explanation', () => {
    expect(parsePlanText('Two steps.\n- [x] Look\n- [~] Write\n- [ ] Test')).toEqual({
      explanation: 'Two steps.',
      steps: [
        { step: 'Look', status: 'completed' },
        { step: 'Write', status: 'inProgress' },
        { step: 'Test', status: 'pending' },
      ],
    });
  });
  it('has no explanation when there is none, and no plan when no line is a step', () => {
    expect(parsePlanText('- [ ] only')?.explanation).toBeNull();
    expect(parsePlanText('A plan in prose.')).toBeNull();
  });
});

describe('diffLines and diffCounts', () => {
  const diff = '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n+more\n';
  it('classifies each line of an update', () => {
    expect(diffLines(diff, 'update').map((l) => l.kind)).toEqual([
      'meta',
      'meta',
      'hunk',
      'context',
      'removed',
      'added',
      'added',
    ]);
    expect(diffCounts(diff, 'update')).toEqual({ added: 2, removed: 1 });
  });
  it('takes an added or deleted file’s content as all added or all removed', () => {
    expect(diffLines('a\nb\n', 'add')).toEqual([
      { kind: 'added', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
    expect(diffCounts('a\nb\n', 'delete')).toEqual({ added: 0, removed: 2 });
    expect(diffLines('', 'update')).toEqual([]);
  });
});

describe('tailBounded', () => {
  const text = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  it('keeps a short text whole', () => {
    expect(tailBounded(text, 100, 10_000)).toEqual({ text, omittedLines: 0, totalLines: 10 });
  });
  it('keeps the last lines and counts what it left out', () => {
    const b = tailBounded(text, 3, 10_000);
    expect(b.text).toBe('line 8\nline 9\nline 10\n');
    expect(b.omittedLines).toBe(7);
    expect(b.totalLines).toBe(10);
  });
  it('keeps at most the last characters, from a line start', () => {
    const b = tailBounded(text, 100, 16);
    expect(b.text).toBe('line 9\nline 10\n');
    expect(b.omittedLines).toBe(8);
  });
  it('handles a text without a final newline', () => {
    expect(tailBounded('a\nb\nc', 2, 100)).toEqual({ text: 'b\nc', omittedLines: 1, totalLines: 3 });
  });
});

describe('headBounded', () => {
  it('keeps the first items', () => {
    expect(headBounded([1, 2, 3], 2)).toEqual({ shown: [1, 2], omitted: 1 });
    expect(headBounded([1], 2)).toEqual({ shown: [1], omitted: 0 });
  });
});

describe('errorAction', () => {
  it('offers Settings for a refused or missing key, an unreachable server, an unknown model', () => {
    expect(errorAction({ message: 'x', codexErrorInfo: 'unauthorized' })).toBe('settings');
    expect(errorAction({ message: 'x', codexErrorInfo: { httpConnectionFailed: { httpStatusCode: null } } })).toBe(
      'settings',
    );
    expect(errorAction({ message: 'x', codexErrorInfo: 'modelNotFound' })).toBe('settings');
    expect(errorAction({ message: 'No API key is set: add your key in Settings.', codexErrorInfo: 'other' })).toBe(
      'settings',
    );
  });
  it('offers nothing more for other failures', () => {
    expect(errorAction({ message: 'The context window is full', codexErrorInfo: 'other' })).toBeNull();
    expect(errorAction(null)).toBeNull();
  });
});

describe('times in words', () => {
  const now = 1_700_000_000_000;
  it('says how long ago', () => {
    expect(relativeTime(now / 1000 - 10, now)).toBe('just now');
    expect(relativeTime(now / 1000 - 300, now)).toBe('5 min ago');
    expect(relativeTime(now / 1000 - 7200, now)).toBe('2 h ago');
    expect(relativeTime(now / 1000 - 3 * 86_400, now)).toBe('3 d ago');
    expect(relativeTime(now / 1000 + 60, now)).toBe('just now');
  });
  it('writes durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
});

describe('parseColorized', () => {
  it('turns Monaco’s colorize() output into lines of runs, entities decoded, only mtk classes kept', () => {
    const html =
      '<span><span class="mtk8">const</span><span class="mtk1">&#160;a&#160;=&#160;</span><span class="mtk5">"&lt;b&gt;&amp;"</span></span><br/>' +
      '<span><span class="mtk1 evil" onclick="x">x</span></span><br/>';
    expect(parseColorized(html)).toEqual([
      [
        { cls: 'mtk8', text: 'const' },
        { cls: 'mtk1', text: ' a = ' },
        { cls: 'mtk5', text: '"<b>&"' },
      ],
      [{ cls: 'mtk1', text: 'x' }],
    ]);
  });
  it('keeps an empty line', () => {
    expect(parseColorized('<span><span class="mtk1">a</span></span><br/><span><span></span></span><br/>')).toEqual([
      [{ cls: 'mtk1', text: 'a' }],
      [],
    ]);
  });
});

describe('mayUseGfm', () => {
  it('sees what a GitHub extension needs', () => {
    for (const t of [
      '| a | b |',
      '~~gone~~',
      '- [ ] todo',
      '- [x] done',
      'see https://x.io',
      'www.x.io',
      'a@b.io',
      'note[^1]',
    ])
      expect(mayUseGfm(t)).toBe(true);
  });
  it('lets plain prose and code go without the extensions', () => {
    expect(mayUseGfm('t0 t1 t2 **bold** and `code`, [a link](x) too.')).toBe(false);
  });
});
