// `npm start`: build, make sure the Electron binary is there (fetching it on first use), then
// launch the desktop app. Where Electron cannot be had, say so in one line and point to web mode
// instead of printing a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dev = process.argv.includes('--dev');
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', shell: false, ...opts });

function electronBinary() {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

if (!dev) {
  const build = run(process.execPath, [join('scripts', 'run-bin.mjs'), 'electron-vite', 'build']);
  if (build.status !== 0) process.exit(build.status ?? 1);
  const cli = run(process.execPath, [join('scripts', 'build-cli.mjs')]);
  if (cli.status !== 0) process.exit(cli.status ?? 1);
}

if (!electronBinary()) {
  const install = run(process.execPath, [require.resolve('electron/install.js')], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  if (install.status !== 0 || !electronBinary()) {
    console.error(
      'tandem: the Electron binary could not be downloaded on this machine; use web mode instead: `npm run serve` (see README).',
    );
    process.exit(1);
  }
}

const launched = run(process.execPath, [
  join('scripts', 'run-bin.mjs'),
  'electron-vite',
  dev ? 'dev' : 'preview',
  ...(dev ? [] : ['--skipBuild']),
]);
process.exit(launched.status ?? 0);
