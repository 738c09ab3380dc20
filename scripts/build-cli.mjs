// Bundles the headless CLI into one file that `node` runs directly: start-up never walks
// node_modules, which is most of a cold start's cost. out/cli/tandem.cjs is a small loader that
// runs the bundle (tandem-main.cjs) through V8's code cache (see main/cli-loader.ts).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const dir = 'out/cli';
const loader = join(dir, 'tandem.cjs');
const bundle = join(dir, 'tandem-main.cjs');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
const { metafile } = await build({
  ...common,
  entryPoints: ['main/cli.ts'],
  outfile: bundle,
  sourcemap: true,
  // Less for V8 to compile when the code cache cannot be used; `node --enable-source-maps` maps
  // stack traces back.
  minify: true,
  // No real `import()` in the bundle: esbuild turns each into a require(). The loader runs the
  // bundle through vm.Script with a code cache, and a script compiled from a cache ignores
  // `importModuleDynamically` on Node 20, so a dynamic import would throw only in the shipped
  // CLI (it did: web-tree-sitter's, and the read-only classifier failed closed).
  supported: { 'dynamic-import': false },
  metafile: true,
});
const dynamicImports = Object.values(metafile.outputs).flatMap((output) =>
  output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
);
if (dynamicImports.length > 0)
  throw new Error(`the CLI bundle must not contain a dynamic import(): ${dynamicImports.join(', ')}`);
await build({ ...common, entryPoints: ['main/cli-loader.ts'], outfile: loader, banner: { js: '#!/usr/bin/env node' } });
await chmod(loader, 0o755);

// The command-safety parser (main/tools/command-safety) loads these wasm files from beside the
// bundle, because the bundle may run where node_modules is out of reach.
const require = createRequire(import.meta.url);
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  const from = require.resolve(wasm);
  await copyFile(from, join(dir, basename(from)));
}

// Prime the code cache with what a start-up runs: an app server answering initialize. Caches of
// older bundles go first (the loader names caches for the bundle's size and time; see cli-loader).
for (const name of await readdir(dir))
  if (/^tandem-main\.cjs\.(.*\.)?cache$/.test(name)) await rm(join(dir, name), { force: true });
const home = await mkdtemp(join(tmpdir(), 'tandem-build-'));
try {
  const child = spawn(process.execPath, [loader, 'app-server'], {
    env: { PATH: process.env.PATH, HOME: home, TANDEM_HOME: join(home, 'tandem') },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.stdin.end(
    `${JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'tandem-build', version: '0' } } })}\n`,
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`priming the code cache: the CLI exited with ${code}`);
} finally {
  await rm(home, { recursive: true, force: true });
}
