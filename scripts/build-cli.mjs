// Bundles the headless CLI into one file that `node` runs directly: start-up never walks
// node_modules, which is most of a cold start's cost.
import { build } from 'esbuild';
import { chmod, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const outfile = 'out/cli/tandem.cjs';
await build({
  entryPoints: ['main/cli.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Less for V8 to compile at start-up (~100 ms here); `node --enable-source-maps` maps stack traces back.
  minify: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);

// The command-safety parser (main/tools/command-safety) loads these wasm files from beside the
// bundle, because the bundle may run where node_modules is out of reach.
const require = createRequire(import.meta.url);
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  const from = require.resolve(wasm);
  await copyFile(from, join(dirname(outfile), basename(from)));
}
