/**
 * A folder of the workspace flipped between a real folder and a symbolic link to a folder
 * outside, hundreds of times, while the built CLI applies hundreds of patches into it: no file
 * and no temporary may ever land outside the workspace (issue 10, race-free writes).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import type { ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { outsideDir, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const outside: string[] = [];
afterEach(async () => {
  await Promise.all(outside.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const PATCHES = 300;
const PER_CALL = 10;
const FLIPS = 300;

/**
 * Flips `d` (a real folder) to a link to `out` and back, at least FLIPS times and until `stop`
 * exists. The folder is moved aside (inside the workspace) rather than deleted, and every step
 * tolerates the server having just made `d` again.
 */
const FLIPPER = `
const fs = require('node:fs');
const [d, out, stop] = process.argv.slice(2);
const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let flips = 0;
for (let i = 0; flips < ${FLIPS} || !fs.existsSync(stop); i++) {
  try { fs.renameSync(d, d + '.aside' + i); } catch {}
  try { fs.symlinkSync(out, d); flips++; } catch {}
  nap(1);
  try { if (fs.lstatSync(d).isSymbolicLink()) fs.unlinkSync(d); } catch {}
  try { fs.mkdirSync(d); } catch {}
  nap(1);
}
process.stdout.write(String(flips));
`;

const addPatch = (n: number): string => `*** Begin Patch\n*** Add File: d/f${n}.txt\n+file ${n}\n*** End Patch\n`;

describe('symlink swap during apply_patch (built CLI)', () => {
  it('writes nothing outside the workspace while a folder flips to a link outside', async () => {
    const calls = PATCHES / PER_CALL;
    const script = (_req: never, i: number): ScriptedCall =>
      i < calls
        ? {
            outputs: Array.from({ length: PER_CALL }, (_, j) => ({
              type: 'custom_tool_call' as const,
              name: 'apply_patch',
              input: addPatch(i * PER_CALL + j),
              callId: `p${i}-${j}`,
            })),
          }
        : { outputs: [{ type: 'message', text: 'done' }] };
    const fake = await fakeModel(script);
    const ws = await h.tempDir('tandem-ws-');
    const out = await outsideDir();
    outside.push(out);
    const stop = join(await h.tempDir('tandem-stop-'), 'stop');
    const flipperFile = join(await h.tempDir('tandem-flipper-'), 'flip.cjs');
    await writeFile(flipperFile, FLIPPER);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(ws, 'd'));

    const client = h.stdio({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-swap-test',
      HOME: await h.tempDir('tandem-user-'),
    });
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd: ws,
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
    });

    const flipper = spawn(process.execPath, [flipperFile, join(ws, 'd'), out, stop], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let flips = '';
    flipper.stdout.setEncoding('utf8').on('data', (s: string) => (flips += s));
    const { turn } = await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    await client.waitFor(
      (m) => m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === turn.id,
      60_000,
    );
    await writeFile(stop, '');
    await once(flipper, 'exit');

    expect(Number(flips)).toBeGreaterThanOrEqual(FLIPS);
    const items = client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item);
    const patches = items.filter((i) => i.type === 'fileChange');
    // Each patch ran: some were written (the folder was real), the rest refused.
    expect(fake.modelCalls.length).toBe(calls + 1);
    expect(patches.filter((i) => i.status === 'completed').length).toBeGreaterThan(0);

    // Nothing outside: no target, no temporary file.
    expect(await readdir(out, { recursive: true })).toEqual([]);
    // And no temporary left inside either.
    const inside = (await readdir(ws, { recursive: true })).map(String);
    expect(inside.filter((p) => /tandem-tmp|\.tmp$/.test(p))).toEqual([]);
  }, 90_000);
});
