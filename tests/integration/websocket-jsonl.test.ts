/**
 * The `tandem.jsonl` WebSocket subprotocol (what the web UI offers): a streaming turn's messages
 * arrive several to a frame, one JSON text per line, none lost or reordered, frames bounded in
 * size. A client that offers no subprotocol (a Codex client) still gets one message per frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { JSONL_SUBPROTOCOL } from '../../protocol/rpc/frames';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';

const h = useHarness();
let server: WsServerProcess | undefined;
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.stop();
  await fake?.close();
  server = fake = undefined;
});

const DELTAS = 3_000;
const TEXT = Array.from({ length: DELTAS }, (_, i) => `w${i % 10} `).join('');

interface Wire {
  id?: number;
  method?: string;
  params?: { delta?: string };
}

/** Runs one streaming turn over a raw socket; returns the frames as received and the socket's protocol. */
async function streamTurn(protocols: string[]): Promise<{ protocol: string; frames: string[] }> {
  fake = await FakeOpenAI.start([{ outputs: [{ type: 'message', text: TEXT, chunks: DELTAS }] }]);
  server = await spawnWsServer({
    TANDEM_HOME: await h.tempDir(),
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-test',
  });
  const ws = new WebSocket(server.url, protocols);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const frames: string[] = [];
  const messages: Wire[] = [];
  const waiters: Array<{ test: (m: Wire) => boolean; resolve: (m: Wire) => void }> = [];
  ws.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    for (const line of text.split('\n')) {
      const m = JSON.parse(line) as Wire;
      messages.push(m);
      for (const w of waiters.filter((x) => x.test(m))) w.resolve(m);
    }
  });
  const next = (test: (m: Wire) => boolean): Promise<Wire> => {
    const seen = messages.find(test);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ test, resolve }));
  };
  let id = 0;
  const request = async (method: string, params: unknown): Promise<Record<string, unknown>> => {
    const mine = ++id;
    ws.send(JSON.stringify({ id: mine, method, params }));
    return (await next((m) => m.id === mine)) as Record<string, unknown>;
  };
  await request('initialize', { clientInfo: { name: 'jsonl-test', version: '0' } });
  ws.send(JSON.stringify({ method: 'initialized' }));
  const started = await request('thread/start', { cwd: await h.tempDir() });
  const threadId = (started.result as { thread: { id: string } }).thread.id;
  const done = next((m) => m.method === 'turn/completed');
  await request('turn/start', { threadId, input: [{ type: 'text', text: 'stream' }] });
  await done;
  const deltas = messages.filter((m) => m.method === 'item/agentMessage/delta');
  expect(deltas).toHaveLength(DELTAS);
  expect(deltas.map((m) => m.params?.delta).join('')).toBe(TEXT);
  const protocol = ws.protocol;
  ws.close();
  return { protocol, frames };
}

describe('the tandem.jsonl WebSocket subprotocol', () => {
  it('carries many messages per frame, in order, each frame bounded', async () => {
    const { protocol, frames } = await streamTurn([JSONL_SUBPROTOCOL]);
    expect(protocol).toBe(JSONL_SUBPROTOCOL);
    const perFrame = frames.map((f) => f.split('\n').length);
    expect(Math.max(...perFrame)).toBeGreaterThan(10);
    expect(frames.length).toBeLessThan(DELTAS / 10);
    // A frame closes once it holds 64 KiB: at most one message more than that.
    for (const f of frames) expect(f.length).toBeLessThan(64 * 1024 + 4096);
  });

  it('keeps one message per frame for a client that offers no subprotocol', async () => {
    const { protocol, frames } = await streamTurn([]);
    expect(protocol).toBe('');
    for (const f of frames) expect(f).not.toContain('\n');
  });
});
