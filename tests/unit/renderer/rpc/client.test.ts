/**
 * Server requests reach the UI as values with their id (the pending approval lives in the state,
 * not in a promise), and are answered by id with `respond`.
 */
import { describe, expect, it } from 'vitest';
import type { ServerRequest } from '../../../../protocol/methods';
import { createLinkedChannels } from '../../../../protocol/rpc/memory';
import { TandemClient } from '../../../../renderer/rpc/client';

describe('TandemClient approvals', () => {
  it('hands over a validated server request with its id and answers it through respond', async () => {
    const [clientSide, serverSide] = createLinkedChannels();
    const client = new TandemClient(clientSide);
    const asked: Array<{ request: ServerRequest; id: number | string }> = [];
    client.onRequest((request, id) => asked.push({ request, id }));
    const answers: unknown[] = [];
    serverSide.onFrame((frame) => answers.push(JSON.parse(String(frame))));
    const params = { threadId: 't', turnId: 'u', itemId: 'c', startedAtMs: 1, command: 'ls' };
    void serverSide.send(
      JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'item/commandExecution/requestApproval', params }),
    );
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toEqual({ id: 5, request: { method: 'item/commandExecution/requestApproval', params } });
    expect(client.respond(5, { decision: 'accept' })).toBe(true);
    await expect.poll(() => answers).toEqual([{ jsonrpc: '2.0', id: 5, result: { decision: 'accept' } }]);
    client.dispose();
  });
});

/**
 * `TandemClient.requestInOrder` (issue 9, item 6): the answer to thread/resume takes its place
 * among the notifications — what came before it is flushed first, what comes after follows it —
 * so a running turn's snapshot and its stream meet with nothing lost or doubled. A connection
 * that drops fails the request instead of leaving it hanging.
 */
const delta = (text: string): string =>
  JSON.stringify({
    jsonrpc: '2.0',
    method: 'item/agentMessage/delta',
    params: { threadId: 't', turnId: 'u', itemId: 'm', delta: text },
  });

describe('requestInOrder', () => {
  it('hands its answer over between the notifications before it and those after it', async () => {
    const [clientSide, serverSide] = createLinkedChannels();
    const client = new TandemClient(clientSide);
    const log: string[] = [];
    client.onNotification((n) =>
      log.push(n.method === 'item/agentMessage/delta' ? `delta ${n.params.delta}` : n.method),
    );
    client.onBeforeOrderedResult(() => log.push('barrier'));
    serverSide.onFrame((frame) => {
      const request = JSON.parse(String(frame)) as { id: string; method: string };
      expect(request.method).toBe('thread/read');
      void serverSide.send(delta('before'));
      void serverSide.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { thread: { id: 'nope' } } }));
      void serverSide.send(delta('after'));
    });
    // An answer that does not fit the protocol is an error, still in order.
    await expect(client.requestInOrder('thread/read', { threadId: 't' })).rejects.toThrow(/did not fit/);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['delta before', 'barrier', 'delta after']);
    client.dispose();
  });

  it('fails a request still waiting when the connection closes', async () => {
    const [clientSide, serverSide] = createLinkedChannels();
    const client = new TandemClient(clientSide);
    const waiting = client.requestInOrder('thread/read', { threadId: 't' });
    serverSide.close();
    await expect(waiting).rejects.toThrow(/Disconnected/);
    client.dispose();
  });
});
