/**
 * The page survives what happens to it (issue 9, items 1, 6 and 12), in web mode: a reload keeps
 * the open thread and a pending approval (Approve then runs the command); a server restart on the
 * same port is reconnected by itself; and a reply streaming while the user switches threads or
 * reloads keeps streaming live, from where it got.
 */
import { expect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

/** A gate the fake model waits at, opened by the test. */
function gate(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

/** Words `from`..`to - 1`, each unique as text (`w7x` is not a part of `w17x`). */
const words = (from: number, to: number): string =>
  Array.from({ length: to - from }, (_, i) => `w${from + i}x `).join('');

test.describe('a reload', () => {
  test('keeps a pending command approval: the same thread opens, the approval shows, Approve runs it', async ({
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
            arguments: { cmd: 'echo approved-after-reload > reloaded.txt && cat reloaded.txt' },
            callId: 'call_echo',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'It printed the line.' }] },
    ]);
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    // It writes a file, so `untrusted` asks (a plain echo is read-only and would run unasked).
    await send(page, 'print the line');
    const card = page.getByRole('group', { name: 'Approval request' });
    await expect(card.getByText('echo approved-after-reload')).toBeVisible();

    await page.reload();
    // No click: the thread the page showed opens again, and its approval is asked again.
    await expect(page.locator('.transcript').getByText('print the line')).toBeVisible();
    await expect(card.getByText('echo approved-after-reload')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Approvals inbox' })).toContainText(
      'Run: echo approved-after-reload',
    );
    await screenshot(page, 'approval-after-reload');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.locator('.item.command pre.output')).toContainText('approved-after-reload'); // (a login profile may print too)
    await expect(page.getByText('It printed the line.')).toBeVisible();
    await expect(card).toHaveCount(0);
  });

  test('brings back approvals pending in threads other than the open one, to the inbox', async ({
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
            arguments: { cmd: 'echo from-the-other-thread > other.txt && cat other.txt' },
            callId: 'call_other',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Printed it.' }] },
    ]);
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'ask me first');
    await expect(page.getByRole('group', { name: 'Approval request' })).toBeVisible();
    await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
    await expect(page.getByRole('group', { name: 'Approval request' })).toHaveCount(0); // another thread is open

    await page.reload();
    const inbox = page.getByRole('complementary', { name: 'Approvals inbox' });
    await expect(inbox).toContainText('Run: echo from-the-other-thread');
    await inbox.getByRole('button', { name: 'Run: echo from-the-other-thread' }).click();
    const card = page.getByRole('group', { name: 'Approval request' });
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Printed it.')).toBeVisible();
    await expect(inbox).toHaveCount(0);
  });

  test('keeps the open thread open', async ({ page, workspace, setScript }) => {
    setScript([{ outputs: [{ type: 'message', text: 'Hello from the first turn.' }] }]);
    await openFolder(page, workspace);
    await send(page, 'say hello');
    await expect(page.getByText('Hello from the first turn.')).toBeVisible();
    expect(new URL(page.url()).hash).toMatch(/^#token=[0-9a-f]+&thread=/); // the token stays first
    await page.reload();
    await expect(page.getByText('Hello from the first turn.')).toBeVisible();
    await expect(page.getByLabel('Message')).toBeVisible();
  });
});

test.describe('a server restart', () => {
  test('is reconnected by itself: the open thread comes back and works', async ({
    page,
    workspace,
    setScript,
    restartTandem,
  }) => {
    setScript([{ outputs: [{ type: 'message', text: 'Before the restart.' }] }]);
    await openFolder(page, workspace);
    await send(page, 'first');
    await expect(page.getByText('Before the restart.')).toBeVisible();

    setScript([{ outputs: [{ type: 'message', text: 'After the restart.' }] }]);
    await restartTandem(async () => {
      await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
      // Nothing can be sent meanwhile, and what the user typed stays in the box.
      await send(page, 'second');
      await expect(page.getByLabel('Message')).toHaveValue('second');
      await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
      await screenshot(page, 'reconnecting');
    });
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByText('Before the restart.')).toBeVisible();

    await page.getByLabel('Message').press('Enter');
    await expect(page.getByText('After the restart.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'first', exact: true })).toBeVisible(); // the list is back
    await screenshot(page, 'reconnected');
  });
});

test.describe('a reply streaming while the user looks away', () => {
  test('keeps streaming live after switching threads and after a reload', async ({ page, workspace, setScript }) => {
    setScript([{ outputs: [{ type: 'message', text: 'The other thread.' }] }]);
    await openFolder(page, workspace);
    await send(page, 'other thread');
    await expect(page.getByText('The other thread.')).toBeVisible();

    const first = gate();
    const second = gate();
    // Events 0-3 open the message; a word a delta from event 4. It pauses after 10 and 20 words,
    // then streams 10 more and hangs (never completes: what shows after that came live).
    setScript([
      {
        outputs: [{ type: 'message', text: words(0, 40) }],
        pauses: [
          { afterEvents: 14, until: first.until },
          { afterEvents: 24, until: second.until },
        ],
        hangAfterEvents: 34,
      },
    ]);
    await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
    await send(page, 'stream please');
    await expect(page.getByText('w9x', { exact: false })).toBeVisible();

    // Away and back while it streams.
    await page.getByRole('button', { name: 'other thread', exact: true }).click();
    await expect(page.getByText('The other thread.')).toBeVisible();
    await page.getByRole('button', { name: 'stream please', exact: true }).click();
    await expect(page.getByText('w9x', { exact: false })).toBeVisible();
    first.open();
    await expect(page.getByText('w19x', { exact: false })).toBeVisible();

    // A reload mid-stream: the reply as far as it got, then on from there.
    await page.reload();
    await expect(page.getByText('w19x', { exact: false })).toBeVisible();
    second.open();
    await expect(page.getByText('w29x', { exact: false })).toBeVisible();
    const text = await page.locator('.item.agent').last().innerText();
    expect(text.replace(/\s+/g, ' ').trim()).toBe(words(0, 30).trim()); // nothing lost, nothing twice
    await screenshot(page, 'streaming-after-reload');
    await page.getByRole('button', { name: 'Stop' }).click();
  });
});
