import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyChunks,
  type FileEffect,
  PatchApplyError,
  type PatchIO,
  PatchParseError,
  parsePatch,
  planPatch,
  seekSequence,
  type UpdateChunk,
  writeEffects,
} from '../../../main/tools/apply-patch';

const patch = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

function parseError(text: string): PatchParseError {
  try {
    parsePatch(text);
  } catch (e) {
    if (e instanceof PatchParseError) return e;
    throw e;
  }
  throw new Error('expected a PatchParseError');
}

/** The chunk the parser should make of `lines` (each starting with ' ', '+' or '-'). */
function chunk(lines: string[], changeContext: string | null = null, isEndOfFile = false): UpdateChunk {
  const c: UpdateChunk = { changeContext, oldLines: [], newLines: [], contextOf: [], isEndOfFile };
  for (const l of lines) {
    if (l[0] !== '+') c.oldLines.push(l.slice(1));
    if (l[0] !== '-') {
      c.contextOf.push(l[0] === ' ' ? c.oldLines.length - 1 : null);
      c.newLines.push(l.slice(1));
    }
  }
  return c;
}

/** Apply a one-file update patch to `original` in memory. */
function update(original: string, ...body: string[]): string {
  const [op] = parsePatch(patch('*** Update File: f.txt', ...body));
  if (op?.type !== 'update') throw new Error('expected an update');
  return applyChunks(original, op.chunks, 'f.txt');
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
function memoryIO(files: Record<string, string>, refuse: (p: string) => boolean = () => false): PatchIO {
  return {
    resolve: async (p) => {
      if (refuse(p)) throw new RangeError(`Refused path ${p}`);
      return resolve('/ws', p);
    },
    read: async (abs) => files[relative('/ws', abs)] ?? null,
  };
}

async function planError(text: string, io: PatchIO): Promise<unknown> {
  return planPatch(text, io).then(
    () => new Error('expected planPatch to fail'),
    (e: unknown) => e,
  );
}

describe('planPatch', () => {
  it('computes every effect with its content before and after', async () => {
    const io = memoryIO({ 'upd.txt': 'a\nb\n', 'old.txt': 'x\n', 'gone.txt': 'bye\n' });
    const text = patch(
      '*** Add File: new/n.txt',
      '+hi',
      '*** Update File: upd.txt',
      '@@',
      '-b',
      '+B',
      '*** Update File: old.txt',
      '*** Move to: moved/new.txt',
      '@@',
      '-x',
      '+y',
      '*** Delete File: gone.txt',
    );
    const effects: FileEffect[] = await planPatch(text, io);
    expect(effects).toEqual([
      {
        path: 'new/n.txt',
        absPath: '/ws/new/n.txt',
        kind: 'add',
        movePath: null,
        moveAbsPath: null,
        before: null,
        after: 'hi\n',
      },
      {
        path: 'upd.txt',
        absPath: '/ws/upd.txt',
        kind: 'update',
        movePath: null,
        moveAbsPath: null,
        before: 'a\nb\n',
        after: 'a\nB\n',
      },
      {
        path: 'old.txt',
        absPath: '/ws/old.txt',
        kind: 'update',
        movePath: 'moved/new.txt',
        moveAbsPath: '/ws/moved/new.txt',
        before: 'x\n',
        after: 'y\n',
      },
      {
        path: 'gone.txt',
        absPath: '/ws/gone.txt',
        kind: 'delete',
        movePath: null,
        moveAbsPath: null,
        before: 'bye\n',
        after: null,
      },
    ]);
  });

  it('lets Add File overwrite an existing file, as Codex does, reporting the old content', async () => {
    const [effect] = await planPatch(patch('*** Add File: dup.txt', '+new'), memoryIO({ 'dup.txt': 'old\n' }));
    expect(effect).toMatchObject({ kind: 'add', before: 'old\n', after: 'new\n' });
  });

  it('refuses updates and deletes of missing files', async () => {
    const io = memoryIO({});
    expect(await planError(patch('*** Update File: nope.txt', '@@', '-a'), io)).toEqual(
      new PatchApplyError('Failed to read file to update nope.txt: the file does not exist.'),
    );
    expect(await planError(patch('*** Delete File: nope.txt'), io)).toEqual(
      new PatchApplyError('Failed to delete file nope.txt: the file does not exist.'),
    );
  });

  it('refuses a patch that touches one file twice, including through a move', async () => {
    const io = memoryIO({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const twice = await planError(patch('*** Add File: a.txt', '+x', '*** Delete File: ./a.txt'), io);
    expect(twice).toBeInstanceOf(PatchApplyError);
    expect((twice as Error).message).toContain('./a.txt (also written as a.txt) more than once');
    const viaMove = await planError(
      patch('*** Update File: a.txt', '*** Move to: b.txt', '@@', '-a', '+A', '*** Delete File: b.txt'),
      io,
    );
    expect((viaMove as Error).message).toContain('b.txt more than once');
  });

  it('treats a move onto the same file as a plain update', async () => {
    const [effect] = await planPatch(
      patch('*** Update File: a.txt', '*** Move to: ./a.txt', '@@', '-a', '+A'),
      memoryIO({ 'a.txt': 'a\n' }),
    );
    expect(effect).toMatchObject({ kind: 'update', movePath: null, moveAbsPath: null, after: 'A\n' });
  });

  it('rethrows a refused path unchanged, and reports read failures and empty patches', async () => {
    const refused = await planError(
      patch('*** Add File: ../out.txt', '+x'),
      memoryIO({}, (p) => p.startsWith('..')),
    );
    expect(refused).toEqual(new RangeError('Refused path ../out.txt'));
    const failing: PatchIO = {
      resolve: async (p) => `/ws/${p}`,
      read: async () => Promise.reject(new Error('EISDIR: illegal operation')),
    };
    expect(await planError(patch('*** Delete File: dir'), failing)).toEqual(
      new PatchApplyError('Failed to read dir: EISDIR: illegal operation'),
    );
    expect(await planError(patch(), memoryIO({}))).toEqual(new PatchApplyError('No files were modified.'));
    expect(await planError('not a patch', memoryIO({}))).toBeInstanceOf(PatchParseError);
  });
});

describe('planPatch + writeEffects on disk', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tandem-apply-patch-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const diskIO = (): PatchIO => ({
    resolve: async (p) => {
      const abs = resolve(root, p);
      const rel = relative(root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`Refused path ${p}`);
      return abs;
    },
    read: async (abs) =>
      readFile(abs, 'utf8').catch((e: unknown) => {
        if ((e as { code?: string }).code === 'ENOENT') return null;
        throw e;
      }),
  });
  const put = async (rel: string, content: string): Promise<void> => {
    await mkdir(join(root, rel, '..'), { recursive: true });
    await writeFile(join(root, rel), content);
  };
  const get = (rel: string): Promise<string> => readFile(join(root, rel), 'utf8');
  const exists = (rel: string): Promise<boolean> =>
    lstat(join(root, rel)).then(
      () => true,
      () => false,
    );
  const apply = async (text: string): Promise<void> => writeEffects(await planPatch(text, diskIO()), { roots: [root] });
  /** Every entry under root, so leftovers (temporary files, folders) are visible. */
  const tree = async (): Promise<string[]> => (await readdir(root, { recursive: true })).map(String).sort();

  it('adds, updates, moves and deletes files, creating parent folders', async () => {
    await put('src/app.py', 'def greet():\n    print("hi")\n');
    await put('old/name.txt', 'old\n');
    await put('obsolete.txt', 'bye\n');
    await apply(
      patch(
        '*** Add File: deep/new/file.txt',
        '+line one',
        '*** Update File: src/app.py',
        '@@ def greet():',
        '-    print("hi")',
        '+    print("hello")',
        '*** Update File: old/name.txt',
        '*** Move to: renamed/dir/name.txt',
        '@@',
        '-old',
        '+new',
        '*** Delete File: obsolete.txt',
      ),
    );
    expect(await get('deep/new/file.txt')).toBe('line one\n');
    expect(await get('src/app.py')).toBe('def greet():\n    print("hello")\n');
    expect(await get('renamed/dir/name.txt')).toBe('new\n');
    expect(await exists('old/name.txt')).toBe(false);
    expect(await exists('obsolete.txt')).toBe(false);
    expect(await tree()).toEqual([
      'deep',
      'deep/new',
      'deep/new/file.txt',
      'old',
      'renamed',
      'renamed/dir',
      'renamed/dir/name.txt',
      'src',
      'src/app.py',
    ]);
  });

  it('leaves the first file untouched when the second file of the patch fails', async () => {
    await put('one.txt', 'first\n');
    await put('two.txt', 'second\n');
    const text = patch(
      '*** Update File: one.txt',
      '@@',
      '-first',
      '+FIRST',
      '*** Update File: two.txt',
      '@@',
      '-missing',
      '+x',
      '*** Add File: three.txt',
      '+3',
    );
    await expect(apply(text)).rejects.toThrow('Failed to find expected lines in two.txt:\nmissing');
    expect(await get('one.txt')).toBe('first\n');
    expect(await get('two.txt')).toBe('second\n');
    expect(await tree()).toEqual(['one.txt', 'two.txt']);
  });

  it('writes CRLF and unterminated files back faithfully and keeps the file mode', async () => {
    await put('win.txt', 'a\r\nb\r\n');
    await put('tail.txt', 'x\ny');
    await chmod(join(root, 'tail.txt'), 0o751);
    await apply(
      patch(
        '*** Update File: win.txt',
        '@@',
        '-b',
        '+B',
        '*** Update File: tail.txt',
        '*** Move to: moved.txt',
        '@@',
        '-x',
        '+X',
      ),
    );
    expect(await get('win.txt')).toBe('a\r\nB\r\n');
    expect(await get('moved.txt')).toBe('X\ny');
    expect((await stat(join(root, 'moved.txt'))).mode & 0o777).toBe(0o751);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    await put('real.txt', 'v1\n');
    await symlink('real.txt', join(root, 'link.txt'));
    await apply(patch('*** Update File: link.txt', '@@', '-v1', '+v2'));
    expect(await readlink(join(root, 'link.txt'))).toBe('real.txt');
    expect(await get('real.txt')).toBe('v2\n');
  });

  it('undoes renames already done when a later write fails, and removes the folders it made', async () => {
    await put('a.txt', 'a\n');
    await put('b.txt', 'b\n');
    await put('blocker/inside.txt', 'keep\n'); // a non-empty folder cannot be replaced by a file
    const effects = await planPatch(
      patch(
        '*** Update File: a.txt',
        '@@',
        '-a',
        '+A',
        '*** Delete File: b.txt',
        '*** Add File: new/dir/c.txt',
        '+c',
        '*** Add File: x.txt',
        '+x',
      ),
      diskIO(),
    );
    const blocked: FileEffect = { ...effects[3]!, path: 'blocker', absPath: join(root, 'blocker') };
    await expect(writeEffects([effects[0]!, effects[1]!, effects[2]!, blocked], { roots: [root] })).rejects.toThrow();
    expect(await get('a.txt')).toBe('a\n');
    expect(await get('b.txt')).toBe('b\n');
    expect(await tree()).toEqual(['a.txt', 'b.txt', 'blocker', 'blocker/inside.txt']);
  });

  it('restores moved and overwritten files when a removal fails', async () => {
    await put('src.txt', 'src\n');
    await put('dest.txt', 'dest\n');
    await chmod(join(root, 'src.txt'), 0o640);
    await mkdir(join(root, 'folder'));
    const effects = await planPatch(
      patch('*** Update File: src.txt', '*** Move to: dest.txt', '@@', '-src', '+moved'),
      diskIO(),
    );
    const removeFolder: FileEffect = {
      path: 'folder',
      absPath: join(root, 'folder'),
      kind: 'delete',
      movePath: null,
      moveAbsPath: null,
      before: '',
      after: null,
    };
    await expect(writeEffects([...effects, removeFolder], { roots: [root] })).rejects.toThrow();
    expect(await get('src.txt')).toBe('src\n');
    expect((await stat(join(root, 'src.txt'))).mode & 0o777).toBe(0o640);
    expect(await get('dest.txt')).toBe('dest\n');
    expect(await tree()).toEqual(['dest.txt', 'folder', 'src.txt']);
  });
});
