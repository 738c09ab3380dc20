/**
 * `npm run bench:server`: Tandem's app-server against the Codex app-server over stdio, same fake
 * model, same scenarios, runs alternating A B A B after one warm-up each. Prints a side-by-side
 * table and writes the figures to bench/results/. Figures only: nothing here passes or fails on
 * speed.
 */
import { availableParallelism } from 'node:os';
import { codexBinary } from '../tests/helpers/codex-peer';
import { codex, tandem, type Peer } from './peers';
import { FakeModel } from './fake-model';
import { run, writeResults } from './results';
import { FIGURES, measureRun, type Figure, type RunFigures } from './run';
import { sideBySide, summarize } from './stats';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));

async function main(): Promise<void> {
  const binary = codexBinary();
  if (!binary) console.log('Codex is unavailable (run `npm run codex-peer` or set CODEX_BIN): measuring Tandem alone.');
  const peers: Peer[] = binary ? [tandem, codex(binary)] : [tandem];
  // One fake for the whole bench: both servers see the same loopback model.
  const fake = await FakeModel.start();
  const results = new Map<Peer, RunFigures[]>(peers.map((p) => [p, []]));
  try {
    for (const peer of peers) await measureRun(peer, fake); // warm-up: disk caches, JIT of the fake
    for (let i = 0; i < RUNS; i++) {
      for (const peer of peers) {
        results.get(peer)?.push(await measureRun(peer, fake));
        process.stdout.write('.');
      }
    }
    process.stdout.write('\n');
  } finally {
    await fake.close();
  }

  const [t, c] = peers.map((p) => summarize(results.get(p) ?? [], Object.keys(FIGURES) as Figure[]));
  if (!t) throw new Error('no Tandem figures');
  console.log(
    `\n${RUNS} runs each after a warm-up, alternating; ${availableParallelism()} cores, node ${process.version}\n`,
  );
  console.log(sideBySide(FIGURES, t, c));

  await writeResults('server', RUNS, { codex: binary ? '0.169.0' : null, tandem: t, codexFigures: c ?? null });
}

run(main);
