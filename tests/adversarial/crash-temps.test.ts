/**
 * Temporary files a crash leaves in the workspace (killed between writing a temporary and
 * renaming it) are removed when the next server starts, from the journal the dead server kept
 * in Tandem's home — and nothing else is (issue 10).
 */
import { spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { patchCall, done } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { outsideDir, readOrNull, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const outside: string[] = [];
afterEach(async () => {
  await Promise.all(outside.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const temps = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true })).map(String).filter((p) => /tandem-tmp|\.tmp$/.test(p));

/** Wait (bounded) until `check` holds; the server cleans up right after it starts. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

describe('temporary files left by a crash (built CLI)', () => {
  it('removes the journalled temporaries of a dead server at start, and only those', async () => {
    const home = await h.tempDir('tandem-home-');
    const ws = await h.tempDir('tandem-ws-');
    const out = await outsideDir();
    outside.push(out);
    // A process that is gone: its pid names the journal.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const left = join(ws, 'src', `.tandem-tmp-${dead}-0123456789ab`);
    const notATemp = join(ws, 'keep.txt');
    await mkdir(join(ws, 'src'));
    await writeFile(left, 'half a file');
    await writeFile(notATemp, 'mine');
    // A journalled temporary behind a link to outside is not followed.
    await writeFile(join(out, `.tandem-tmp-${dead}-ffffffffffff`), 'outside');
    await symlink(out, join(ws, 'link'));
    await mkdir(join(home, 'temp-journal'));
    const lines = [left, notATemp, join(ws, 'link', `.tandem-tmp-${dead}-ffffffffffff`)].map((path) =>
      JSON.stringify({ root: ws, path }),
    );
    await writeFile(join(home, 'temp-journal', `${dead}.jsonl`), `${lines.join('\n')}\n`);

    const client = h.stdio({
      TANDEM_HOME: home,
      OPENAI_API_KEY: 'sk-crash-temps',
      HOME: await h.tempDir('tandem-user-'),
    });
    await client.initialize();
    expect(await eventually(async () => (await readOrNull(left)) === null)).toBe(true);
    expect(await readOrNull(notATemp)).toBe('mine');
    expect(await readOrNull(join(out, `.tandem-tmp-${dead}-ffffffffffff`))).toBe('outside');
    expect(await eventually(async () => !(await readdir(join(home, 'temp-journal'))).includes(`${dead}.jsonl`))).toBe(
      true,
    );
  });

  it('a server killed while writing a large patch leaves no temporary after the next start', async () => {
    const home = await h.tempDir('tandem-home-');
    const ws = await h.tempDir('tandem-ws-');
    const big = Array.from({ length: 200_000 }, (_, i) => `row ${i} ${'x'.repeat(90)}`);
    await writeFile(join(ws, 'big.txt'), `${big.join('\n')}\n`);
    // A small change to a 20 MB file: the new content is written to a temporary, then renamed.
    const fake = await fakeModel([
      patchCall('p1', `*** Begin Patch\n*** Update File: big.txt\n@@\n-${big[0]}\n+changed\n*** End Patch\n`),
      done,
    ]);
    const env = {
      TANDEM_HOME: home,
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-crash-temps',
      HOME: await h.tempDir('tandem-user-'),
    };
    const client = h.stdio(env);
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd: ws,
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
    });
    // Killed the moment a temporary appears (before it can be renamed into place).
    let killed = false;
    const watcher = watch(ws, (_event, name) => {
      if (!killed && name !== null && /tandem-tmp|\.tmp$/.test(String(name))) {
        killed = true;
        client.child.kill('SIGKILL');
      }
    });
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    const exited = await eventually(async () => client.child.exitCode !== null || client.child.signalCode !== null);
    watcher.close();
    expect(exited && killed).toBe(true);
    expect((await temps(ws)).length).toBeGreaterThan(0);

    const again = h.stdio(env);
    await again.initialize();
    expect(await eventually(async () => (await temps(ws)).length === 0)).toBe(true);
    // The file is either as it was or fully changed, never half-written.
    const now = await readOrNull(join(ws, 'big.txt'));
    expect([`${big.join('\n')}\n`, `changed\n${big.slice(1).join('\n')}\n`]).toContain(now);
  });
});
