/**
 * Torn and damaged thread files and threads/index.jsonl, against the BUILT CLI: a home with six
 * threads (turns, names, one archived) is copied, and in each round four of its files are cut at
 * seeded random byte offsets, given garbage at the end, or both — 100 damages in all. The server
 * starts; thread/list answers and lists exactly the threads whose header line survived; every
 * thread/read answers (a damaged thread with a prefix of its turns, an intact one unchanged); it
 * can write to a damaged thread, and that write survives a restart. It never exits abnormally.
 * TORN_SEED=<n> replays a run. (durability.test.ts covers SIGKILL with the files left whole.)
 */
import { cp, readFile, stat, truncate, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Thread } from '../../protocol/schema/thread';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { RpcError, type StdioClient } from '../helpers/test-client';
import { seededRandom, seedFrom, type Random } from './seeded-random';

const h = useHarness();
const SEED = seedFrom('TORN_SEED', process.env.TORN_SEED);
const ROUNDS = 25;
const CUTS_PER_ROUND = 4;
const THREADS = 6;

type Damage = 'cut' | 'garbage' | 'cut+garbage';

/** Bytes another program (or a dying one) might leave: fragments of records, NULs, bad UTF-8. */
function garbage(r: Random): Buffer {
  const pieces = [
    '{"type":"item","item":{"id":"x"',
    '}\n',
    '\n',
    '{"type":"bogus"}\n',
    'null\n',
    '[1,2]\n',
    '{"meta":{"id":"ghost-thread","updatedAtMs":1,"cwd":"/"},"bytes":3}\n',
    '\u0000\u0000',
    '\ud83d',
    'é',
    '"unterminated',
  ];
  const parts: Buffer[] = [];
  for (let n = r.int(1, 6); n > 0; n--)
    parts.push(r.chance(0.2) ? Buffer.from([0xff, 0xfe, r.int(0, 255)]) : Buffer.from(r.pick(pieces)));
  return Buffer.concat(parts);
}

async function start(home: string): Promise<StdioClient> {
  const client = h.stdio({ TANDEM_HOME: home });
  await client.initialize();
  return client;
}

/** Ends the server as a user would (stdin closed) and returns its exit code. */
async function stop(client: StdioClient): Promise<number | null> {
  await client.close();
  return client.child.exitCode;
}

const listedIds = async (client: StdioClient): Promise<Set<string>> => {
  const live = await client.request('thread/list', { limit: 200 });
  const archived = await client.request('thread/list', { limit: 200, archived: true });
  return new Set([...live.data, ...archived.data].map((t) => t.id));
};

const itemsOf = (t: Thread): Array<[string, string]> =>
  t.turns.flatMap((turn) => turn.items.map((i): [string, string] => [i.id, i.type]));

describe('torn thread files and index (built CLI)', () => {
  let pristineHome = '';
  const pristine = new Map<string, Thread>();

  beforeAll(async () => {
    // Two message-only turns per thread: no commands, so no sandbox is needed.
    const fake = await FakeOpenAI.start((_req, i) => ({
      outputs: [{ type: 'message', text: `answer ${i} ${'é😀'.repeat(i % 5)}` }],
    }));
    try {
      pristineHome = await h.tempDir('tandem-torn-home-');
      const cwd = await h.tempDir('tandem-ws-');
      const client = h.stdio({
        TANDEM_HOME: pristineHome,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-torn',
        TANDEM_WIRE_API: 'responses',
      });
      await client.initialize();
      for (let t = 0; t < THREADS; t++) {
        const { thread } = await client.request('thread/start', { cwd });
        for (let turn = 0; turn < 2; turn++) {
          const { turn: started } = await client.request('turn/start', {
            threadId: thread.id,
            input: [{ type: 'text', text: `question ${t}.${turn}` }],
          });
          await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === started.id);
        }
        if (t % 2 === 0) await client.request('thread/name/set', { threadId: thread.id, name: `thread ${t}` });
        if (t === 1) await client.request('thread/archive', { threadId: thread.id });
      }
      for (const id of await listedIds(client))
        pristine.set(id, (await client.request('thread/read', { threadId: id, includeTurns: true })).thread);
      expect(await stop(client)).toBe(0);
    } finally {
      await fake.close();
    }
    expect(pristine.size).toBe(THREADS);
  }, 60_000);

  it(`${ROUNDS * CUTS_PER_ROUND} seeded cuts and garbage tails: the server starts, lists, reads and writes`, async () => {
    const r = seededRandom(SEED);
    const ids = [...pristine.keys()];
    const tally: Record<Damage, number> = { cut: 0, garbage: 0, 'cut+garbage': 0 };
    let headersLost = 0;
    let shortened = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const home = await h.tempDir('tandem-torn-');
      await cp(pristineHome, home, { recursive: true });
      const dir = join(home, 'threads');
      const files = ['index', ...ids];
      const headerKept = new Set(ids);
      const damaged = new Map<string, Damage>();
      for (let c = 0; c < CUTS_PER_ROUND; c++) {
        const target = files.splice(r.int(0, files.length - 1), 1)[0] ?? 'index';
        const path = join(dir, `${target}.jsonl`);
        const damage = r.pick<Damage>(['cut', 'cut', 'garbage', 'cut+garbage']);
        tally[damage]++;
        if (damage !== 'garbage') {
          const bytes = await readFile(path);
          const offset = r.int(0, bytes.length);
          await truncate(path, offset);
          // The header is the first line: a cut inside it (or before its newline) loses the thread.
          if (target !== 'index' && offset <= bytes.indexOf(0x0a)) headerKept.delete(target);
        }
        if (damage !== 'cut') await appendFile(path, garbage(r));
        if (target !== 'index') damaged.set(target, damage);
      }
      const what = `seed ${SEED}, round ${round}: ${[...damaged].map(([id, d]) => `${d} ${id}`).join(', ')}`;

      const client = await start(home);
      expect(await listedIds(client), `${what}: thread/list lists the threads whose header survived`).toEqual(
        headerKept,
      );
      for (const id of ids) {
        const read = await client.request('thread/read', { threadId: id, includeTurns: true }).catch((e: unknown) => e);
        if (!headerKept.has(id)) {
          headersLost++;
          expect(read, `${what}: ${id} without a header is an error, not a crash`).toBeInstanceOf(RpcError);
          continue;
        }
        expect(read, `${what}: ${id} reads`).not.toBeInstanceOf(Error);
        const thread = (read as { thread: Thread }).thread;
        const before = pristine.get(id) as Thread;
        const items = itemsOf(thread);
        if (!damaged.has(id) || damaged.get(id) === 'garbage') {
          expect(items, `${what}: ${id} reads as it was`).toEqual(itemsOf(before));
        } else {
          // A cut keeps a prefix: no item that was not there, turns in the same order.
          const known = new Map(itemsOf(before));
          expect(
            items.filter(([i, type]) => known.get(i) !== type),
            `${what}: ${id} holds only its own items`,
          ).toEqual([]);
          if (items.length < itemsOf(before).length) shortened++;
          const turnIds = thread.turns.map((t) => t.id);
          expect(turnIds, `${what}: ${id} keeps a prefix of its turns`).toEqual(
            before.turns.map((t) => t.id).slice(0, turnIds.length),
          );
        }
      }
      // A damaged thread takes new writes (its torn tail cut first), and they survive a restart.
      const writable = [...damaged.keys()].filter((id) => headerKept.has(id));
      for (const id of writable) await client.request('thread/name/set', { threadId: id, name: `renamed ${round}` });
      expect(await stop(client), `${what}: the server exits normally`).toBe(0);
      if (writable.length > 0) {
        const again = await start(home);
        expect(await listedIds(again), `${what}: after the writes`).toEqual(headerKept);
        for (const id of writable)
          expect((await again.request('thread/read', { threadId: id })).thread.name, `${what}: ${id}'s new name`).toBe(
            `renamed ${round}`,
          );
        expect(await stop(again)).toBe(0);
      }
      expect((await stat(join(dir, 'index.jsonl'))).isFile()).toBe(true);
    }
    console.log(
      `seed ${SEED}: ${ROUNDS * CUTS_PER_ROUND} damages`,
      tally,
      `${headersLost} threads lost their header, ${shortened} lost a tail`,
    );
    // The cuts reached both kinds of damage (a seed where they did not would prove little).
    expect(headersLost).toBeGreaterThan(0);
    expect(shortened).toBeGreaterThan(0);
  }, 120_000);
});
