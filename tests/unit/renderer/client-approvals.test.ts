/**
 * Server requests reach the UI as values with their id (the pending approval lives in the state,
 * not in a promise), and are answered by id with `respond`.
 */
import { describe, expect, it } from 'vitest';
import type { ServerRequest } from '../../../protocol/methods';
import { createLinkedChannels } from '../../../protocol/rpc/memory';
import { TandemClient } from '../../../renderer/rpc/client';

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
