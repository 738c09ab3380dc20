import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type FileEffect,
  PatchApplyError,
  type PatchIO,
  PatchParseError,
  planPatch,
} from '../../../../../main/tools/apply-patch';
import { patch } from '../../../../helpers/patch-text';

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
