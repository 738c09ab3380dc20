import { appendFile, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger, silentLogger } from '../../../../../main/server/log';
import { FORMAT_VERSION, type HeaderRecord } from '../../../../../main/server/threads/records';
import { ThreadStore } from '../../../../../main/server/threads/thread-store';
import { useHarness } from '../../../../helpers/harness';

const h = useHarness();

const header = (id: string, at: number, cwd = '/work'): HeaderRecord => ({
  t: 'thread',
  v: FORMAT_VERSION,
  at,
  id,
  sessionId: id,
  cwd,
  model: 'm',
  modelProvider: 'openai',
  reasoningEffort: null,
  approvalPolicy: 'on-request',
  sandbox: 'workspace-write',
  forkedFromId: null,
  cliVersion: 'test',
});

describe('ThreadStore', () => {
  it('skips a torn last line with a warning, and cuts it before the next append', async () => {
    const home = await h.tempDir();
    const store = new ThreadStore(home, silentLogger);
    await store.create(header('t1', 1000), []);
    await store.append('t1', [{ t: 'name', at: 2000, name: 'before crash' }]);
    const file = store.pathOf('t1');
    await appendFile(file, '{"t":"name","at":3000,"na'); // the process died mid-write

    const log = memoryLogger();
    const reopened = new ThreadStore(home, log);
    const state = await reopened.read('t1');
    expect(state?.meta.name).toBe('before crash');
    expect(log.lines.join('\n')).toMatch(/torn last line/);

    await reopened.append('t1', [{ t: 'name', at: 4000, name: 'after crash' }]);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as { t: string }).map((r) => r.t)).toEqual(['thread', 'name', 'name']);
    expect((await reopened.read('t1'))?.meta.name).toBe('after crash');
  });

  it('skips a damaged line in the middle, naming it, and keeps every record around it', async () => {
    const home = await h.tempDir();
    const store = new ThreadStore(home, silentLogger);
    await store.create(header('t1', 1000), []);
    const file = store.pathOf('t1');
    const record = (name: string, at: number): string => `${JSON.stringify({ t: 'name', at, name })}\n`;
    // Line 3 is not JSON; line 4 holds two values where one record belongs.
    await appendFile(
      file,
      record('first', 2000) +
        '{"t":"name","at":3000,"name":"brok\n' +
        `${record('x', 3500).trimEnd()},${record('y', 3600)}` +
        record('last', 4000),
    );
    const log = memoryLogger();
    const state = await new ThreadStore(home, log).read('t1');
    expect(state?.meta.name).toBe('last');
    expect(state?.meta.updatedAtMs).toBe(4000);
    const warnings = log.lines.join('\n');
    expect(warnings).toMatch(/t1\.jsonl:3: skipping a line that is not JSON/);
    expect(warnings).toMatch(/t1\.jsonl:4: skipping a line that is not JSON/);
  });

  it('rebuilds an index entry when the thread file changed behind its back', async () => {
    const home = await h.tempDir();
    const store = new ThreadStore(home, silentLogger);
    await store.create(header('t1', 1000), []);
    await store.flush();
    // A record the index never heard of (the process died between the two writes).
    await appendFile(store.pathOf('t1'), JSON.stringify({ t: 'name', at: 5000, name: 'late' }) + '\n');
    const page = await new ThreadStore(home, silentLogger).list({});
    expect(page.threads.map((t) => [t.id, t.name, t.updatedAtMs])).toEqual([['t1', 'late', 5000]]);
  });

  it('works without an index file, and ignores files that are not threads', async () => {
    const home = await h.tempDir();
    const dir = join(home, 'threads');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a.jsonl'), JSON.stringify(header('a', 1)) + '\n');
    await writeFile(join(dir, 'junk.jsonl'), 'not a thread\n');
    await writeFile(join(dir, 'wrong-id.jsonl'), JSON.stringify(header('other', 2)) + '\n');
    await writeFile(join(dir, 'index.jsonl'), '{"broken');
    const page = await new ThreadStore(home, silentLogger).list({});
    expect(page.threads.map((t) => t.id)).toEqual(['a']);
  });

  it('lists 10,000 threads from the index, page by page, without reading the thread files', async () => {
    const home = await h.tempDir();
    const dir = join(home, 'threads');
    await mkdir(dir, { recursive: true });
    const N = 10_000;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        writeFile(
          join(dir, `th-${String(i).padStart(5, '0')}.jsonl`),
          JSON.stringify(header(`th-${String(i).padStart(5, '0')}`, 1_000_000 + i, i % 2 ? '/a' : '/b')) + '\n',
        ),
      ),
    );
    await new ThreadStore(home, silentLogger).flush(); // nothing pending yet
    const first = new ThreadStore(home, silentLogger);
    await (await first.index()).flush();

    // Overwrite one file with same-sized content: a store that trusts its index never notices,
    // which shows listing does not parse the thread files.
    const victim = join(dir, 'th-09999.jsonl');
    const size = (await readFile(victim)).length;
    await writeFile(victim, 'x'.repeat(size - 1) + '\n');

    const store = new ThreadStore(home, silentLogger);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.list({ limit: 200, cursor, cwd: '/a' });
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(25);
    expect(seen).toHaveLength(N / 2);
    expect(new Set(seen).size).toBe(N / 2);
    expect(seen[0]).toBe('th-09999'); // newest first, straight from the index
    expect(seen.at(-1)).toBe('th-00001');
  });
});
