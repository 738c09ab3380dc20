/**
 * A seeded protocol fuzzer against the BUILT CLI: 100,000 frames in all, half over stdio, half
 * over WebSocket, of many shapes (fuzz-frames.ts), pipelined in batches. Every frame that needs
 * an answer gets exactly one (matched by id), nothing else is answered, every message the server
 * sends validates against the Codex schema, memory stays bounded, and afterwards the server
 * answers `thread/list` as normal. FUZZ_SEED=<n> replays a run; FUZZ_FRAMES=<n> changes the count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type ServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { fuzzFrame, IdSource, type FuzzFrame } from './fuzz-frames';
import { seededRandom, seedFrom, type Random } from './seeded-random';
import { idKey, stdioPeer, treeRssBytes, wsPeer, type WirePeer } from './wire-peer';

const h = useHarness();
const SEED = seedFrom('FUZZ_SEED', process.env.FUZZ_SEED);
const FRAMES_PER_TRANSPORT = Math.floor(Number(process.env.FUZZ_FRAMES ?? 100_000) / 2);
const BATCH = 1_000;
// Generous: a Node server at rest is ~100 MiB; 100,000 small frames must not pile up anywhere.
const RSS_LIMIT = 400 * 1024 * 1024;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Outcome {
  frames: number;
  shapes: Record<string, number>;
  peakRss: number;
}

/** Waits until `done()` holds, polling; false if it does not within `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** Sends `count` frames in pipelined batches and checks every answer; returns what was sent. */
async function fuzz(peer: WirePeer, pid: number, r: Random, count: number): Promise<Outcome> {
  const ids = new IdSource();
  // The handshake's answer, and the final request's.
  const expected = new Map<string, number>([
    [idKey('init'), 1],
    [idKey('fuzz-final'), 1],
  ]);
  let expectedNull = 0;
  const shapes: Record<string, number> = {};
  let peakRss = treeRssBytes(pid);
  let batchKeys: string[] = [];
  const answered = (): boolean =>
    peer.nullAnswers >= expectedNull && batchKeys.every((k) => (peer.answers.get(k) ?? 0) >= (expected.get(k) ?? 0));
  const sent: FuzzFrame[] = [];
  for (let done = 0; done < count;) {
    const batch = Math.min(BATCH, count - done);
    for (let i = 0; i < batch; i++) {
      const frame = fuzzFrame(r, ids);
      sent.push(frame);
      shapes[frame.shape] = (shapes[frame.shape] ?? 0) + 1;
      for (const { id, method } of frame.ids) {
        batchKeys.push(idKey(id));
        expected.set(idKey(id), (expected.get(idKey(id)) ?? 0) + 1);
        if (method) peer.expectMethod(id, method);
      }
      expectedNull += frame.nullAnswers;
      for (const part of frame.parts) peer.send(part);
    }
    done += batch;
    if (!(await until(answered, 60_000))) {
      const missing = new Set(batchKeys.filter((k) => (peer.answers.get(k) ?? 0) < (expected.get(k) ?? 0)));
      const examples = sent
        .filter((f) => f.ids.some(({ id }) => missing.has(idKey(id))))
        .slice(0, 5)
        .map((f) => `${f.shape}: ${f.parts[0]?.slice(0, 200)}`);
      throw new Error(
        `seed ${r.seed}: unanswered after ${done} frames (null answers ${peer.nullAnswers}/${expectedNull}): ${examples.join('\n')}`,
      );
    }
    peakRss = Math.max(peakRss, treeRssBytes(pid));
    sent.length = 0;
    batchKeys = [];
  }
  // Anything still to come (a second answer, an answer to a notification) arrives before this.
  const last = await peer.request('fuzz-final', 'thread/list', {});
  expect(last.result, `seed ${r.seed}: thread/list answered normally afterwards`).toMatchObject({ data: [] });
  await new Promise((resolve) => setTimeout(resolve, 200));

  const extra = [...peer.answers].filter(([k, n]) => n !== (expected.get(k) ?? 0));
  expect(extra.slice(0, 10), `seed ${r.seed}: ids answered more (or less) often than once per request`).toEqual([]);
  expect(peer.nullAnswers, `seed ${r.seed}: answers with id null`).toBe(expectedNull);
  expect(
    peer.schemaProblems.slice(0, 5),
    `seed ${r.seed}: every server message validates against the Codex schema`,
  ).toEqual([]);
  expect(
    peer.others.map((m) => m.method).slice(0, 5),
    'no notifications: nothing the fuzzer sent changed any state',
  ).toEqual([]);
  return { frames: count, shapes, peakRss };
}

async function fakeModel(): Promise<FakeOpenAI> {
  const fake = await FakeOpenAI.start([]);
  cleanups.push(() => fake.close());
  return fake;
}

describe('protocol fuzzing of the built CLI', () => {
  it(`stdio: ${FRAMES_PER_TRANSPORT} seeded frames, each answered exactly once when it must be`, async () => {
    const fake = await fakeModel();
    const server = stdioPeer({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-fuzz',
    });
    cleanups.push(() => server.stop());
    await server.peer.request('init', 'initialize', { clientInfo: { name: 'fuzz', version: '1' }, capabilities: {} });
    server.peer.send(JSON.stringify({ method: 'initialized' }));
    const outcome = await fuzz(server.peer, server.pid, seededRandom(SEED), FRAMES_PER_TRANSPORT);
    expect(server.alive(), server.stderr.join('').slice(-2000)).toBe(true);
    expect(outcome.peakRss, 'server memory (RSS) stays bounded').toBeLessThan(RSS_LIMIT);
    console.log(
      `stdio: ${outcome.frames} frames, peak RSS ${(outcome.peakRss / 2 ** 20).toFixed(0)} MiB`,
      outcome.shapes,
    );
  }, 180_000);

  it(`WebSocket: ${FRAMES_PER_TRANSPORT} seeded frames, the same`, async () => {
    const fake = await fakeModel();
    const server: ServerProcess = await spawnWsServer({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-fuzz',
    });
    cleanups.push(() => server.stop());
    const client = await wsPeer(server.url);
    cleanups.push(() => client.close());
    await client.peer.request('init', 'initialize', { clientInfo: { name: 'fuzz', version: '1' }, capabilities: {} });
    client.peer.send(JSON.stringify({ method: 'initialized' }));
    // Another seed from the same one: the two transports get different frames.
    const outcome = await fuzz(
      client.peer,
      server.child.pid ?? -1,
      seededRandom(SEED ^ 0x9e3779b9),
      FRAMES_PER_TRANSPORT,
    );
    expect(server.child.exitCode).toBeNull();
    expect(outcome.peakRss, 'server memory (RSS) stays bounded').toBeLessThan(RSS_LIMIT);
    console.log(
      `WebSocket: ${outcome.frames} frames, peak RSS ${(outcome.peakRss / 2 ** 20).toFixed(0)} MiB`,
      outcome.shapes,
    );
  }, 180_000);
});
