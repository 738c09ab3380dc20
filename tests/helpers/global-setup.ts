// Integration tests run the built CLI and web mode serves the built renderer: build both (a few
// seconds) before any test, so `npm test` works right after `npm install`.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/run-bin.mjs', 'electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
