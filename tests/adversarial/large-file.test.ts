/**
 * One file change of tens of megabytes costs bounded memory, notifications and thread-file
 * bytes (issue 10): the diff is summarised for clients and the model, the file is written once,
 * the baseline is stored out of line once per content, and revert and undo still restore it
 * exactly — through the built CLI, across a restart.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { done, patchCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import type { StdioClient } from '../helpers/test-client';
import { readOrNull, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const MiB = 1024 * 1024;
const row = (i: number): string => `row ${i} ${'x'.repeat(90)}\n`;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** The server's peak resident memory so far (VmHWM), in bytes. */
async function peakRss(client: StdioClient): Promise<number> {
  const status = await readFile(`/proc/${client.child.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

const largestMessage = (client: StdioClient): number =>
  Math.max(...client.received.map((m) => JSON.stringify(m).length));

describe('a change to a very large file (built CLI)', () => {
  it('keeps memory, notifications and the thread file small, and reverts and undoes it exactly', async () => {
    const ws = await h.tempDir('tandem-ws-');
    const home = await h.tempDir('tandem-home-');
    // 60 MB: about 600,000 lines.
    const big = Buffer.from(Array.from({ length: 620_000 }, (_, i) => row(i)).join(''));
    await writeFile(join(ws, 'big.txt'), big);
    const added = Array.from({ length: 15_000 }, (_, i) => `+added ${i} ${'y'.repeat(90)}`).join('\n');
    const patch = `*** Begin Patch\n*** Update File: big.txt\n@@\n-${row(0).trimEnd()}\n+row 0 changed\n*** Add File: added.txt\n${added}\n*** End Patch\n`;
    const fake = await fakeModel([patchCall('p1', patch), done]);
    const env = {
      TANDEM_HOME: home,
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-large-file',
      HOME: await h.tempDir('tandem-user-'),
    };

    const client = h.stdio(env);
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd: ws,
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
    });
    const threadId = thread.id;
    const { turn } = await client.request('turn/start', { threadId, input: [{ type: 'text', text: 'edit' }] });
    await client.waitFor(
      (m) => m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === turn.id,
      60_000,
    );

    const changed = await readFile(join(ws, 'big.txt'));
    expect(changed.subarray(0, 14).toString()).toBe('row 0 changed\n');
    expect(changed.length).toBe(big.length - row(0).length + 14);
    expect((await stat(join(ws, 'added.txt'))).size).toBeGreaterThan(MiB);

    // Clients (and the model's view of the item) get a summary, not the text.
    const item = client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .find((i) => i.type === 'fileChange');
    expect(item).toMatchObject({ status: 'completed' });
    const diffs = item?.type === 'fileChange' ? item.changes.map((c) => c.diff) : [];
    expect(diffs).toEqual([
      expect.stringMatching(/^diff too large: 620000 lines, \d+ bytes/),
      expect.stringMatching(/^diff too large: 15000 lines, \d+ bytes/),
    ]);
    const turnDiff = client.received.filter((m) => m.method === 'turn/diff/updated').at(-1)?.params as { diff: string };
    expect(turnDiff.diff).toContain('diff --git a/big.txt b/big.txt');
    expect(turnDiff.diff).toContain('diff too large: 620000 lines');
    const changes = await client.request('tandem/turn/diff', { threadId, turnId: turn.id });
    expect(changes.files).toEqual([]);
    expect(changes.notes).toEqual([
      expect.stringContaining('added.txt changed but is not shown: diff too large'),
      expect.stringContaining('big.txt changed but is not shown: diff too large'),
    ]);
    // The largest message to the client is far below the file (the model's own 1.5 MB patch is not sent to clients either).
    expect(largestMessage(client)).toBeLessThan(64 * 1024);

    // The baseline is out of line, once; the thread file holds the model's patch and small records only.
    const threadFiles = await readdir(join(home, 'threads'));
    const threadBytes = (
      await Promise.all(
        threadFiles.filter((f) => f.endsWith('.jsonl')).map(async (f) => (await stat(join(home, 'threads', f))).size),
      )
    ).reduce((a, b) => a + b, 0);
    expect(threadBytes).toBeLessThan(4 * MiB);
    expect(await readdir(join(home, 'blobs'))).toEqual([sha(big)]);

    // Revert restores the file byte for byte (and removes the added one).
    const reverted = await client.request('tandem/turn/revert', { threadId, turnId: turn.id });
    expect(reverted.reverted).toEqual(['added.txt', 'big.txt']);
    expect(sha(await readFile(join(ws, 'big.txt')))).toBe(sha(big));
    expect(await readOrNull(join(ws, 'added.txt'))).toBeNull();
    expect(largestMessage(client)).toBeLessThan(64 * 1024);
    expect(await peakRss(client)).toBeLessThan(600 * MiB);
    await client.close();

    // After a restart, undo puts the agent's version back from the blobs.
    const again = h.stdio(env);
    await again.initialize();
    const undo = await again.request('tandem/turn/revert/undo', { threadId, itemId: reverted.itemId ?? '' });
    expect(undo.restored).toEqual(['added.txt', 'big.txt']);
    expect(sha(await readFile(join(ws, 'big.txt')))).toBe(sha(changed));
    expect((await stat(join(ws, 'added.txt'))).size).toBeGreaterThan(MiB);
    expect(await peakRss(again)).toBeLessThan(600 * MiB);
    const after = (await Promise.all(threadFiles.map(async (f) => (await stat(join(home, 'threads', f))).size))).reduce(
      (a, b) => a + b,
      0,
    );
    expect(after).toBeLessThan(4 * MiB);
    // Each content once: the original, and the agent's two files.
    expect((await readdir(join(home, 'blobs'))).length).toBe(3);
  }, 90_000);
});
