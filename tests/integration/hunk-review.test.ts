/** Reviewing a file change hunk by hunk (Tandem's extension of the fileChange approval). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileChangeContentsResponse } from '../../protocol/schema/tandem';
import { useHarness } from '../helpers/harness';
import { NEAR_HUNKS_PATCH } from '../helpers/review-scenario';
import { numberedLines, TWO_HUNK_PATCH } from '../helpers/scenario';
import { readOrNull, runTurn, useFakes, world } from '../helpers/turns';

/** Two hunks in code.txt, and a new file. */
const PATCH = TWO_HUNK_PATCH.replace('*** End Patch', '*** Add File: extra.txt\n+new\n*** End Patch');

const h = useHarness();
const fakeModel = useFakes();

describe('hunk-by-hunk review', () => {
  it('writes exactly the accepted hunks and tells the model what was rejected', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'code.txt': numberedLines(30) } });
    let contents: FileChangeContentsResponse | undefined;
    w.client.onServerRequest = async (_m, params) => {
      const p = params as { threadId: string; itemId: string };
      contents = await w.client.request('tandem/fileChange/contents', { threadId: p.threadId, itemId: p.itemId });
      const code = contents.files.find((f) => f.path.endsWith('code.txt'));
      const extra = contents.files.find((f) => f.path.endsWith('extra.txt'));
      return {
        decision: 'accept',
        hunks: [
          { path: code?.path, accepted: [true, false] },
          { path: extra?.path, accepted: [false] },
        ],
      };
    };
    await runTurn(w, 'edit');
    // The review saw both files whole, with the same two hunks the decision refers to.
    expect(contents?.files.map((f) => [f.kind, f.hunks.length])).toEqual([
      ['update', 2],
      ['add', 1],
    ]);
    expect(contents?.files[0]?.before).toBe(numberedLines(30));
    expect(await readOrNull(join(w.cwd, 'code.txt'))).toBe(numberedLines(30, (i) => (i === 2 ? 'line two' : null)));
    expect(await readOrNull(join(w.cwd, 'extra.txt'))).toBeNull();
    const told = JSON.stringify(fake.modelCalls[1]?.body);
    expect(told).toContain('applied hunks 1 of 2; rejected hunks 2');
    expect(told).toContain('rejected: extra.txt (not created)');
    // Once answered, the contents are no longer offered.
    await expect(
      w.client.request('tandem/fileChange/contents', { threadId: w.threadId, itemId: 'p' }),
    ).rejects.toMatchObject({ data: { reason: 'noPendingChange' } });
    const done = w.client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: { type: string; changes?: unknown[] } }).item);
    expect(done.find((i) => i.type === 'fileChange')?.changes).toHaveLength(1);
  });

  it('treats a plain decision from a Codex client as every hunk accepted', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'code.txt': numberedLines(30) } });
    w.client.onServerRequest = () => ({ decision: 'accept' });
    await runTurn(w, 'edit');
    expect(await readOrNull(join(w.cwd, 'code.txt'))).toBe(
      numberedLines(30, (i) => (i === 2 ? 'line two' : i === 20 ? 'line twenty' : null)),
    );
    expect(await readOrNull(join(w.cwd, 'extra.txt'))).toBe('new\n');
  });
});

describe('finer hunks and edited proposals', () => {
  it('makes two changes three lines apart two hunks, and writes exactly the accepted one', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: NEAR_HUNKS_PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'code.txt': numberedLines(30) } });
    let headers: string[] = [];
    w.client.onServerRequest = async (_m, params) => {
      const p = params as { threadId: string; itemId: string };
      const contents = await w.client.request('tandem/fileChange/contents', { threadId: p.threadId, itemId: p.itemId });
      const code = contents.files[0];
      headers = code?.hunks.map((x) => x.header) ?? [];
      return { decision: 'accept', hunks: [{ path: code?.path, accepted: [false, true, false] }] };
    };
    await runTurn(w, 'edit');
    expect(headers).toEqual(['@@ -2,7 +2,7 @@', '@@ -6,7 +6,7 @@', '@@ -17,7 +17,7 @@']);
    expect(await readOrNull(join(w.cwd, 'code.txt'))).toBe(numberedLines(30, (i) => (i === 9 ? 'line nine' : null)));
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('applied hunks 2 of 3; rejected hunks 1, 3');
  });

  it('writes the user’s edited proposal and tells the model what the user changed', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'code.txt': numberedLines(30) } });
    const mine = numberedLines(30, (i) => (i === 2 ? 'line two' : i === 20 ? 'line twenty, said the user' : null));
    w.client.onServerRequest = async (_m, params) => {
      const p = params as { threadId: string; itemId: string };
      const contents = await w.client.request('tandem/fileChange/contents', { threadId: p.threadId, itemId: p.itemId });
      const path = contents.files[0]?.path ?? '';
      return { decision: 'accept', hunks: [{ path, accepted: [true, true] }], edits: [{ path, content: mine }] };
    };
    await runTurn(w, 'edit');
    expect(await readOrNull(join(w.cwd, 'code.txt'))).toBe(mine);
    const output = JSON.stringify(fake.modelCalls[1]?.body);
    expect(output).toContain('The user reviewed the patch and changed it before it was written');
    expect(output).toContain('M code.txt (edited by the user before applying');
    expect(output).toContain('-line twenty\\n+line twenty, said the user');
    // The item completes with what was written, not what was proposed.
    const done = w.client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: { type: string; changes?: Array<{ diff: string }> } }).item);
    expect(done.find((i) => i.type === 'fileChange')?.changes?.[0]?.diff).toContain('+line twenty, said the user');
  });
});
