// `npm run test:e2e`: browser end-to-end tests (Playwright, playwright.config.ts). Builds first
// when the build is missing, checks for Debian's Chromium (Playwright never downloads browsers
// here), runs `playwright test` with any extra arguments, then names each skipped test's reason
// (Playwright's list reporter does not). Exits with Playwright's exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const REPORT = join(ROOT, 'test-results', 'playwright.json');
const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });

if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')) || !existsSync(join(ROOT, 'out', 'cli', 'tandem.cjs'))) {
  // Under `npm run`, npm_execpath is npm's own CLI script: no shell, no PATH lookup needed.
  const npm = process.env.npm_execpath;
  const build = npm ? run(process.execPath, [npm, 'run', 'build']) : run('npm', ['run', 'build']);
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!existsSync(CHROMIUM)) {
  console.error(
    `test:e2e: Chromium is missing at ${CHROMIUM}; install it with: sudo apt-get install -y chromium (never npx playwright install)`,
  );
  process.exit(1);
}

rmSync(REPORT, { force: true }); // a stale report must never stand in for this run's
const result = run(process.execPath, [require.resolve('@playwright/test/cli'), 'test', ...process.argv.slice(2)]);

try {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const skipped = new Map(); // "[project] file: reason" -> how many tests
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'skipped') {
          const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'skipped';
          const key = `${t.projectName ? `[${t.projectName}] ` : ''}${file}: ${reason}`;
          skipped.set(key, (skipped.get(key) ?? 0) + 1);
        }
    for (const child of suite.suites ?? []) walk(child, file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file ?? suite.title);
  for (const [key, n] of skipped) console.log(`  ${n} skipped ${key}`);
} catch {
  // No report (Playwright failed before writing one): its own output already says why.
}

process.exit(result.status ?? 1);
