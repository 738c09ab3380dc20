/** Where benchmarks leave their figures, and how a benchmark script runs. */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './peers';

/**
 * Writes `figures` (with when, where and on what they were taken) to
 * bench/results/NAME-<time>.json, kept for comparing runs, and bench/results/latest-NAME.json.
 */
export async function writeResults(name: string, runs: number, figures: Record<string, unknown>): Promise<void> {
  const at = new Date().toISOString();
  const json = JSON.stringify({ at, runs, cores: availableParallelism(), node: process.version, ...figures }, null, 2);
  const dir = join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}-${at.replace(/[:.]/g, '-')}.json`), json);
  await writeFile(join(dir, `latest-${name}.json`), json);
  console.log(`\nwritten to bench/results/latest-${name}.json`);
}

/** Runs a benchmark's main; a failure prints and exits 1. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
