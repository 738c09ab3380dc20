// `npm run bench [server]`: bundles the benchmark into out/bench (one file, so it runs with plain
// node and no TypeScript loader) and runs it. `all` is `server` until the UI bench exists.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const which = process.argv[2] ?? 'all';
const benches = { server: ['server'], all: ['server'] }[which];
if (!benches) {
  console.error(`bench: unknown benchmark "${which}" (server, all)`);
  process.exit(2);
}

const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(join(ROOT, 'out', 'cli', 'tandem.cjs'))) run(['scripts/build-cli.mjs']);
if (benches.includes('server')) run(['scripts/codex-peer.mjs']);

for (const name of benches) {
  // ESM so import.meta.dirname/url keep working in the helpers; dependencies stay in node_modules.
  // The fake model's worker is its own entry point, loaded from beside the bench.
  const entryPoints = [`bench/${name}.ts`, 'bench/fake-worker.ts'].map((p) => join(ROOT, p));
  await build({ entryPoints, outdir: join(ROOT, 'out', 'bench'), outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning' });
  run(['--enable-source-maps', join(ROOT, 'out', 'bench', `${name}.mjs`)]);
}
