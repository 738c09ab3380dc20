/**
 * Browser end-to-end tests (Playwright): `npm run test:e2e` (scripts/e2e.mjs builds if needed and
 * checks for Chromium first). Specs live in tests/e2e/*.spec.ts and take their fixtures from
 * tests/e2e/fixtures.ts, which starts a fresh `tandem serve` against a fake model per test.
 *
 * Browser: Debian's Chromium at /usr/bin/chromium (`sudo apt-get install -y chromium`); Playwright
 * never downloads browsers here, so never run `npx playwright install`.
 *
 * Output, all under test-results/ (git-ignored):
 * - test-results/playwright.json   the JSON report .ci/run sums with vitest's
 * - test-results/playwright/       per-test artifacts: a screenshot of every test's final page,
 *                                  traces of failures. Playwright empties this folder at the start
 *                                  of each run, so it is kept apart from vitest.json and screens/.
 * - test-results/screens/NAME.png  named screenshots a spec saves on purpose with
 *                                  `screenshot(page, 'name')` from tests/e2e/fixtures.ts.
 */
import { defineConfig } from '@playwright/test';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium switches that work on a headless, sandbox-less, offline CI container (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  // Two cores: one test at a time, each with its own server and browser context.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Cold starts on a 2-core machine: a spawned server plus a browser page per test.
  timeout: 60_000,
  globalTimeout: 20 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 820 },
  },
  projects: [
    {
      // The renderer in a plain browser against `tandem serve` (web mode).
      name: 'web',
      testIgnore: '**/electron-*.spec.ts',
      use: { browserName: 'chromium' },
    },
    {
      // The desktop shell through Playwright's `_electron`; skips itself without an Electron binary.
      name: 'electron',
      testMatch: '**/electron-*.spec.ts',
    },
  ],
});
