/** The dispatcher applies the method table's experimental gates and lock scopes. */
import { describe, expect, it } from 'vitest';
import { clientRequests, type ClientRequestMethod } from '../../../../protocol/methods';
import { ErrorCode } from '../../../../protocol/rpc/errors';
import { dispatcher, type LockQueues } from '../../../../main/server/dispatch';
import type { HandlerTable, RequestContext } from '../../../../main/server/handler';
import { KeyedQueue } from '../../../../main/server/keyed-queue';
import { RecordingClient } from '../../../helpers/core-parts';

/** Every handler waits for the test to let it finish, and says when it started. */
function world(experimentalApi = false) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const handlers = new Proxy({} as HandlerTable, {
    get: (_target, method: string) => async () => {
      started.push(method);
      await new Promise<void>((r) => releases.set(method, r));
      return {};
    },
  });
  const queue = new KeyedQueue();
  const locks: LockQueues = {
    thread: (id, work) => queue.run(`thread:${id}`, work),
    settings: (work) => queue.run('settings', work),
  };
  const client = Object.assign(new RecordingClient(), { experimentalApi });
  const ctx: RequestContext = {
    connection: client,
    signal: new AbortController().signal,
    afterResponse() {},
    holdOutput() {},
  };
  const run = dispatcher(handlers, locks);
  const tick = () => new Promise((r) => setImmediate(r));
  return { started, release: (m: string) => releases.get(m)?.(), ctx, run, tick };
}

describe('dispatch', () => {
  it('refuses experimental fields to clients that did not opt in, with Codex-style errors', async () => {
    const w = world();
    expect(() => w.run('thread/resume', { threadId: 't', initialTurnsPage: { limit: 5 } }, w.ctx)).toThrow(
      expect.objectContaining({
        code: ErrorCode.InvalidParams,
        message:
          'thread/resume initialTurnsPage is experimental: initialize with capabilities.experimentalApi = true to use it',
        data: { reason: 'invalidParams' },
      }),
    );
    // Without the gated field (or with it null) the method is the stable one; thread/turns/list
    // is stable since Codex 0.169.
    void w.run('thread/resume', { threadId: 't', initialTurnsPage: null }, w.ctx);
    void w.run('thread/turns/list', { threadId: 't' }, w.ctx);
    await w.tick();
    expect(w.started.toSorted()).toEqual(['thread/resume', 'thread/turns/list']);
  });

  it('lets clients that opted in use them', async () => {
    const w = world(true);
    void w.run('thread/resume', { threadId: 't', initialTurnsPage: { limit: 5 } }, w.ctx);
    await w.tick();
    expect(w.started).toEqual(['thread/resume']);
  });

  it('runs thread-locked methods one at a time per thread, unlocked ones alongside', async () => {
    const w = world();
    const archive = w.run('thread/archive', { threadId: 't' }, w.ctx);
    void w.run('turn/start', { threadId: 't', input: [] }, w.ctx);
    void w.run('thread/name/set', { threadId: 'other', name: 'n' }, w.ctx);
    void w.run('thread/read', { threadId: 't' }, w.ctx);
    await w.tick();
    expect(w.started.toSorted()).toEqual(['thread/archive', 'thread/name/set', 'thread/read']);
    w.release('thread/archive');
    await archive;
    await w.tick();
    expect(w.started.at(-1)).toBe('turn/start');
  });

  it('runs settings writes one at a time', async () => {
    const w = world();
    const first = w.run('tandem/settings/write', {}, w.ctx);
    void w.run('tandem/settings/write', {}, w.ctx);
    void w.run('tandem/settings/read', {}, w.ctx);
    await w.tick();
    expect(w.started.toSorted()).toEqual(['tandem/settings/read', 'tandem/settings/write']);
    w.release('tandem/settings/write');
    await first;
    await w.tick();
    expect(w.started.toSorted()).toEqual(['tandem/settings/read', 'tandem/settings/write', 'tandem/settings/write']);
  });

  it('declares the locks that were hand-written before the table held them, and the settings writes since', () => {
    const locked = (Object.keys(clientRequests) as ClientRequestMethod[]).filter(
      (m) => clientRequests[m].lock !== 'none',
    );
    expect(locked.sort()).toEqual(
      [
        'config/batchWrite',
        'config/value/write',
        'tandem/settings/write',
        'tandem/turn/revert',
        'tandem/turn/revert/undo',
        'thread/archive',
        'thread/metadata/update',
        'thread/name/set',
        'thread/resume',
        'thread/unarchive',
        'thread/unsubscribe',
        'turn/start',
      ].sort(),
    );
    const gated = (Object.keys(clientRequests) as ClientRequestMethod[]).filter((m) => clientRequests[m].experimental);
    expect(gated.sort()).toEqual(['thread/resume', 'thread/search', 'thread/searchOccurrences', 'thread/start']);
  });
});
