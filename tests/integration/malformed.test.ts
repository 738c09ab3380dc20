import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../protocol/rpc/envelope';
import { spawnWsServer } from '../helpers/cli';
import { useHarness } from '../helpers/harness';
import type { TestClient } from '../helpers/test-client';

const h = useHarness();

/** Each bad input and the error code it must get; the id is the one the error must carry. */
const CASES: Array<{ name: string; text: string; code: number; id: string | number | null }> = [
  { name: 'invalid JSON', text: '{"id":1,"method":', code: -32700, id: null },
  { name: 'plain text', text: 'hello server', code: -32700, id: null },
  { name: 'a JSON number', text: '12', code: -32600, id: null },
  { name: 'a batch', text: '[{"id":2,"method":"thread/list"}]', code: -32600, id: null },
  { name: 'no method, no result', text: '{"id":3}', code: -32600, id: 3 },
  { name: 'a non-string method', text: '{"id":4,"method":["thread/list"]}', code: -32600, id: 4 },
  { name: 'params that are a string', text: '{"id":5,"method":"thread/list","params":"all"}', code: -32600, id: 5 },
  { name: 'an unknown method', text: '{"id":6,"method":"thread/explode","params":{}}', code: -32601, id: 6 },
  {
    name: 'a wrongly typed field',
    text: '{"id":7,"method":"thread/read","params":{"threadId":42}}',
    code: -32602,
    id: 7,
  },
  {
    name: 'a missing field',
    text: '{"id":8,"method":"thread/name/set","params":{"threadId":"x"}}',
    code: -32602,
    id: 8,
  },
  { name: 'a negative limit', text: '{"id":9,"method":"thread/list","params":{"limit":-1}}', code: -32602, id: 9 },
  { name: 'params by position', text: '{"id":10,"method":"thread/list","params":[1,2]}', code: -32602, id: 10 },
  {
    name: 'a wrong sandbox',
    text: '{"id":11,"method":"thread/start","params":{"sandbox":"yolo"}}',
    code: -32602,
    id: 11,
  },
];

async function exercise(client: TestClient): Promise<void> {
  await client.initialize();
  for (const c of CASES) {
    client.sendRaw(c.text);
    const before = client.received.length;
    const reply = await client.waitFor((m) => m.method === undefined && client.received.indexOf(m) >= before);
    expect(reply, c.name).toMatchObject({ id: c.id, error: { code: c.code } });
    // The server still answers a proper request after each bad one.
    expect((await client.request('thread/list', {})).data, `after ${c.name}`).toEqual([]);
  }
  // A huge frame gets its error without being kept, and the connection goes on.
  client.sendRaw(
    JSON.stringify({ id: 99, method: 'thread/list', params: { searchTerm: 'x'.repeat(MAX_MESSAGE_BYTES + 10) } }),
  );
  // Its id is still read from its first bytes, so the client knows which request failed.
  await expect(
    client.waitFor((m) => (m.error?.data as { reason?: string } | undefined)?.reason === 'messageTooLarge'),
  ).resolves.toMatchObject({
    id: 99,
    error: { code: -32600 },
  });
  // Unknown notifications and stray responses get no answer, and break nothing.
  client.sendRaw('{"method":"nobody/listens","params":{}}');
  client.sendRaw('{"id":12345,"result":{}}');
  const { thread } = await client.request('thread/start', {});
  expect((await client.request('thread/read', { threadId: thread.id })).thread.id).toBe(thread.id);
}

describe('malformed input', () => {
  it('over stdio: each bad message gets its error and the server keeps answering', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir() });
    await exercise(client);
    expect(client.child.exitCode).toBeNull();
  });

  it('over WebSocket: the same', async () => {
    const server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    try {
      await exercise(await h.ws(server.url));
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
