/**
 * One measured UI run: a fresh `tandem serve` (its own home and workspace, pointed at the bench's
 * fake model) and a fresh browser context on its page, with the probe installed. Nothing carries
 * over between runs: no warm server caches, no page state.
 */
import type { Browser, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnWebMode, type WebModeProcess } from '../../tests/helpers/serve';
import type { FakeModel } from '../fake-model';
import { PROBE } from './probe';

export interface UiSession {
  page: Page;
  home: string;
  workspace: string;
  server: WebModeProcess;
  /** The page's console errors and uncaught exceptions (a broken run must not pass as fast). */
  problems: string[];
  close(): Promise<void>;
}

/** `prepare` fills the home or the workspace before the server starts. */
export async function openSession(
  browser: Browser,
  fake: FakeModel,
  prepare: (home: string, workspace: string) => Promise<void> = async () => {},
): Promise<UiSession> {
  const home = await mkdtemp(join(tmpdir(), 'tandem-bench-ui-home-'));
  const workspace = await mkdtemp(join(tmpdir(), 'tandem-bench-ui-ws-'));
  await prepare(home, workspace);
  const server = await spawnWebMode({ TANDEM_HOME: home, OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-bench' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(PROBE);
  await page.goto(server.url);
  // Measured from a settled app, as a user meets it: what it loads when idle (Monaco) is loaded.
  await page.waitForLoadState('networkidle');
  return {
    page,
    home,
    workspace,
    server,
    problems,
    async close() {
      await context.close();
      await server.stop();
      await rm(home, { recursive: true, force: true });
      await rm(workspace, { recursive: true, force: true });
    },
  };
}

/** Opens the workspace in the UI, as a user would, and waits for the composer. */
export async function openFolder(page: Page, folder: string, approvalPolicy?: string): Promise<void> {
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(folder);
  await page.getByLabel('Folder path').press('Enter');
  await page.getByLabel('Message').waitFor();
  if (approvalPolicy) await page.getByLabel('Approval policy').selectOption(approvalPolicy);
}

/** Types a message into the composer and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
}
