/**
 * Tandem and the real Codex 0.169 app-server, given the same scripted model and the same client,
 * agree on what a client sees of a dynamic tool call (answered, and answered with an error), of
 * an approval answered with an error, and on what `turn/completed` carries. Runs where the Codex
 * CLI is installed (`npm run codex-peer`, or CODEX_BIN); skipped, saying so, where it is not.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codexBinary, spawnCodex } from '../helpers/codex-peer';
import { FakeOpenAI, type RecordedRequest, type ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { StdioClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
const codex = codexBinary();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

interface Run {
  messages: WireMessage[];
  calls: RecordedRequest[];
  cwd: string;
}

/** Answer each server request with `answer`'s result, or with a JSON-RPC error when it gives none. */
function answering(client: StdioClient, answer: (method: string, n: number) => unknown): void {
  let n = 0;
  client.onServerRequest = (method) => {
    const request = client.received.filter((m) => m.method === method && m.id !== undefined).at(-1);
    const result = answer(method, n++);
    if (result === undefined)
      client.sendRaw(JSON.stringify({ id: request?.id, error: { code: -32000, message: 'client broke' } }));
    return result;
  };
}

async function both(
  script: () => ScriptedCall[],
  play: (client: StdioClient, cwd: string) => Promise<void>,
): Promise<{ codex: Run; tandem: Run }> {
  const fakeCodex = await FakeOpenAI.start(script());
  fakes.push(fakeCodex);
  const peer = await spawnCodex(codex ?? '', fakeCodex.baseURL);
  const codexCwd = await h.tempDir();
  await play(peer, codexCwd);
  await peer.close();
  await rm(peer.home, { recursive: true, force: true });

  const fakeTandem = await FakeOpenAI.start(script());
  fakes.push(fakeTandem);
  const tandem = h.stdio({
    TANDEM_HOME: await h.tempDir(),
    OPENAI_BASE_URL: fakeTandem.baseURL,
    OPENAI_API_KEY: 'test-key',
  });
  const tandemCwd = await h.tempDir();
  await play(tandem, tandemCwd);
  return {
    codex: { messages: peer.received, calls: fakeCodex.modelCalls, cwd: codexCwd },
    tandem: { messages: tandem.received, calls: fakeTandem.modelCalls, cwd: tandemCwd },
  };
}

/** Item lifecycles of these types and server requests, in order, as `method:type:status:success`. */
function lifecycle(messages: WireMessage[], types: string[]): string[] {
  return messages.flatMap((m) => {
    const p = (m.params ?? {}) as { item?: { type: string; status?: string; success?: boolean | null } };
    if ((m.method === 'item/started' || m.method === 'item/completed') && p.item && types.includes(p.item.type))
      return [`${m.method}:${p.item.type}:${p.item.status}:${String(p.item.success ?? '')}`];
    if (m.id !== undefined && m.method) return [`request:${m.method}`];
    return [];
  });
}

/** The tool outputs the model got back, by call id. */
function toolOutputs(calls: RecordedRequest[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of calls)
    for (const i of (c.body as { input: Array<{ type: string; call_id?: string; output?: unknown }> }).input)
      if (i.type === 'function_call_output' && i.call_id) out[i.call_id] = String(i.output);
  return out;
}

const completedTurn = (messages: WireMessage[]) =>
  (messages.find((m) => m.method === 'turn/completed')?.params as { turn: Record<string, unknown> }).turn;

describe.skipIf(!codex)('parity with the Codex app-server: thread params', () => {
  it('a dynamic tool call, answered and answered with an error, and turn/completed’s items', async () => {
    const tool = {
      type: 'function',
      name: 'lookup_ticket',
      description: 'Look up a ticket by its id.',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    };
    const runs = await both(
      () => [
        {
          outputs: [
            { type: 'message', text: 'Looking.' },
            { type: 'function_call', name: 'lookup_ticket', arguments: { id: 'TAN-12' }, callId: 'call_dyn_1' },
          ],
        },
        {
          outputs: [
            { type: 'function_call', name: 'lookup_ticket', arguments: { id: 'TAN-13' }, callId: 'call_dyn_2' },
          ],
        },
        { outputs: [{ type: 'message', text: 'One open, one unknown.' }] },
      ],
      async (client, cwd) => {
        answering(client, (_m, n) =>
          n === 0 ? { contentItems: [{ type: 'inputText', text: 'TAN-12 is open' }], success: true } : undefined,
        );
        await client.initialize('parity', { experimentalApi: true });
        const { thread } = await client.request('thread/start', { cwd, dynamicTools: [tool] });
        await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
        await client.notification('turn/completed');
      },
    );
    expect(lifecycle(runs.tandem.messages, ['dynamicToolCall'])).toEqual(
      lifecycle(runs.codex.messages, ['dynamicToolCall']),
    );
    const toolCalls = (r: Run) =>
      r.messages
        .filter((m) => m.method === 'item/tool/call')
        .map((m) => {
          const rest = { ...(m.params as Record<string, unknown>) };
          delete rest.threadId;
          delete rest.turnId;
          return rest;
        });
    expect(toolCalls(runs.tandem)).toEqual(toolCalls(runs.codex));
    const [tandemOut, codexOut] = [toolOutputs(runs.tandem.calls), toolOutputs(runs.codex.calls)];
    expect(tandemOut.call_dyn_1).toBe(codexOut.call_dyn_1);
    // Codex says only "dynamic tool request failed"; Tandem says that, then why.
    expect(tandemOut.call_dyn_2?.startsWith(codexOut.call_dyn_2 ?? '?')).toBe(true);
    const [t, c] = [completedTurn(runs.tandem.messages), completedTurn(runs.codex.messages)];
    expect(t.itemsView).toBe(c.itemsView);
    const texts = (turn: Record<string, unknown>) =>
      (turn.items as Array<{ type: string; text?: string }>).map((i) => `${i.type}:${i.text ?? ''}`);
    expect(texts(t)).toEqual(texts(c));
  });

  it('an approval answered with an error: the call fails, nothing runs, the turn goes on', async () => {
    const runs = await both(
      () => [
        {
          outputs: [
            { type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch made.txt' }, callId: 'call_e' },
          ],
        },
        { outputs: [{ type: 'message', text: 'done' }] },
      ],
      async (client, cwd) => {
        answering(client, () => undefined);
        await client.initialize('parity');
        const { thread } = await client.request('thread/start', {
          cwd,
          approvalPolicy: 'untrusted',
          sandbox: 'workspace-write',
        });
        await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
        await client.notification('turn/completed');
      },
    );
    expect(lifecycle(runs.tandem.messages, ['commandExecution'])).toEqual(
      lifecycle(runs.codex.messages, ['commandExecution']),
    );
    for (const r of [runs.tandem, runs.codex]) {
      expect(existsSync(join(r.cwd, 'made.txt'))).toBe(false);
      expect(toolOutputs(r.calls).call_e).toContain('approval request failed');
      expect(completedTurn(r.messages).status).toBe('completed');
      expect(r.calls).toHaveLength(2);
    }
  });
});

if (!codex) {
  describe('parity with the Codex app-server: thread params', () => {
    it.skip('skipped: the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)', () => {});
  });
}
