// Integration tests run the built CLI and web mode serves the built renderer: build both (a few
// seconds) before any test, so `npm test` works right after `npm install`.
//
// The agent's commands are login shells (`bash -lc`), and so are the CLIs the tests spawn: with the
// developer's HOME they source its profile (pyenv, nvm, conda…), which made command tests slow and
// timing-dependent, and a shell killed mid-profile could leave a lock that stalled every later
// one. Tests get an empty HOME of their own (their git commands set an identity themselves).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/run-bin.mjs', 'electron-vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  const home = mkdtempSync(join(tmpdir(), 'tandem-test-home-'));
  process.env.HOME = home;
  return () => rmSync(home, { recursive: true, force: true });
}
