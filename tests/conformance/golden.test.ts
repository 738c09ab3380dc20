/**
 * Golden messages per method, checked two ways: against the JSON Schema Codex generates (so
 * they are what Codex clients send and expect) and against Tandem's zod schemas (so Tandem
 * accepts and produces exactly those shapes). The method tables must all be covered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clientRequests,
  serverNotifications,
  serverRequests,
  isClientRequestMethod,
  isServerNotificationMethod,
  isTandemExtension,
} from '../../protocol/methods';
import {
  checkClientRequest,
  checkError,
  checkNotification,
  checkResult,
  checkServerMessage,
  checkServerRequest,
  checkServerRequestResult,
} from '../helpers/codex-schema';

const dir = join(import.meta.dirname, '..', 'fixtures', 'golden');
/**
 * A kind of golden message (e.g. `client-requests`) from its file and any `client-requests.<area>.json`
 * beside it, so each area of the protocol keeps its own goldens. Arrays are concatenated, objects merged;
 * a method given twice for results is an error, not a silent overwrite.
 */
function load<T>(kind: string): T {
  const files = readdirSync(dir).filter(
    (f) => f === `${kind}.json` || (f.startsWith(`${kind}.`) && f.endsWith('.json')),
  );
  const parts = files.sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
  if (parts.every(Array.isArray)) return parts.flat() as T;
  const merged: Record<string, unknown> = {};
  for (const part of parts as Array<Record<string, unknown>>)
    for (const [k, v] of Object.entries(part)) {
      if (Object.hasOwn(merged, k)) throw new Error(`golden ${kind}: ${k} given twice`);
      merged[k] = v;
    }
  return merged as T;
}

const requests = load<Array<{ method: string; params: unknown }>>('client-requests');
const results = load<Record<string, unknown>>('server-results');
const notifications = load<Array<{ method: string; params: unknown; emittedAtMs: number }>>('server-notifications');

describe('golden client requests', () => {
  it('cover every client request method', () => {
    expect(new Set(requests.map((r) => r.method))).toEqual(new Set(Object.keys(clientRequests)));
  });
  it.each(requests.map((r, i) => [`${r.method} #${i}`, r] as const))(
    '%s validates against Codex and parses with Tandem',
    (_name, r) => {
      if (!isTandemExtension(r.method)) expect(checkClientRequest(r)).toEqual([]);
      expect(isClientRequestMethod(r.method)).toBe(true);
      if (!isClientRequestMethod(r.method)) return;
      const parsed = clientRequests[r.method].params.safeParse(r.params);
      expect(parsed.error?.issues ?? []).toEqual([]);
    },
  );
});

describe('golden results', () => {
  it('cover every client request method', () => {
    expect(new Set(Object.keys(results))).toEqual(new Set(Object.keys(clientRequests)));
  });
  it.each(Object.entries(results))('%s validates against Codex and parses with Tandem', (method, result) => {
    if (!isTandemExtension(method)) expect(checkResult(method, result)).toEqual([]);
    if (!isClientRequestMethod(method)) throw new Error(`not a method: ${method}`);
    const parsed = clientRequests[method].result.safeParse(result);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe('golden notifications', () => {
  it('cover every server notification method', () => {
    expect(new Set(notifications.map((n) => n.method))).toEqual(new Set(Object.keys(serverNotifications)));
  });
  it.each(notifications.map((n, i) => [`${n.method} #${i}`, n] as const))(
    '%s validates against Codex and parses with Tandem',
    (_name, n) => {
      expect(checkNotification(n)).toEqual([]); // Tandem's extensions: checked against Tandem's schema
      if (!isServerNotificationMethod(n.method)) throw new Error(`not a notification: ${n.method}`);
      const parsed = serverNotifications[n.method].safeParse(n.params);
      expect(parsed.error?.issues ?? []).toEqual([]);
    },
  );
});

const approvals = load<Array<{ method: string; params: unknown; response: unknown }>>('server-requests');

describe('golden server requests (approvals) and their answers', () => {
  it('cover every server request method', () => {
    expect(new Set(approvals.map((a) => a.method))).toEqual(new Set(Object.keys(serverRequests)));
  });
  it.each(approvals.map((a) => [a.method, a] as const))(
    '%s validates against Codex and parses with Tandem',
    (method, a) => {
      expect(checkServerRequest(a)).toEqual([]);
      // Tandem's `hunks` extension rides along; Codex's schema allows extra fields there.
      expect(checkServerRequestResult(method, a.response)).toEqual([]);
      const spec = serverRequests[method as keyof typeof serverRequests];
      expect(spec.params.safeParse(a.params).error?.issues ?? []).toEqual([]);
      expect(spec.result.safeParse(a.response).error?.issues ?? []).toEqual([]);
    },
  );
});

describe('the schema check itself', () => {
  // These prove the validator can fail: a conformance test that cannot fail proves nothing.
  it('rejects a thread/start result missing a required field', () => {
    const broken = { ...(results['thread/start'] as Record<string, unknown>) };
    delete broken.sandbox;
    expect(checkResult('thread/start', broken).join()).toMatch(/sandbox/);
  });
  it('rejects a notification with a wrongly typed field or no emittedAtMs', () => {
    expect(checkNotification({ method: 'thread/archived', params: { threadId: 5 }, emittedAtMs: 1 })).not.toEqual([]);
    expect(checkNotification({ method: 'thread/archived', params: { threadId: 'x' } })).toEqual([
      'thread/archived: missing emittedAtMs',
    ]);
  });
  it('rejects a thread whose status is not one of Codex’s', () => {
    const thread = {
      ...(results['thread/read'] as { thread: Record<string, unknown> }).thread,
      status: { type: 'busy' },
    };
    expect(checkResult('thread/read', { thread })).not.toEqual([]);
  });
  it('rejects methods Codex does not have and error responses without a code', () => {
    expect(checkNotification({ method: 'thread/exploded', params: {}, emittedAtMs: 1 })).not.toEqual([]);
    expect(checkError({ id: 1, error: { message: 'x' } })).not.toEqual([]);
    expect(checkServerMessage({ id: 9, result: {} }, () => undefined)).not.toEqual([]);
  });
});
