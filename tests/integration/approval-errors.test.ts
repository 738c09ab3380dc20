/**
 * An approval answered with a JSON-RPC error instead of a decision, through the built CLI: as in
 * Codex 0.169, that tool call fails (nothing runs, nothing is written), the model is told the
 * approval request failed, and the turn goes on.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { done, execCall, patchCall } from '../helpers/cli-turns';
import { FakeOpenAI, type RecordedRequest, type ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { ThreadItem } from '../../protocol/schema/item';

const h = useHarness();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** The output a model call sent back for `callId` (Responses). */
function outputOf(request: RecordedRequest | undefined, callId: string): string | undefined {
  const input = (request?.body as { input: Array<{ type: string; call_id?: string; output?: string }> }).input;
  return input.find((i) => i.type.endsWith('call_output') && i.call_id === callId)?.output;
}

async function refusedTurn(script: ScriptedCall[], cwd: string) {
  const f = await FakeOpenAI.start(script);
  fakes.push(f);
  const client = h.stdio({
    TANDEM_HOME: await h.tempDir('tandem-home-'),
    OPENAI_BASE_URL: f.baseURL,
    OPENAI_API_KEY: 'sk-approval-errors',
  });
  const asked: string[] = [];
  client.onServerRequest = (method) => {
    asked.push(method);
    const request = client.received.filter((m) => m.method === method && m.id !== undefined).at(-1);
    client.sendRaw(JSON.stringify({ id: request?.id, error: { code: -32603, message: 'the review UI crashed' } }));
    return undefined;
  };
  await client.initialize();
  const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'untrusted', sandbox: 'read-only' });
  await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
  const completed = await client.notification('turn/completed');
  const items = client.received
    .filter((m) => m.method === 'item/completed')
    .map((m) => (m.params as { item: ThreadItem }).item);
  return { f, client, asked, items, status: (completed.params as { turn: { status: string } }).turn.status };
}

it('a command whose approval is answered with an error fails, does not run, and the turn goes on', async () => {
  const cwd = await h.tempDir();
  const t = await refusedTurn([execCall('call_exec_1', 'touch made.txt'), done], cwd);
  expect(t.asked).toEqual(['item/commandExecution/requestApproval']);
  expect(existsSync(join(cwd, 'made.txt'))).toBe(false);
  expect(t.items.find((i) => i.type === 'commandExecution')).toMatchObject({ id: 'call_exec_1', status: 'failed' });
  expect(outputOf(t.f.modelCalls[1], 'call_exec_1')).toMatch(
    /^exec_command failed: the approval request failed \(.*the review UI crashed\)/,
  );
  expect(t.status).toBe('completed');
  expect(t.items.at(-1)).toMatchObject({ type: 'agentMessage', text: 'done' });
  // The request is over for the client too, and the thread no longer waits on an approval.
  await t.client.notification('serverRequest/resolved');
  await t.client.notification('thread/status/changed', (p) => (p.status as { type: string }).type === 'idle');
});

it('a patch whose approval is answered with an error fails, writes nothing, and the turn goes on', async () => {
  const cwd = await h.tempDir();
  await writeFile(join(cwd, 'a.txt'), 'one\n');
  const patch = '*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+two\n*** End Patch\n';
  const t = await refusedTurn([patchCall('call_patch_1', patch), done], cwd);
  expect(t.asked).toEqual(['item/fileChange/requestApproval']);
  expect(await readFile(join(cwd, 'a.txt'), 'utf8')).toBe('one\n');
  expect(t.items.find((i) => i.type === 'fileChange')).toMatchObject({ id: 'call_patch_1', status: 'failed' });
  expect(outputOf(t.f.modelCalls[1], 'call_patch_1')).toMatch(/^apply_patch failed: the approval request failed/);
  expect(t.status).toBe('completed');
});
