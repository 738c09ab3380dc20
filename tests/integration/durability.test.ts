import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';

const h = useHarness();

describe('durability', () => {
  it('keeps every acknowledged thread operation across a SIGKILL', async () => {
    const home = await h.tempDir();
    const cwd = await h.tempDir();
    const first = h.stdio({ TANDEM_HOME: home });
    await first.initialize();

    const started: string[] = [];
    const names = new Map<string, string>();
    const archived = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { thread } = await first.request('thread/start', { cwd });
      started.push(thread.id);
      if (i % 3 === 0) {
        await first.request('thread/name/set', { threadId: thread.id, name: `thread ${i}` });
        names.set(thread.id, `thread ${i}`);
      }
      if (i % 4 === 1) {
        await first.request('thread/archive', { threadId: thread.id });
        archived.add(thread.id);
      }
    }
    const fork = await first.request('thread/fork', { threadId: started[0]! });
    started.push(fork.thread.id);

    // More work in flight at the moment of the kill: whatever was answered must survive.
    const answered: string[] = [];
    const inFlight = Array.from({ length: 8 }, () =>
      first.request('thread/start', { cwd }).then(
        (r) => void answered.push(r.thread.id),
        () => undefined, // never answered: the kill came first
      ),
    );
    await Promise.race(inFlight); // kill as soon as the first of them is answered
    first.child.kill('SIGKILL');
    await once(first.child.stdout, 'close'); // every response the server wrote has been read
    expect(answered.length).toBeGreaterThan(0);
    started.push(...answered);

    const second = h.stdio({ TANDEM_HOME: home });
    await second.initialize();
    const live = await second.request('thread/list', { limit: 200 });
    const gone = await second.request('thread/list', { limit: 200, archived: true });
    const listed = new Set([...live.data, ...gone.data].map((t) => t.id));
    for (const id of started) expect(listed.has(id), `thread ${id} survived`).toBe(true);
    expect(new Set(gone.data.map((t) => t.id))).toEqual(archived);
    for (const id of started) {
      const { thread } = await second.request('thread/read', { threadId: id });
      expect(thread.name ?? undefined).toBe(names.get(id));
      expect(thread.cwd).toBe(cwd);
    }
    expect((await second.request('thread/read', { threadId: fork.thread.id })).thread.forkedFromId).toBe(started[0]);
  });
});
