// Installs the reference Codex CLI (pinned) into .bench/codex, outside the normal install: it is
// ~300 MB and only the parity test and the benchmarks use it. Exits 0 with a note when npm cannot
// fetch it, so callers can go on without it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = '0.169.0';
const dir = join(import.meta.dirname, '..', '.bench', 'codex');
const bin = join(dir, 'node_modules', '.bin', 'codex');
const check = () => spawnSync(bin, ['--version'], { encoding: 'utf8' });

if (existsSync(bin) && check().stdout?.includes(VERSION)) {
  console.log(`codex ${VERSION} is installed in .bench/codex`);
  process.exit(0);
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'codex-peer', private: true }, null, 2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', `@openai/codex@${VERSION}`], {
  cwd: dir,
  stdio: 'inherit',
});
if (r.status !== 0 || !check().stdout?.includes(VERSION)) {
  console.log(
    `codex-peer: could not install @openai/codex@${VERSION} here; parity tests and Codex benchmarks will be skipped`,
  );
  process.exit(0);
}
console.log(`codex ${VERSION} installed in .bench/codex`);
