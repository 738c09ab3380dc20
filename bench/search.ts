/**
 * `node scripts/bench.mjs search`: full-text search (`thread/search`) over a generated history of
 * 1,000 threads × 50 turns (bench/search/history.ts), through the built CLI over stdio. Per run,
 * a fresh server: spawn → initialize, the first search (which builds the index from the thread
 * files), then a set of queries, each repeated; figures are the medians over the runs. Figures
 * only: nothing here passes or fails on speed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JsonlClient } from './jsonl-client';
import { ROOT } from './peers';
import { peakRssMiB, rssMiB } from './proc';
import { run, writeResults } from './results';
import { THREADS, TURNS, writeHistory } from './search/history';
import { renderTable, summarize, cell } from './stats';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const REPEAT = 5;
const CLI = join(ROOT, 'out', 'cli', 'tandem.cjs');

/** Common words, rare identifiers, substrings, several words, a path, a miss. */
const QUERIES = [
  'parser',
  'timeout retry',
  'loadThread',
  'fetchjson_1a',
  'ead',
  'renderer/state',
  '"should fix"',
  'SearchIndex memory latency',
  '48213',
  'no-such-word-anywhere',
];

const FIGURES = {
  spawnToInitializeMs: 'spawn → initialize response (ms)',
  firstSearchMs: 'first search: index built from disk + query (ms)',
  queryMedianMs: 'query latency, median (ms)',
  queryP95Ms: 'query latency, p95 (ms)',
  rssAfterInitializeMiB: 'RSS after initialize (MiB)',
  rssAfterIndexMiB: 'RSS after indexing (MiB)',
  rssAfterQueriesMiB: 'RSS after the queries (MiB)',
  peakRssMiB: 'peak RSS (MiB)',
} as const;
type Figure = keyof typeof FIGURES;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(
  home: string,
  cwd: string,
): Promise<{ figures: Record<Figure, number>; perQuery: Record<string, number> }> {
  const spawnedAt = performance.now();
  const client = new JsonlClient(
    process.execPath,
    [CLI, 'app-server'],
    {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(home, '..'),
      TANDEM_HOME: home,
    },
    cwd,
  );
  try {
    await client.request('initialize', {
      clientInfo: { name: 'tandem-bench', version: '0.0.0' },
      capabilities: { experimentalApi: true },
    });
    const spawnToInitializeMs = performance.now() - spawnedAt;
    client.notify('initialized');
    const pid = client.child.pid ?? -1;
    const rssAfterInitializeMiB = rssMiB(pid);
    const first = performance.now();
    // A hung server ends the run; a slow first search on a loaded machine must not.
    await client.request('thread/search', { searchTerm: 'parser' }, 600_000);
    const firstSearchMs = performance.now() - first;
    const rssAfterIndexMiB = rssMiB(pid);
    const times: number[] = [];
    const perQuery: Record<string, number[]> = {};
    for (let i = 0; i < REPEAT; i++) {
      for (const q of QUERIES) {
        const t = performance.now();
        const r = await client.request('thread/search', { searchTerm: q, sortKey: 'updated_at' });
        const ms = performance.now() - t;
        if (!Array.isArray(r.data)) throw new Error('thread/search answered no data');
        times.push(ms);
        (perQuery[q] ??= []).push(ms);
      }
    }
    times.sort((a, b) => a - b);
    return {
      figures: {
        spawnToInitializeMs,
        firstSearchMs,
        queryMedianMs: quantile(times, 0.5),
        queryP95Ms: quantile(times, 0.95),
        rssAfterInitializeMiB,
        rssAfterIndexMiB,
        rssAfterQueriesMiB: rssMiB(pid),
        peakRssMiB: peakRssMiB(pid),
      },
      perQuery: Object.fromEntries(
        Object.entries(perQuery).map(([q, ms]) => [q, ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? NaN]),
      ),
    };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'tandem-bench-search-'));
  try {
    const home = join(root, 'tandem');
    const cwd = join(root, 'project');
    await mkdir(cwd, { recursive: true });
    const t = performance.now();
    const bytes = await writeHistory(home, cwd);
    console.log(
      `history: ${THREADS} threads × ${TURNS} turns, ${(bytes / 2 ** 20).toFixed(0)} MiB of thread files (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    const runs: Array<Record<Figure, number>> = [];
    const perQuery: Array<Record<string, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      const m = await measure(home, cwd);
      runs.push(m.figures);
      perQuery.push(m.perQuery);
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    const s = summarize(runs, Object.keys(FIGURES) as Figure[]);
    console.log(`\n${RUNS} runs, each a fresh server; ${QUERIES.length} queries × ${REPEAT} per run\n`);
    console.log(
      renderTable([
        ['figure', 'median (min–max)'],
        ...(Object.keys(FIGURES) as Figure[]).map((f) => [FIGURES[f], cell(s[f])]),
      ]),
    );
    const queries = summarize(perQuery, QUERIES);
    console.log(`\n${renderTable([['query', 'median (ms)'], ...QUERIES.map((q) => [q, cell(queries[q])])])}`);
    await writeResults('search', RUNS, {
      threads: THREADS,
      turnsPerThread: TURNS,
      historyMiB: bytes / 2 ** 20,
      figures: s,
      queries,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

run(main);
