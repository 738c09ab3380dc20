// `npm run bench [server|ui|search|all]`: bundles each benchmark into out/bench (one file, so it runs
// with plain node and no TypeScript loader) and runs it. `all` runs every one, then writes their figures
// together to bench/results/bench-<time>.json (and latest.json), so runs compare over time.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const which = process.argv[2] ?? 'all';
const benches = { server: ['server'], ui: ['ui'], search: ['search'], all: ['server', 'ui', 'search'] }[which];
if (!benches) {
  console.error(`bench: unknown benchmark "${which}" (server, ui, search, all)`);
  process.exit(2);
}

const exec = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const run = (args) => exec(process.execPath, args);

// The UI bench serves the built renderer; the server bench only needs the CLI. Under `npm run`,
// npm_execpath is npm's own CLI script.
const npm = process.env.npm_execpath;
if (benches.includes('ui') && !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
  if (npm) run([npm, 'run', 'build']);
  else exec('npm', ['run', 'build']);
} else if (!existsSync(join(ROOT, 'out', 'cli', 'tandem.cjs'))) run(['scripts/build-cli.mjs']);
if (benches.includes('server')) run(['scripts/codex-peer.mjs']);

for (const name of benches) {
  // ESM so import.meta.dirname/url keep working in the helpers; dependencies stay in node_modules.
  // The fake model's worker is its own entry point, loaded from beside the bench.
  const entryPoints = [`bench/${name}.ts`, 'bench/fake-worker.ts'].map((p) => join(ROOT, p));
  await build({
    entryPoints,
    outdir: join(ROOT, 'out', 'bench'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`\n== bench ${name} ==`);
  run(['--enable-source-maps', join(ROOT, 'out', 'bench', `${name}.mjs`)]);
}

if (which === 'all') {
  const figures = Object.fromEntries(
    benches.map((name) => [name, JSON.parse(readFileSync(join(RESULTS, `latest-${name}.json`), 'utf8'))]),
  );
  const at = new Date().toISOString();
  const json = JSON.stringify({ at, ...figures }, null, 2);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `bench-${at.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(RESULTS, 'latest.json'), json);
  console.log('\nall figures written to bench/results/latest.json');
}
