/**
 * The CLI's V8 code cache (main/cli-loader.ts): the build leaves one cache, named for the bundle it
 * belongs to; a server started from it answers and leaves it as it was; and a bundle that changed
 * without a build never runs with the old cache (it gets its own).
 */
import { copyFile, mkdtemp, readFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, spawnServer } from '../helpers/test-client';
import { useHarness } from '../helpers/harness';

const h = useHarness();
const DIR = join(CLI, '..');
const caches = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((f) => /^tandem-main\.cjs\.(.*\.)?cache$/.test(f)).sort();

describe('the CLI code cache', () => {
  it('is one file named for the built bundle, used as it is', async () => {
    const { size, mtimeMs } = await stat(join(DIR, 'tandem-main.cjs'));
    expect(await caches(DIR)).toEqual([`tandem-main.cjs.${size}-${Math.trunc(mtimeMs)}.cache`]);
    const before = await readFile(join(DIR, (await caches(DIR))[0] ?? ''));
    const client = h.stdio({ TANDEM_HOME: await h.tempDir() });
    await client.initialize();
    expect((await client.request('thread/list', {})).data).toEqual([]);
    await client.close();
    expect(await caches(DIR)).toHaveLength(1);
    expect((await readFile(join(DIR, (await caches(DIR))[0] ?? ''))).equals(before)).toBe(true);
  });

  it('is not used for a bundle that changed after the build', async () => {
    // A copy of the CLI whose bundle has the same length but another time: a different file to V8's check.
    const dir = await mkdtemp(join(tmpdir(), 'tandem-cli-copy-'));
    try {
      for (const f of await readdir(DIR)) await copyFile(join(DIR, f), join(dir, f));
      await utimes(join(dir, 'tandem-main.cjs'), new Date(), new Date(Date.now() + 60_000));
      const client = spawnServer(process.execPath, [join(dir, 'tandem.cjs'), 'app-server'], {
        ...process.env,
        TANDEM_HOME: await h.tempDir(),
      });
      await client.initialize();
      await client.close();
      const { size, mtimeMs } = await stat(join(dir, 'tandem-main.cjs'));
      expect(await caches(dir)).toContain(`tandem-main.cjs.${size}-${Math.trunc(mtimeMs)}.cache`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
