/**
 * Frames for the protocol fuzzer, each with what JSON-RPC 2.0 says it must get back: one answer
 * carrying its id (a request, even a malformed one whose id can be read), one answer with id null
 * (nothing readable: bad JSON, a batch, a non-object, an id of the wrong type), or nothing at all
 * (a notification, a response to a request the server never sent).
 *
 * Frames stay small and shallow (depth ≤ 20, a few KiB): deep and huge frames are another test's.
 * Methods that would change the server's state (thread/start, settings writes, connection tests)
 * are left out, so every frame is cheap and the server's state stays what the test expects.
 */
import type { Random } from './seeded-random';

export type Id = string | number;

export interface FuzzFrame {
  /** What is sent, each part as one line (stdio) or one message (WebSocket). */
  parts: string[];
  /** The ids whose answers this frame must get (a frame may carry its id twice: duplicates). */
  ids: Array<{ id: Id; method?: string }>;
  /** Answers with id null this frame must get. */
  nullAnswers: number;
  shape: string;
}

const UUID = '0b6a8f1e-2f4c-4d2b-9a6e-3c1d5e7f9a0b';

/** Read-only (or, with no threads on the server, always failing) methods and params that fit them. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  initialize: { clientInfo: { name: 'fuzz', version: '1' }, capabilities: {} },
  'thread/list': { limit: 10, cursor: null, archived: false, searchTerm: 'x', sortKey: 'created_at' },
  'thread/read': { threadId: UUID, includeTurns: true },
  'thread/turns/list': { threadId: UUID, cursor: null, limit: 5 },
  'thread/resume': { threadId: UUID },
  'thread/fork': { threadId: UUID },
  'thread/archive': { threadId: UUID },
  'thread/unarchive': { threadId: UUID },
  'thread/name/set': { threadId: UUID, name: 'n' },
  'turn/start': { threadId: UUID, input: [{ type: 'text', text: 'hi' }] },
  'turn/steer': { threadId: UUID, expectedTurnId: UUID, input: [{ type: 'text', text: 'hi' }] },
  'turn/interrupt': { threadId: UUID, turnId: UUID },
  'model/list': { limit: 5, cursor: null },
  'tandem/folders/complete': { prefix: '/nonexistent-fuzz/' },
  'tandem/fileChange/contents': { threadId: UUID, itemId: 'i', path: 'a.txt' },
  'tandem/settings/read': {},
  'tandem/turn/diff': { threadId: UUID, turnId: UUID },
  'tandem/turn/revert': { threadId: UUID, turnId: UUID },
  'tandem/turn/revert/undo': { threadId: UUID, turnId: UUID },
};
const METHODS = Object.keys(TEMPLATES);

const STRINGS = [
  '',
  'x',
  ' ',
  'ü',
  '日本語',
  '😀',
  '\u202e',
  '\u2028',
  '\u0000',
  '\ud800',
  '%s%n',
  '../../etc/passwd',
  'null',
  '-1',
  'a'.repeat(1000),
  'thread/list',
];
const NUMBERS = [0, -1, 1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53), 1e308, -1e308, 0.5, 1e-300, 2 ** 64];

/** A JSON value of a random type, at most `depth` levels deep. */
function randomValue(r: Random, depth = 3): unknown {
  switch (r.int(0, depth > 0 ? 7 : 4)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(NUMBERS);
    case 3:
      return r.int(-1000, 1000);
    case 4:
      return r.pick(STRINGS);
    case 5:
      return Array.from({ length: r.int(0, 3) }, () => randomValue(r, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(0, 3) }, (_, i) => [
          r.chance(0.5) ? `k${i}` : r.pick(STRINGS),
          randomValue(r, depth - 1),
        ]),
      );
  }
}

/** Nested arrays/objects `depth` levels deep (depth stays ≤ 20). */
function nested(r: Random, depth: number): unknown {
  let v: unknown = r.pick(STRINGS);
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : { k: v };
  return v;
}

/** A template's params with a few mutations: fields dropped, retyped, nulled, added. */
function mutatedParams(r: Random, method: string): unknown {
  const params: Record<string, unknown> = structuredClone(TEMPLATES[method] ?? {});
  const keys = Object.keys(params);
  for (let n = r.int(0, 3); n > 0; n--) {
    const key = keys.length > 0 && r.chance(0.8) ? r.pick(keys) : `extra${r.int(0, 9)}`;
    switch (r.int(0, 4)) {
      case 0:
        delete params[key];
        break;
      case 1:
        params[key] = null;
        break;
      case 2:
        params[key] = nested(r, r.int(1, 18));
        break;
      default:
        params[key] = randomValue(r);
    }
  }
  return params;
}

/** Unique ids of every valid type: integers (0, negative, near 2^53), strings (empty, unicode, long). */
export class IdSource {
  private n = 0;
  next(r: Random): Id {
    const n = ++this.n;
    switch (r.int(0, 6)) {
      case 0:
        return -n;
      case 1:
        return Number.MAX_SAFE_INTEGER - n;
      case 2:
        return `s-${n}`;
      case 3:
        return `ü😀\u2028-${n}`;
      case 4:
        return `${'i'.repeat(r.int(1, 300))}-${n}`;
      default:
        return n;
    }
  }
}

const request = (id: Id, method: string, params: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...extra, id, method, ...(params === undefined ? {} : { params }) });

/** Text that is not JSON (never a blank line, never a raw newline or CR: those are line framing). */
function garbage(r: Random): string {
  const chars = 'abc{}[]":,\\ 0123456789tfnu-+.eE\u00e9\u{1f600}\t#@';
  let s = '';
  for (let n = r.int(1, 60); n > 0; n--) s += r.pick([...chars]);
  return s.trim() === '' ? '#' : s;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One frame of a random shape. */
export function fuzzFrame(r: Random, ids: IdSource): FuzzFrame {
  const roll = r.int(0, 99);
  const id = ids.next(r);
  const method = r.pick(METHODS);
  const one = (shape: string, text: string, m?: string): FuzzFrame => ({
    parts: [text],
    ids: [{ id, method: m }],
    nullAnswers: 0,
    shape,
  });
  const none = (shape: string, text: string): FuzzFrame => ({ parts: [text], ids: [], nullAnswers: 0, shape });
  const nul = (shape: string, text: string): FuzzFrame => ({ parts: [text], ids: [], nullAnswers: 1, shape });

  if (roll < 30) return one('mutated request', request(id, method, mutatedParams(r, method)), method);
  if (roll < 34) return one('request without params', request(id, method, undefined), method);
  if (roll < 37)
    return one('request with jsonrpc "2.0"', request(id, method, mutatedParams(r, method), { jsonrpc: '2.0' }), method);
  if (roll < 39)
    return one('request with another jsonrpc', request(id, method, {}, { jsonrpc: r.pick(['1.0', 2, null, '']) }));
  if (roll < 42) return one('params not an object', request(id, method, r.pick(['all', 5, true, ''])));
  if (roll < 44) return one('params by position', request(id, method, [randomValue(r), randomValue(r)]), method);
  if (roll < 50) {
    const unknown = r.pick([
      'thread/explode',
      'Thread/List',
      'thread/list/',
      ' thread/list',
      'rpc.discover',
      '$/unknown',
      '日本語',
      'a'.repeat(200),
      'initialized',
      'thread/started',
    ]);
    return one('unknown method', request(id, unknown, randomValue(r)), unknown);
  }
  if (roll < 52) return one('method not a string', JSON.stringify({ id, method: r.pick([5, null, true, [], {}, '']) }));
  if (roll < 54) return one('no method, no result', JSON.stringify({ id, params: {} }));
  if (roll < 63) {
    const m = r.pick([...METHODS, 'initialized', 'nobody/listens', '$/cancelRequest', '$/setTrace', '$/progress']);
    const params = m === '$/cancelRequest' ? { id: r.int(1, 1000) } : randomValue(r);
    const text = JSON.stringify(r.chance(0.3) ? { jsonrpc: '2.0', method: m, params } : { method: m, params });
    // Params that are neither structured nor null make it an invalid request, not a notification:
    // JSON-RPC 2.0 answers those with id null (its own example: {"method": 1, "params": "bar"}).
    return typeof params === 'object' ? none('notification', text) : nul('invalid notification', text);
  }
  if (roll < 69) {
    const body = r.chance(0.5)
      ? { result: randomValue(r) }
      : { error: { code: r.int(-32768, 0), message: r.pick(STRINGS) } };
    return none('response to nothing', JSON.stringify({ id: r.chance(0.1) ? null : id, ...body }));
  }
  if (roll < 72) {
    // The same id twice in flight: each request still gets its own answer.
    const text = request(id, 'thread/list', { limit: r.int(1, 5) });
    return {
      parts: [text, text],
      ids: [
        { id, method: 'thread/list' },
        { id, method: 'thread/list' },
      ],
      nullAnswers: 0,
      shape: 'duplicate id',
    };
  }
  if (roll < 76)
    return nul(
      'batch',
      JSON.stringify(
        Array.from({ length: r.int(0, 3) }, () => JSON.parse(request(ids.next(r), method, {})) as unknown),
      ),
    );
  if (roll < 83) {
    const text = garbage(r);
    return parses(text) &&
      typeof JSON.parse(text) === 'object' &&
      JSON.parse(text) !== null &&
      !Array.isArray(JSON.parse(text))
      ? nul('invalid JSON', '#' + text)
      : nul('invalid JSON', text);
  }
  if (roll < 90) {
    const full = request(id, method, mutatedParams(r, method));
    // A prefix of a JSON object is never JSON, and stringify wrote no whitespace to end on.
    return nul('truncated JSON', full.slice(0, r.int(1, full.length - 1)));
  }
  if (roll < 95)
    return nul(
      'not an object',
      JSON.stringify(r.pick([42, 'thread/list', true, false, null, [[[]]], -0.5, nested(r, r.int(1, 19))])),
    );
  return nul(
    'id of a wrong type',
    JSON.stringify({ id: r.pick([true, false, 1.5, -0.25, {}, [], [1], null]), method }),
  );
}
