/**
 * Tandem's UI on the real Codex engine (issue 12, section 4): web mode with settings.json
 * choosing `codex app-server` (0.169.0, installed by `npm run codex-peer`) as the engine, Codex
 * pointed at the fake model. A whole turn — a command and a patch, both approved in the UI, the
 * patch as a whole-change decision with its diff read-only — completes with the files written;
 * the changes panel shows Codex's turn diff; Settings offers only the engine choice; a reload
 * resumes the thread from Codex. And without a working Codex: the page falls back to the
 * built-in server, says why in Settings, and switching back works.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codexBinary, prepareCodexHome, type CodexHome } from '../helpers/codex-peer';
import { fullTurnScript, INITIAL_FILES } from '../helpers/scenario';
import { test as base, expect, screenshot } from './fixtures';
import { openFolder, send } from './ui-actions';

const codex = codexBinary();

const settingsFile = (home: string): string => join(home, 'settings.json');

const test = base.extend<{ codexHome: CodexHome }>({
  codexHome: async ({ fakeOpenAI }, use) => {
    const prepared = await prepareCodexHome(fakeOpenAI.baseURL, 'e2e');
    await use(prepared);
    await rm(prepared.home, { recursive: true, force: true });
  },
  // The Codex child inherits the server's environment: its home, and the dummy key its provider names.
  tandemEnv: async ({ codexHome }, use) =>
    use({ CODEX_HOME: codexHome.env.CODEX_HOME ?? '', FAKE_OPENAI_KEY: codexHome.env.FAKE_OPENAI_KEY ?? '' }),
  seedHome: async ({}, use) =>
    use(async (home, workspace) => {
      await writeFile(settingsFile(home), JSON.stringify({ engine: { kind: 'codex', command: codex } }));
      for (const [path, text] of Object.entries(INITIAL_FILES)) {
        await mkdir(dirname(join(workspace, path)), { recursive: true });
        await writeFile(join(workspace, path), text);
      }
    }),
});

test.describe('the UI on the Codex engine', () => {
  test.skip(!codex, 'the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)');

  test('runs a whole turn with a command and a patch approved in the UI', async ({
    page,
    workspace,
    setScript,
    fakeOpenAI,
    browserProblems,
  }) => {
    setScript(fullTurnScript());
    await openFolder(page, workspace);
    // Folder completion is Tandem's: none is offered on Codex.
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'Greet tandem and add a todo');

    await expect(page.getByText('Let me look at the project first.')).toBeVisible({ timeout: 20_000 });
    const ask = page.getByRole('group', { name: 'Approval request' });
    await expect(ask.locator('.command-line')).toContainText('echo started > log.txt && cat hello.txt');
    // Only the answers Codex says it takes (its availableDecisions: accept, an amendment, cancel).
    await expect(ask.getByRole('button', { name: 'Decline and stop the turn' })).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Approve for session' })).toHaveCount(0);
    await screenshot(page, 'codex-engine-command-approval');
    await ask.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => readFile(join(workspace, 'log.txt'), 'utf8').catch(() => null)).toBe('started\n');

    // The patch: one decision for the whole change, each file's diff shown read-only from the item.
    const review = page.getByRole('group', { name: 'Approval request' });
    await expect(review.getByText('asks about the whole change')).toBeVisible();
    const helloDiff = review.getByLabel(`Diff of ${join(workspace, 'hello.txt')}`);
    await expect(helloDiff).toContainText('+tandem');
    await expect(review.getByLabel(`Diff of ${join(workspace, 'notes/todo.md')}`)).toContainText('- ship it');
    await expect(review.getByRole('button', { name: 'Reject hunk' })).toHaveCount(0);
    await screenshot(page, 'codex-engine-patch-approval');
    expect(await readFile(join(workspace, 'hello.txt'), 'utf8')).toBe('hello\nworld\n'); // nothing before the answer
    await review.getByRole('button', { name: 'Approve', exact: true }).click();

    await expect(page.getByText('Done: hello.txt now greets tandem, and notes/todo.md exists.')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Approval request' })).toHaveCount(0);
    expect(await readFile(join(workspace, 'hello.txt'), 'utf8')).toBe('hello\ntandem\n');
    expect(await readFile(join(workspace, 'notes/todo.md'), 'utf8')).toBe('# Todo\n- ship it\n');
    expect(fakeOpenAI.modelCalls).toHaveLength(3);

    // The changes panel: Codex's turn diff (turn/diff/updated), read-only.
    await page.getByRole('button', { name: 'Changes' }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await expect(changes.getByLabel('Turn diff')).toContainText('+tandem');
    await expect(changes.getByRole('button', { name: /Revert/ })).toHaveCount(0);
    await screenshot(page, 'codex-engine-turn-done');

    // Settings: the engine choice only; the model settings are Codex's own.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Settings' });
    await expect(settings.getByLabel('Engine', { exact: true })).toHaveValue('codex');
    await expect(settings.getByLabel('Codex command')).toHaveValue(codex ?? '');
    await expect(settings.getByLabel('Base URL')).toHaveCount(0);
    await expect(settings.getByText(/connected to Codex 0\.169\.0/)).toBeVisible();
    await screenshot(page, 'codex-engine-settings');

    // A reload resumes the thread from Codex (a new engine for the new connection).
    await page.reload();
    await expect(page.getByText('Done: hello.txt now greets tandem, and notes/todo.md exists.')).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByText('Greet tandem and add a todo').first()).toBeVisible();
    // This page never saw the turn's diff report: the panel shows its file changes instead.
    await page.getByRole('button', { name: 'Changes' }).click();
    await expect(page.getByRole('region', { name: 'Changes' }).getByLabel('Turn diff')).toContainText('+tandem');
    expect(browserProblems.pageErrors).toEqual([]);
    // Every message Codex sent that the UI reads fitted its schemas (the client logs what it drops).
    expect(browserProblems.consoleErrors.filter((e) => e.includes('dropped an invalid'))).toEqual([]);
  });
});

test.describe("Codex's own answers", () => {
  test.skip(!codex, 'the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)');

  test('a command approved with the rule Codex offers runs, and Codex records the rule', async ({
    page,
    workspace,
    setScript,
    codexHome,
  }) => {
    setScript([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'echo ruled > rule.txt' },
            callId: 'call_r',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Ruled.' }] },
    ]);
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'Write rule.txt');
    const ask = page.getByRole('group', { name: 'Approval request' });
    const amend = ask.getByRole('button', {
      name: "Approve, and allow `/bin/bash -lc 'echo ruled > rule.txt'` from now on",
    });
    await expect(amend).toBeVisible({ timeout: 20_000 });
    await amend.click();
    await expect(page.getByText('Ruled.')).toBeVisible();
    expect(await readFile(join(workspace, 'rule.txt'), 'utf8')).toBe('ruled\n');
    // Codex keeps an accepted amendment as an exec-policy rule in its home.
    const rules = await readFile(join(codexHome.env.CODEX_HOME ?? '', 'rules', 'default.rules'), 'utf8').catch(
      () => '',
    );
    expect(rules).toContain('echo ruled > rule.txt');
  });
});

test.describe('a running Codex turn', () => {
  test.skip(!codex, 'the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)');

  test('streams into the page and stops with Stop', async ({ page, workspace, setScript }) => {
    setScript([{ outputs: [{ type: 'message', text: 'word '.repeat(400) }], eventDelayMs: 20, hangAfterEvents: 60 }]);
    await openFolder(page, workspace);
    await send(page, 'talk a lot');
    await expect(page.getByText('word word word')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText('Stopped.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  });
});

test.describe('an item kind the UI does not know', () => {
  test.skip(!codex, 'the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)');

  test("is shown generically (Codex's imageView), and the thread reads on", async ({ page, workspace, setScript }) => {
    // A 1×1 PNG for Codex's view_image tool, whose item (imageView) Tandem's UI has no view for.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await writeFile(join(workspace, 'pic.png'), Buffer.from(png, 'base64'));
    setScript([
      { outputs: [{ type: 'function_call', name: 'view_image', arguments: { path: 'pic.png' }, callId: 'call_img' }] },
      { outputs: [{ type: 'message', text: 'A single pixel.' }] },
    ]);
    await openFolder(page, workspace);
    await send(page, 'What is in pic.png?');
    await expect(page.getByText('A single pixel.')).toBeVisible({ timeout: 20_000 });
    const other = page.locator('.item.other[data-item-type="imageView"]');
    await expect(other).toBeVisible();
    await other.locator('summary').click();
    await expect(other.locator('pre')).toContainText(join(workspace, 'pic.png'));
    await screenshot(page, 'codex-engine-unknown-item');

    // Read back from Codex on reload: the same item, the same way, the rest of the thread around it.
    await page.reload();
    await expect(page.getByText('A single pixel.')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.item.other[data-item-type="imageView"]')).toBeVisible();
    await expect(page.getByText('What is in pic.png?').first()).toBeVisible();
  });
});

test.describe('an engine that cannot start', () => {
  test.use({
    seedHome: async ({}, use) =>
      use(async (home) => {
        await writeFile(
          settingsFile(home),
          JSON.stringify({ engine: { kind: 'codex', command: '/nonexistent/codex' } }),
        );
      }),
  });

  test('leaves the page on the built-in server, says why, and the engine can be switched back', async ({
    page,
    tandemHome,
  }) => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Settings' });
    await expect(settings.getByRole('alert')).toContainText('could not start `/nonexistent/codex app-server`');
    // The built-in server's own settings are there again.
    await expect(settings.getByLabel('Base URL')).toBeVisible();
    await screenshot(page, 'engine-fallback-settings');

    await settings.getByLabel('Engine', { exact: true }).selectOption('builtin');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings.getByRole('status')).toContainText('once the page reconnects');
    const saved = JSON.parse(await readFile(settingsFile(tandemHome), 'utf8')) as { engine?: unknown };
    expect(saved.engine).toEqual({ kind: 'builtin' });

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('form', { name: 'Settings' }).getByLabel('Base URL')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Settings' }).getByRole('alert')).toHaveCount(0);
  });
});
