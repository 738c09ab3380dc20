/**
 * Playwright fixtures for web-mode end-to-end tests. Every test gets, fresh and torn down after it:
 *
 * - `tandemHome`: an empty temp TANDEM_HOME (threads, settings.json);
 * - `workspace`: an empty temp project folder to open in the UI;
 * - `fakeOpenAI`: a fake OpenAI-compatible server playing the test's script;
 * - `tandem`: `tandem serve --port 0` pointed at the fake (OPENAI_BASE_URL / OPENAI_API_KEY), with
 *   a fixed token (TANDEM_WS_TOKEN) so that
 * - `restartTandem`: stops that server and starts another on the same port, home and token (the
 *   page's address stays valid); `tandem.child` is the first process only;
 * - `page`: already navigated to the address the server printed (token in the fragment);
 * - `browserProblems`: console errors, uncaught page errors and CSP violations seen by the page.
 *
 * Scripting the model:
 *
 *   test('…', async ({ page, setScript }) => { setScript([...]); … });
 *
 * (Not `test.use({ script: [...] })`: Playwright reads an array given to test.use as its
 * [value, options] fixture form, so the script would be its first call only.)
 *
 * `setScript` replaces the script from the next model call on (its first entry answers that call).
 * Named screenshots: `await screenshot(page, 'approval-card')` → test-results/screens/approval-card.png.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAI, type RecordedRequest, type Script, type ScriptedCall } from '../helpers/fake-openai';
import { spawnWebMode, type WebModeProcess } from '../helpers/serve';

export { expect };
export type { Script };

/** Where `screenshot()` writes; outside Playwright's outputDir so a run never wipes it. */
const SCREENS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

/** Saves a full-page screenshot as test-results/screens/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name))
    throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  await mkdir(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** What went wrong in the page, collected from before the first navigation. */
interface BrowserProblems {
  /** `console.error` messages (Chromium also logs refused loads and CSP refusals here). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** `securitypolicyviolation` events: "DIRECTIVE BLOCKED-URI @ SOURCE-FILE:LINE:COLUMN". */
  cspViolations: string[];
}

interface TandemOptions {
  /** The fake model's script; default empty (any model call then fails with "script exhausted"). */
  script: Script;
  /** Extra environment for `tandem serve` (e.g. TANDEM_WIRE_API: 'chat'). */
  tandemEnv: Record<string, string>;
  /** Fills TANDEM_HOME before the server starts (e.g. with a persisted thread). */
  seedHome: (home: string, workspace: string) => Promise<void>;
}

interface TandemFixtures {
  tandemHome: string;
  workspace: string;
  fakeOpenAI: FakeOpenAI;
  /** Replaces the fake's script from the next model call on. */
  setScript: (script: Script) => void;
  tandem: WebModeProcess;
  /** Stop the server, run `meanwhile` (while it is down), start it again on the same port and token. */
  restartTandem: (meanwhile?: () => Promise<void>) => Promise<void>;
  browserProblems: BrowserProblems;
}

/** The binding the init script reports CSP violations through. */
const CSP_BINDING = '__tandemE2eCspViolation';

/** Runs in the page before its own scripts (a string: this file type-checks without DOM types). */
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  const report = globalThis[${JSON.stringify(CSP_BINDING)}];
  if (typeof report === 'function') report(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + ' @ ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber);
});`;

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A script that plays `script` with call indices counted from the moment it was set. */
class SwitchableScript {
  private script: Script = [];
  private firstCall = 0;

  set(script: Script, modelCallsSoFar: number): void {
    this.script = script;
    this.firstCall = modelCallsSoFar;
  }

  answer(request: RecordedRequest, callIndex: number): ScriptedCall {
    const index = callIndex - this.firstCall;
    if (typeof this.script === 'function') return this.script(request, index);
    const call = this.script[index];
    if (call) return call;
    const message = `fake-openai: script exhausted (model call #${index + 1}, script has ${this.script.length})`;
    return { status: 500, body: { error: { message, type: 'server_error', param: null, code: 'script_exhausted' } } };
  }
}

/** Each test's server restart, kept off the process object so its type stays the helper's. */
const restarts = new WeakMap<WebModeProcess, (meanwhile?: () => Promise<void>) => Promise<void>>();

/** The fake's script switches, kept off the FakeOpenAI object so its type stays the helper's. */
const scripts = new WeakMap<FakeOpenAI, SwitchableScript>();

export const test = base.extend<TandemOptions & TandemFixtures>({
  script: [[], { option: true }],
  tandemEnv: [{}, { option: true }],
  // A function value is provided by a fixture: Playwright would run a bare function as the fixture.
  seedHome: [async ({}, use) => use(async () => {}), { option: true }],

  tandemHome: async ({}, use) => {
    const dir = await tempDir('tandem-e2e-home-');
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  workspace: async ({}, use) => {
    const dir = await tempDir('tandem-e2e-workspace-');
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  fakeOpenAI: async ({ script }, use) => {
    const switchable = new SwitchableScript();
    switchable.set(script, 0);
    const fake = await FakeOpenAI.start((request, index) => switchable.answer(request, index));
    scripts.set(fake, switchable);
    try {
      await use(fake);
    } finally {
      scripts.delete(fake);
      await fake.close();
    }
  },

  setScript: async ({ fakeOpenAI }, use) => {
    await use((script) => scripts.get(fakeOpenAI)?.set(script, fakeOpenAI.modelCalls.length));
  },

  tandem: async ({ tandemHome, workspace, fakeOpenAI, tandemEnv, seedHome }, use) => {
    await seedHome(tandemHome, workspace);
    // An empty HOME for the server: the agent's commands run with `bash -lc`, and a developer's
    // login profile (pyenv, nvm…) can take seconds and print into their output.
    const userHome = await tempDir('tandem-e2e-user-');
    const env = {
      TANDEM_HOME: tandemHome,
      HOME: userHome,
      OPENAI_BASE_URL: fakeOpenAI.baseURL,
      OPENAI_API_KEY: 'sk-e2e-test',
      TANDEM_WS_TOKEN: randomBytes(16).toString('hex'),
      ...tandemEnv,
    };
    const first = await spawnWebMode(env, ['--port', '0']);
    let current = first;
    restarts.set(first, async (meanwhile) => {
      await current.stop();
      await meanwhile?.();
      current = await spawnWebMode(env, ['--port', String(first.port)]);
    });
    try {
      await use(first);
    } finally {
      restarts.delete(first);
      await current.stop();
      await rm(userHome, { recursive: true, force: true });
    }
  },

  restartTandem: async ({ tandem }, use) => {
    await use(async (meanwhile) => {
      const restart = restarts.get(tandem);
      if (!restart) throw new Error('restartTandem: no server to restart');
      await restart(meanwhile);
    });
  },

  browserProblems: async ({}, use) => {
    await use({ consoleErrors: [], pageErrors: [], cspViolations: [] });
  },

  page: async ({ page, tandem, browserProblems: problems }, use) => {
    // Listen before the first navigation, so nothing the page does while loading is missed.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => problems.pageErrors.push(error.message));
    await page.exposeFunction(CSP_BINDING, (violation: unknown) => problems.cspViolations.push(String(violation)));
    await page.addInitScript(CSP_LISTENER);
    await page.goto(tandem.url);
    await use(page);
  },
});
