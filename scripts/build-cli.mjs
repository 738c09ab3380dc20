// Bundles the headless CLI into one file that `node` runs directly: start-up never walks
// node_modules, which is most of a cold start's cost.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const outfile = 'out/cli/tandem.cjs';
await build({
  entryPoints: ['main/cli.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
