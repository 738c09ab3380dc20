import { describe, expect, it } from 'vitest';
import { PatchParseError, parsePatch } from '../../../../../main/tools/apply-patch';
import { patch, chunk } from '../../../../helpers/patch-text';

function parseError(text: string): PatchParseError {
  try {
    parsePatch(text);
  } catch (e) {
    if (e instanceof PatchParseError) return e;
    throw e;
  }
  throw new Error('expected a PatchParseError');
}

describe('parsePatch', () => {
  it('parses add, delete and update-with-move operations', () => {
    const ops = parsePatch(
      patch(
        '*** Add File: path/add.py',
        '+abc',
        '+def',
        '*** Delete File: path/delete.py',
        '*** Update File: path/update.py',
        '*** Move to: path/update2.py',
        '@@ def f():',
        '-    pass',
        '+    return 123',
      ),
    );
    expect(ops).toEqual([
      { type: 'add', path: 'path/add.py', contents: 'abc\ndef\n' },
      { type: 'delete', path: 'path/delete.py' },
      {
        type: 'update',
        path: 'path/update.py',
        movePath: 'path/update2.py',
        chunks: [chunk(['-    pass', '+    return 123'], 'def f():')],
      },
    ]);
  });

  it('accepts an empty Add File, and an update followed by another operation', () => {
    expect(
      parsePatch(patch('*** Add File: empty.txt', '*** Update File: a.py', '@@', '+line', '*** Add File: b.py', '+x')),
    ).toEqual([
      { type: 'add', path: 'empty.txt', contents: '' },
      { type: 'update', path: 'a.py', movePath: null, chunks: [chunk(['+line'])] },
      { type: 'add', path: 'b.py', contents: 'x\n' },
    ]);
  });

  it('records which new lines repeat which context lines', () => {
    const [op] = parsePatch(patch('*** Update File: f', '@@', ' a', '-b', '+B', '', ' c', '+d'));
    expect(op?.type === 'update' && op.chunks[0]).toEqual({
      changeContext: null,
      oldLines: ['a', 'b', '', 'c'],
      newLines: ['a', 'B', '', 'c', 'd'],
      contextOf: [0, null, 2, 3, null],
      isEndOfFile: false,
    });
  });

  it('lets the first chunk omit @@ and splits later chunks at each @@', () => {
    const [op] = parsePatch(
      patch('*** Update File: f.py', ' import foo', '+bar', '@@ class A:', '-x', '+y', '@@', ' z', '-w'),
    );
    expect(op).toEqual({
      type: 'update',
      path: 'f.py',
      movePath: null,
      chunks: [chunk([' import foo', '+bar']), chunk(['-x', '+y'], 'class A:'), chunk([' z', '-w'])],
    });
  });

  it('marks a chunk anchored by *** End of File', () => {
    const [op] = parsePatch(patch('*** Update File: f', '@@', ' last', '+appended', '*** End of File'));
    expect(op?.type === 'update' && op.chunks).toEqual([chunk([' last', '+appended'], null, true)]);
  });

  it('treats blank lines in a hunk as empty context and skips blank lines between operations', () => {
    const ops = parsePatch(
      patch(
        '*** Update File: f',
        '@@',
        ' a',
        '',
        '-b',
        '+c',
        '*** Add File: g',
        '+1',
        '',
        '+3',
        '',
        '*** Delete File: h',
      ),
    );
    expect(ops).toEqual([
      { type: 'update', path: 'f', movePath: null, chunks: [chunk([' a', ' ', '-b', '+c'])] },
      { type: 'add', path: 'g', contents: '1\n\n3\n' },
      { type: 'delete', path: 'h' },
    ]);
  });

  it('tolerates padded markers, CRLF patch text and surrounding blank lines', () => {
    const text = '\n\n*** Begin Patch \r\n  *** Update File: foo.txt\r\n@@\r\n-old\r\n+new\r\n *** End Patch\r\n\n';
    expect(parsePatch(text)).toEqual([
      { type: 'update', path: 'foo.txt', movePath: null, chunks: [chunk(['-old', '+new'])] },
    ]);
  });

  it('reads "@@ " with only trailing whitespace as a bare @@', () => {
    const [op] = parsePatch(patch('*** Update File: f', '@@ ', '-a', '+b'));
    expect(op?.type === 'update' && op.chunks[0]?.changeContext).toBeNull();
  });

  it.each([
    ['<<EOF', 'EOF'],
    ["<<'EOF'", 'EOF'],
    ['<<"EOF"', 'EOF'],
    ["apply_patch <<'PATCH'", 'PATCH'],
    ['applypatch <<EOF', 'EOF'],
  ])('unwraps a heredoc opened by %s', (open, close) => {
    const text = `${open}\n${patch('*** Add File: a.txt', '+hi')}\n${close}\n`;
    expect(parsePatch(text)).toEqual([{ type: 'add', path: 'a.txt', contents: 'hi\n' }]);
  });

  it('rejects a heredoc with mismatched quotes or a missing End Patch inside it', () => {
    expect(parseError(`<<"EOF'\n${patch('*** Add File: a', '+x')}\nEOF`).message).toBe(
      "Invalid patch: The first line of the patch must be '*** Begin Patch' (line 1)",
    );
    expect(parseError('<<EOF\n*** Begin Patch\n*** Update File: f\nEOF\n').message).toBe(
      "Invalid patch: The last line of the patch must be '*** End Patch' (line 3)",
    );
  });

  it('reports missing boundaries with the line number', () => {
    expect(parseError('bad').line).toBe(1);
    expect(parseError('').message).toContain("must be '*** Begin Patch'");
    const e = parseError('*** Begin Patch\n*** Add File: a\n+x');
    expect(e.message).toBe("Invalid patch: The last line of the patch must be '*** End Patch' (line 3)");
  });

  it('names the line of an invalid hunk header, counting leading blank lines and heredoc lines', () => {
    const msg =
      "Invalid patch hunk on line 4: 'bad' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";
    expect(parseError(patch('*** Add File: a', '+x', 'bad')).message).toBe(msg);
    expect(parseError(`\n\n${patch('*** Add File: a', '+x', 'bad')}`).line).toBe(6);
    expect(parseError(`<<'EOF'\n${patch('*** Add File: a', '+x', 'bad')}\nEOF`).line).toBe(5);
  });

  it('rejects empty and malformed update hunks with the offending line', () => {
    expect(parseError(patch('*** Update File: test.py')).message).toBe(
      "Invalid patch hunk on line 2: Update file hunk for path 'test.py' is empty",
    );
    expect(parseError(patch('*** Add File: a', '*** Update File: f', '@@')).message).toBe(
      'Invalid patch hunk on line 5: Update hunk does not contain any lines',
    );
    expect(parseError(patch('*** Update File: f', '@@', '*** End of File')).message).toBe(
      'Invalid patch hunk on line 4: Update hunk does not contain any lines',
    );
    const unexpected = parseError(patch('*** Update File: f', '@@', 'bad'));
    expect(unexpected.line).toBe(4);
    expect(unexpected.message).toContain(
      "Unexpected line found in update hunk: 'bad'. Every line should start with ' ' (context line)",
    );
    expect(parseError(patch('*** Update File: f', '@@', '-a', '+b', 'oops')).message).toBe(
      "Invalid patch hunk on line 6: Expected update hunk to start with a @@ context marker, got: 'oops'",
    );
  });
});
