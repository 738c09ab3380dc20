/** The thread registry over a real store: load once, record = persist then apply, status, locks. */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../protocol/rpc/errors';
import { replay } from '../../../../main/server/threads/records';
import { ThreadStore } from '../../../../main/server/threads/thread-store';
import { silentLogger } from '../../../../main/server/log';
import { coreParts, header, RecordingClient } from '../../../helpers/core-parts';
import { useHarness } from '../../../helpers/harness';

const h = useHarness();

async function withThreadOnDisk() {
  const home = await h.tempDir();
  const first = coreParts(home);
  const state = await first.store.create(header(home), []);
  await first.store.flush();
  return { home, id: state.meta.id, ...coreParts(home) };
}

describe('ThreadRegistry', () => {
  it('loads a thread once however many ask at the same time', async () => {
    const { registry, id } = await withThreadOnDisk();
    expect(registry.statusOf(id)).toEqual({ type: 'notLoaded' });
    const [a, b] = await Promise.all([registry.load(id), registry.load(id)]);
    expect(a).toBe(b);
    expect(registry.getLoaded(id)).toBe(a);
    expect(registry.statusOf(id)).toEqual({ type: 'idle' });
  });

  it('records to disk before memory, and a record made during a load is applied exactly once', async () => {
    const { home, registry, id } = await withThreadOnDisk();
    const loading = registry.load(id);
    await registry.record(id, [{ t: 'turnStarted', at: Date.now(), turnId: 'turn-1' }]);
    const thread = await loading;
    expect(thread.state.turns.map((t) => t.id)).toEqual(['turn-1']);
    await registry.record(id, [{ t: 'name', at: Date.now(), name: 'named' }]);
    expect(thread.state.meta.name).toBe('named');
    // A fresh store reads the same from disk.
    const again = await new ThreadStore(home, silentLogger).require(id);
    expect(again.meta.name).toBe('named');
    expect(again.turns.map((t) => t.id)).toEqual(['turn-1']);
  });

  it('keeps an ephemeral thread in memory only', async () => {
    const home = await h.tempDir();
    const { registry, store } = coreParts(home);
    const thread = registry.adopt(replay(header(home), [], true));
    await registry.record(thread.id, [{ t: 'name', at: Date.now(), name: 'only here' }]);
    expect(thread.state.meta.name).toBe('only here');
    await expect(store.read(thread.id)).resolves.toBeUndefined();
  });

  it('answers meta from the index without loading, and threadNotFound for an unknown id', async () => {
    const { registry, id } = await withThreadOnDisk();
    await expect(registry.meta(id)).resolves.toMatchObject({ id });
    expect(registry.getLoaded(id)).toBeUndefined();
    await expect(registry.meta('nope')).rejects.toMatchObject({
      code: ErrorCode.ThreadNotFound,
      data: { reason: 'threadNotFound', threadId: 'nope' },
    });
  });

  it('announces a status change to every client, and forgets a client that left', async () => {
    const { registry, hub, id } = await withThreadOnDisk();
    const [a, b] = [new RecordingClient(), new RecordingClient()];
    hub.add(a);
    hub.add(b);
    const thread = await registry.load(id);
    hub.subscribe(thread, a);
    registry.setStatus(thread, { type: 'active', activeFlags: [] });
    for (const c of [a, b])
      expect(c.notifications).toEqual([
        { method: 'thread/status/changed', params: { threadId: id, status: { type: 'active', activeFlags: [] } } },
      ]);
    registry.unsubscribe(a);
    expect(thread.subscribers.has(a)).toBe(false);
  });

  it('runs locked work one at a time per thread, and threads independently', async () => {
    const { registry } = coreParts(await h.tempDir());
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = registry.exclusive('a', async () => {
      order.push('a1 start');
      await gate;
      order.push('a1 end');
    });
    const second = registry.exclusive('a', async () => void order.push('a2'));
    const other = registry.exclusive('b', async () => void order.push('b'));
    await other;
    expect(order).toEqual(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('goes on after a locked job failed', async () => {
    const { registry } = coreParts(await h.tempDir());
    await expect(registry.exclusive('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(registry.exclusive('a', async () => 'next')).resolves.toBe('next');
  });
});
