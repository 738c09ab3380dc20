/**
 * What a user sees around a turn (issue 9, items 3, 7, 8, 9), in the built UI against the built
 * CLI: the Settings defaults a new thread runs with; messages sent during a turn, shown queued and
 * never lost on Stop; a failed turn keeping the message and offering Retry; the working indicator
 * with its clock, and Esc to stop; drafts kept per thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect as baseExpect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

// A loaded 2-core machine (a server, a browser and a model stream per test) can take a while
// to show the first turn; these checks are about what shows, not how fast.
const expect = baseExpect.configure({ timeout: 20_000 });

/** A reply that streams slowly and never ends by itself (only Stop ends the turn). */
const endless = {
  outputs: [{ type: 'message' as const, text: 'word '.repeat(400) }],
  eventDelayMs: 25,
  hangAfterEvents: 40,
};

test.describe('Settings defaults', () => {
  test('a new thread runs with the saved approval policy and sandbox, and the pickers show them', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'touch made-by-agent.txt' },
            callId: 'call_touch',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Understood, I made nothing.' }] },
    ]);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Default approval policy').selectOption('untrusted');
    await form.getByLabel('Default sandbox').selectOption('read-only');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
    await form.getByRole('button', { name: 'Close' }).click();

    await openFolder(page, workspace);
    await expect(page.getByLabel('Approval policy')).toHaveValue('untrusted');
    await expect(page.getByLabel('Sandbox')).toHaveValue('read-only');
    await screenshot(page, 'defaults-new-thread');

    // Under `untrusted` the command asks first; declined, it never runs.
    await send(page, 'make a file');
    const card = page.getByRole('group', { name: 'Approval request' });
    await expect(card.getByText('touch made-by-agent.txt')).toBeVisible();
    await card.getByRole('button', { name: 'Decline' }).click();
    await expect(page.getByText('Understood, I made nothing.')).toBeVisible();
    expect(existsSync(join(workspace, 'made-by-agent.txt'))).toBe(false);
  });
});

test.describe('messages sent during a turn', () => {
  test('show at once as queued, and lose the mark when the model takes them', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      {
        outputs: [{ type: 'message', text: 'Reading slowly through everything first. '.repeat(50) }],
        eventDelayMs: 30,
      },
      { outputs: [{ type: 'message', text: 'Took your addition into account.' }] },
    ]);
    await openFolder(page, workspace);
    await send(page, 'start working');
    await expect(page.getByText('Reading slowly through').first()).toBeVisible();
    await send(page, 'also check the tests');
    const queued = page.getByLabel('Queued for the agent');
    await expect(queued).toContainText('also check the tests');
    await expect(queued).toContainText('Queued');
    await expect(page.getByLabel('Message')).toHaveValue('');
    await screenshot(page, 'steer-queued');

    await expect(page.getByText('Took your addition into account.')).toBeVisible({ timeout: 30_000 });
    await expect(queued).toHaveCount(0);
    await expect(page.locator('.item.user', { hasText: 'also check the tests' })).toHaveCount(1);
    await screenshot(page, 'steer-taken');
  });

  // As in Codex, input sent into a running turn belongs to the thread once sent: a Stop before the
  // model took it keeps it in the thread (the model sees it next turn), never drops it.
  test('Stop before the model took it keeps the message in the thread, across a reload', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([endless]);
    await openFolder(page, workspace);
    await send(page, 'talk a lot');
    await expect(page.getByText('word word word')).toBeVisible();
    await send(page, 'do not lose me');
    await expect(page.getByLabel('Queued for the agent')).toContainText('do not lose me');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText('Stopped.')).toBeVisible();
    await expect(page.getByLabel('Queued for the agent')).toHaveCount(0);
    await expect(page.locator('.item.user', { hasText: 'do not lose me' })).toHaveCount(1);
    await expect(page.getByLabel('Message')).toHaveValue(''); // not twice: in the thread, not back in the composer
    await page.reload();
    await expect(page.locator('.item.user', { hasText: 'do not lose me' })).toHaveCount(1);
    await screenshot(page, 'steer-kept');
  });
});

test.describe('a failed turn', () => {
  test.use({ tandemEnv: { OPENAI_API_KEY: '', OPENAI_BASE_URL: 'https://api.openai.com/v1' } });

  test('keeps the message with the error, and Retry succeeds once the key is set', async ({
    page,
    workspace,
    fakeOpenAI,
    setScript,
  }) => {
    setScript([{ outputs: [{ type: 'message', text: 'Answered after the fix.' }] }]);
    await openFolder(page, workspace);
    await send(page, 'hello without a key');
    await expect(page.getByRole('alert').filter({ hasText: 'No API key' })).toBeVisible();
    await expect(page.locator('.item.user', { hasText: 'hello without a key' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await screenshot(page, 'failed-turn-retry');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Base URL').fill(fakeOpenAI.baseURL);
    await form.getByLabel('API key').fill('sk-now-set');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
    await form.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByText('Answered after the fix.')).toBeVisible();
    expect(JSON.stringify(fakeOpenAI.modelCalls[0]?.body)).toContain('hello without a key');
    // The failed turn keeps its message; the retry shows it again, as the turn it started.
    await expect(page.locator('.item.user', { hasText: 'hello without a key' })).toHaveCount(2);
  });
});

test.describe('while the agent works', () => {
  test('a working indicator counts the time, and Esc stops the turn', async ({ page, workspace, setScript }) => {
    setScript([endless]);
    await openFolder(page, workspace);
    await send(page, 'take your time');
    const working = page.getByRole('status', { name: 'Agent working' });
    await expect(working).toBeVisible();
    await expect(working).toContainText('Esc to stop');
    const elapsed = working.getByLabel('Elapsed time');
    const first = await elapsed.innerText();
    await expect(elapsed).not.toHaveText(first, { timeout: 5_000 }); // the clock ticks
    await screenshot(page, 'working-indicator');

    // Esc in the composer stops it; the draft being typed stays.
    await page.getByLabel('Message').fill('next question');
    await page.getByLabel('Message').press('Escape');
    await expect(page.getByText('Stopped.')).toBeVisible();
    await expect(working).toHaveCount(0);
    await expect(page.getByLabel('Message')).toHaveValue('next question');
  });

  test('Esc with focus in the transcript stops too, but not in the Settings form', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([endless]);
    await openFolder(page, workspace);
    await send(page, 'go on');
    const working = page.getByRole('status', { name: 'Agent working' });
    await expect(working).toBeVisible();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('form', { name: 'Settings' }).getByLabel('Base URL').press('Escape');
    await expect(working).toBeVisible();
    await page.getByText('word word word').first().click();
    await page.keyboard.press('Escape');
    await expect(page.getByText('Stopped.')).toBeVisible();
    await expect(working).toHaveCount(0);
  });
});

test.describe('drafts', () => {
  test('each thread keeps its own draft across switching and reloading', async ({ page, workspace, setScript }) => {
    setScript([{ outputs: [{ type: 'message', text: 'Hello there.' }] }]);
    await openFolder(page, workspace);
    await send(page, 'first thread');
    await expect(page.getByText('Hello there.')).toBeVisible();
    await page.getByLabel('Message').fill('half-written for the first');
    await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
    await expect(page.getByLabel('Message')).toHaveValue('');
    await page.getByLabel('Message').fill('for the second');
    await page.getByRole('button', { name: 'first thread' }).click();
    await expect(page.getByLabel('Message')).toHaveValue('half-written for the first');
    await page.getByRole('button', { name: 'New thread', exact: true }).click();
    await expect(page.getByLabel('Message')).toHaveValue('for the second');

    // A reload keeps them too.
    await page.reload();
    await page.getByRole('button', { name: 'first thread' }).click();
    await expect(page.getByLabel('Message')).toHaveValue('half-written for the first');
  });
});
