/**
 * Tandem's home edited by another program, against the built CLI: index entries that name paths,
 * thread files that are links to files elsewhere, an index replaced by a link, and records
 * holding shell syntax. Loading never follows a path out of the home, never writes through a
 * link, never runs anything, and says what it ignored in the log.
 */
import { existsSync } from 'node:fs';
import { appendFile, lstat, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';

const h = useHarness();

/** A home with one real thread, made by the CLI itself; the server is stopped afterwards. */
async function homeWithThread(): Promise<{ home: string; cwd: string; id: string; file: string }> {
  const home = await h.tempDir('tandem-home-');
  const cwd = await h.tempDir('tandem-ws-');
  const client = h.stdio({ TANDEM_HOME: home });
  await client.initialize();
  const { thread } = await client.request('thread/start', { cwd });
  await client.request('thread/name/set', { threadId: thread.id, name: 'real' });
  await client.close();
  return { home, cwd, id: thread.id, file: join(home, 'threads', `${thread.id}.jsonl`) };
}

/** A thread file elsewhere, as good as a real one, with thread id `id`. */
async function foreignThreadFile(realFile: string, id: string, dir: string): Promise<string> {
  const [header] = (await readFile(realFile, 'utf8')).split('\n');
  const path = join(dir, `${id}.jsonl`);
  await writeFile(path, `${JSON.stringify({ ...(JSON.parse(header ?? '{}') as object), id })}\n`);
  return path;
}

describe("Tandem's home edited by another program", () => {
  it('ignores index entries that name paths and thread files that are links, and never writes through them', async () => {
    const { home, cwd, id, file } = await homeWithThread();
    const outside = await h.tempDir('tandem-outside-');
    const marker = join(outside, 'ran');
    const threads = join(home, 'threads');
    // Index entries whose id is a path out of the home, relative and absolute.
    const entry = (entryId: string): string =>
      `${JSON.stringify({ meta: { id: entryId, updatedAtMs: Date.now(), cwd, name: 'evil' }, bytes: 1 })}\n`;
    await appendFile(
      join(threads, 'index.jsonl'),
      entry('../../etc/passwd') + entry('/etc/passwd') + entry(`../${outside}/x`),
    );
    // A valid-looking thread whose file is a link to a file outside the home.
    const linkedId = '01900000-0000-7000-8000-00000000beef';
    const target = await foreignThreadFile(file, linkedId, outside);
    const targetBefore = await readFile(target, 'utf8');
    await symlink(target, join(threads, `${linkedId}.jsonl`));
    // A record holding shell syntax: it is data, never run.
    await appendFile(
      file,
      `${JSON.stringify({ t: 'name', at: Date.now(), name: `$(touch ${marker}) \`touch ${marker}\`` })}\n`,
    );

    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize();
    const listed = (await client.request('thread/list', {})).data;
    expect(listed.map((t) => t.id)).toEqual([id]);
    expect(listed[0]?.name).toContain('$(touch');
    // The linked thread cannot be resumed or written to; the real one can.
    await expect(client.request('thread/resume', { threadId: linkedId })).rejects.toMatchObject({ code: -32004 });
    await expect(
      client.request('thread/name/set', { threadId: linkedId, name: 'written through a link' }),
    ).rejects.toMatchObject({});
    await client.request('thread/resume', { threadId: id });
    await client.request('thread/name/set', { threadId: id, name: 'still mine' });
    await client.close();

    expect(await readFile(target, 'utf8')).toBe(targetBefore);
    expect(existsSync(marker)).toBe(false);
    const log = client.stderr.join('');
    expect(log).toMatch(/ignored 3 entries whose id is not a thread id/);
    expect(log).toMatch(new RegExp(`${linkedId}\\.jsonl: skipped \\(a symbolic link`));
  }, 60_000);

  it('replaces an index that is a link with a file of its own, leaving the link target untouched', async () => {
    const { home, id } = await homeWithThread();
    const outside = await h.tempDir('tandem-outside-');
    const target = join(outside, 'bashrc');
    await writeFile(target, 'export PATH=/usr/bin\n');
    const index = join(home, 'threads', 'index.jsonl');
    await rm(index);
    await symlink(target, index);

    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize();
    expect((await client.request('thread/list', {})).data.map((t) => t.id)).toEqual([id]);
    await client.request('thread/resume', { threadId: id });
    await client.request('thread/name/set', { threadId: id, name: 'renamed' });
    await client.close();

    expect(await readFile(target, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect((await lstat(index)).isFile()).toBe(true);
    expect(await readFile(index, 'utf8')).toContain('renamed');
    expect(client.stderr.join('')).toMatch(/index\.jsonl is a symbolic link; Tandem never follows links in its home/);
    // No temporary file is left in the threads folder.
    expect((await readdir(join(home, 'threads'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('refuses to append to a thread file swapped for a link after it was listed', async () => {
    const { home, id, file } = await homeWithThread();
    const outside = await h.tempDir('tandem-outside-');
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize();
    expect((await client.request('thread/list', {})).data.map((t) => t.id)).toEqual([id]);
    const copy = join(outside, 'copy.jsonl');
    await writeFile(copy, await readFile(file));
    const before = await readFile(copy, 'utf8');
    await rm(file);
    await symlink(copy, file);
    await expect(client.request('thread/name/set', { threadId: id, name: 'through the link' })).rejects.toMatchObject(
      {},
    );
    await client.close();
    expect(await readFile(copy, 'utf8')).toBe(before);
  }, 60_000);
});
