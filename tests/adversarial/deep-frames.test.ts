/**
 * Frames of deep nesting against the built CLI, over stdio and WebSocket: 600 frames of 100,000
 * nested `[` are each answered once with -32600, the server's peak memory stays bounded (it
 * used to take 61 s and 369 MiB over stdio, and ran out of heap over WebSocket), and it answers
 * normally afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { useHarness } from '../helpers/harness';
import type { TestClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
let server: WsServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const DEPTH = 100_000;
const FRAMES = 600;
const MiB = 1024 * 1024;

/** Frame i: with an id before the nesting (two in three, closed or not), or bare nesting (null id). */
function frame(i: number): { text: string; id: number | null } {
  // Ids far from the test client's own (1, 2, …).
  const id = 1_000_000 + i;
  if (i % 3 === 0) return { text: '['.repeat(DEPTH), id: null };
  if (i % 3 === 1)
    return { text: `{"id":${id},"method":"thread/list","params":{"a":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}}`, id };
  return { text: `{"id":${id},"method":"thread/start","params":${'{"a":'.repeat(DEPTH / 5)}`, id };
}

/** The server's peak resident memory (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

async function flood(client: TestClient, pid: number): Promise<void> {
  await client.initialize();
  const ids: number[] = [];
  let bare = 0;
  for (let i = 0; i < FRAMES; i++) {
    const f = frame(i);
    if (f.id === null) bare++;
    else ids.push(f.id);
    client.sendRaw(f.text);
  }
  // A normal request after the flood is answered normally, and after every frame before it.
  expect((await client.request('thread/list', {})).data).toEqual([]);
  const answers = (id: number | null): WireMessage[] =>
    client.received.filter((m) => m.id === id && m.method === undefined);
  for (const id of ids) {
    const got = answers(id);
    expect(got.length, `answers to frame ${id}`).toBe(1);
    expect(got[0]?.error?.code).toBe(-32600);
  }
  expect(answers(null).length).toBe(bare);
  expect(answers(null).every((m) => m.error?.code === -32600)).toBe(true);
  expect(peakRss(pid)).toBeLessThan(300 * MiB);
}

describe('deeply nested frames', () => {
  it('over stdio: each answered once with -32600, memory bounded, the server answering normally afterwards', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') });
    await flood(client, client.child.pid ?? 0);
  }, 60_000);

  it('over WebSocket: the same, and the server does not run out of heap', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir('tandem-home-') });
    const client = await h.ws(server.url);
    await flood(client, server.child.pid ?? 0);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
