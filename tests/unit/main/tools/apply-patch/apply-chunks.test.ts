import { describe, expect, it } from 'vitest';
import { applyChunks, PatchApplyError, seekSequence } from '../../../../../main/tools/apply-patch';
import { chunk, update } from '../../../../helpers/patch-text';

describe('seekSequence', () => {
  const lines = ['  foo', 'foo  ', 'foo', 'bar'];
  it('prefers an exact match, then trailing-whitespace, then trimmed, then punctuation-normalised', () => {
    expect(seekSequence(lines, ['foo'], 0, false)).toBe(2);
    expect(seekSequence(['  foo', 'foo  '], ['foo'], 0, false)).toBe(1);
    expect(seekSequence(['x', '  foo\t'], ['foo'], 0, false)).toBe(1);
    expect(seekSequence(['a \u2013 \u201Cb\u201D\u00A0c'], ['a - "b" c'], 0, false)).toBe(0);
    expect(seekSequence(lines, ['baz'], 0, false)).toBeNull();
  });

  it('searches from start, anchors at the end with eof, and handles edge sizes', () => {
    expect(seekSequence(['a', 'b', 'a', 'b'], ['a', 'b'], 1, false)).toBe(2);
    expect(seekSequence(['a', 'b', 'a', 'b'], ['a', 'b'], 0, true)).toBe(2);
    expect(seekSequence(['a', 'b', 'c'], ['a', 'b'], 0, true)).toBeNull();
    expect(seekSequence(['a'], [], 1, false)).toBe(1);
    expect(seekSequence(['a'], ['a', 'b', 'c'], 0, false)).toBeNull();
  });
});

describe('applyChunks', () => {
  it('replaces lines in several chunks, seeking each @@ context after the previous chunk', () => {
    const original = 'def a():\n    return 1\n\ndef b():\n    return 1\n';
    expect(update(original, '@@ def b():', '-    return 1', '+    return 2')).toBe(
      'def a():\n    return 1\n\ndef b():\n    return 2\n',
    );
    expect(update('foo\nbar\nbaz\nqux\n', '@@', ' foo', '-bar', '+BAR', '@@', ' baz', '-qux', '+QUX')).toBe(
      'foo\nBAR\nbaz\nQUX\n',
    );
  });

  it('says which context or lines it could not find', () => {
    expect(() => update('a\nb\n', '@@ def missing():', '-a')).toThrow(
      new PatchApplyError("Failed to find context 'def missing():' in f.txt"),
    );
    expect(() => update('a\nb\n', '@@', ' a', '-c', '+d')).toThrow(
      new PatchApplyError('Failed to find expected lines in f.txt:\na\nc'),
    );
    // Chunks apply in order: the second chunk may not match lines before the first.
    expect(() => update('x\ny\n', '@@', '-y', '+Y', '@@', '-x', '+X')).toThrow(PatchApplyError);
  });

  it('anchors an *** End of File chunk at the last lines', () => {
    expect(update('end\nmiddle\nend\n', '@@', '-end', '+END', '*** End of File')).toBe('end\nmiddle\nEND\n');
    expect(() => update('end\nmiddle\n', '@@', '-end', '+END', '*** End of File')).toThrow(PatchApplyError);
    expect(
      update(
        'a\nb\nc\nd\ne\nf\n',
        '@@',
        ' a',
        '-b',
        '+B',
        '@@',
        ' c',
        ' d',
        '-e',
        '+E',
        '@@',
        ' f',
        '+g',
        '*** End of File',
      ),
    ).toBe('a\nB\nc\nd\nE\nf\ng\n');
  });

  it('matches context despite whitespace and typographic punctuation differences', () => {
    // The context line matched fuzzily keeps the file's own text; only changed lines change.
    expect(update('    if x:   \n        go()\n', '@@', ' if x:', '-go()', '+stop()')).toBe('    if x:   \nstop()\n');
    const original = 'import asyncio  # local import \u2013 avoids top\u2011level dep\n';
    expect(
      update(original, '@@', '-import asyncio  # local import - avoids top-level dep', '+import asyncio  # HELLO'),
    ).toBe('import asyncio  # HELLO\n');
  });

  it('appends a pure addition at the end of the file, before a final blank line', () => {
    expect(update('line1\nline2\n', '@@', '+added 1', '+added 2')).toBe('line1\nline2\nadded 1\nadded 2\n');
    expect(update('a\n\n', '@@', '+b')).toBe('a\nb\n\n');
    expect(update('', '@@', '+first')).toBe('first\n');
  });

  it('drops a trailing empty old line that stands for the final newline', () => {
    expect(applyChunks('a\nb\n', [chunk(['-b', '+c', ' '])], 'f')).toBe('a\nc\n');
  });

  it('deletes lines and can empty a file', () => {
    expect(update('keep\ndrop\nkeep2\n', '@@', ' keep', '-drop', ' keep2')).toBe('keep\nkeep2\n');
    expect(update('only\n', '@@', '-only')).toBe('');
  });

  it('keeps CRLF line endings, including on inserted lines, and each untouched line its own', () => {
    expect(update('one\r\ntwo\r\nthree\r\n', '@@', ' one', '-two', '+2', '+2b')).toBe('one\r\n2\r\n2b\r\nthree\r\n');
    expect(update('a\r\nb\nc\n', '@@', '-c', '+C')).toBe('a\r\nb\nC\r\n');
  });

  it('keeps a missing final newline missing', () => {
    expect(update('a\nb', '@@', '-a', '+A')).toBe('A\nb');
    expect(update('a\nb', '@@', ' b', '+c')).toBe('a\nb\nc');
    expect(update('a\r\nb', '@@', '-b', '+B')).toBe('a\r\nB');
    expect(update('a\nb', '@@', '-b')).toBe('a');
  });

  it('handles non-ASCII text', () => {
    expect(update('héllo ✓\n日本語\n🙂 smile\n', '@@', ' 日本語', '-🙂 smile', '+😀 grin')).toBe(
      'héllo ✓\n日本語\n😀 grin\n',
    );
  });
});

/** An in-memory PatchIO over `files` (paths relative to /ws). */
