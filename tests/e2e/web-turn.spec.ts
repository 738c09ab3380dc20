/**
 * A whole turn in a real browser (web mode, Debian Chromium): open a folder, start a thread,
 * watch the reply stream, approve a command and see its output, review a file change in Monaco
 * accepting one hunk and rejecting another — then the file on disk holds exactly the accepted
 * hunk. Also: interrupt, reload, and model text that tries to inject HTML.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { numberedLines, TWO_HUNK_PATCH } from '../helpers/scenario';
import { expect, screenshot, test, type Script } from './fixtures';

const fullTurn: Script = [
  {
    outputs: [
      { type: 'message', text: 'Let me **look** at the project first, then I will edit code.txt for you.' },
      {
        type: 'function_call',
        name: 'exec_command',
        arguments: { cmd: 'echo checked > checked.txt && wc -l code.txt' },
        callId: 'call_cmd',
      },
    ],
    eventDelayMs: 15,
  },
  { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'call_patch' }] },
  { outputs: [{ type: 'message', text: 'Done: I changed line 2.' }] },
];

async function openFolder(page: import('@playwright/test').Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(folder);
  await page.getByLabel('Folder path').press('Enter');
  await expect(page.getByLabel('Message')).toBeVisible();
}

// (Scripts are set inside each test: `test.use` would read an array value as Playwright's
// [value, options] fixture form.)
test.describe('a turn in the browser', () => {
  test('streams, approves a command, and writes exactly the accepted hunk', async ({
    page,
    workspace,
    fakeOpenAI,
    setScript,
  }) => {
    setScript(fullTurn);
    await writeFile(join(workspace, 'code.txt'), numberedLines(30));
    await openFolder(page, workspace);
    await screenshot(page, 'thread-empty');
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await page.getByLabel('Message').fill('Rename line 2 please');
    await page.getByLabel('Message').press('Enter');

    // The reply streams in, then the command asks first.
    await expect(page.getByText('Let me look at the project first')).toBeVisible();
    const runIt = page.getByRole('group', { name: 'Approval request' });
    await expect(runIt.getByText('echo checked > checked.txt && wc -l code.txt')).toBeVisible();
    await screenshot(page, 'command-approval');
    await runIt.getByRole('button', { name: 'Approve', exact: true }).click();
    // The command runs; its output is in the transcript (checked below: the patch's review, which
    // opens in the thread's place at this width as soon as the model proposes it, may cover it now).
    await expect.poll(() => readFile(join(workspace, 'checked.txt'), 'utf8').catch(() => null)).toBe('checked\n');

    // The patch is reviewed in Monaco, in the review view: keep the first hunk, reject the second.
    const review = page.getByRole('region', { name: 'Review changes' });
    await expect(review.locator('.monaco-diff-editor')).toBeVisible();
    await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toBeVisible();
    await review.getByRole('listitem', { name: 'Hunk 2' }).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('data-accepted', 'false');
    await screenshot(page, 'diff-review');
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(numberedLines(30)); // nothing written before the answer
    await review.getByRole('button', { name: 'Approve', exact: true }).click();

    await expect(page.getByText('Done: I changed line 2.')).toBeVisible();
    await expect(page.getByText('30 code.txt')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(
      numberedLines(30, (i) => (i === 2 ? 'line two' : null)),
    );
    expect(JSON.stringify(fakeOpenAI.modelCalls[2]?.body)).toContain('applied hunks 1 of 2; rejected hunks 2');
    await screenshot(page, 'turn-done');

    // Reload: the thread comes back from disk.
    await page.reload();
    await page.getByRole('button', { name: 'Rename line 2 please' }).click();
    await expect(page.getByText('Done: I changed line 2.')).toBeVisible();
    await expect(page.getByText('Let me look at the project first')).toBeVisible();
    await screenshot(page, 'after-reload');
  });
});

test.describe('stopping a turn', () => {
  test('Stop interrupts the running turn', async ({ page, workspace, setScript }) => {
    setScript([{ outputs: [{ type: 'message', text: 'word '.repeat(400) }], eventDelayMs: 20, hangAfterEvents: 60 }]);
    await openFolder(page, workspace);
    await page.getByLabel('Message').fill('talk a lot');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('word word word')).toBeVisible();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText('Stopped.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    await screenshot(page, 'stopped');
  });
});

test.describe('model text is never markup', () => {
  test('an injected <script> or <img onerror> renders as text and runs nothing', async ({
    page,
    workspace,
    browserProblems,
    setScript,
  }) => {
    setScript([
      {
        outputs: [
          {
            type: 'message',
            text: 'Try <script>window.__pwned = 1; document.title = "pwned"</script> and <img src=x onerror="window.__pwned = 2; document.title = \'pwned\'"> and [a link](javascript:alert(1)).',
          },
        ],
      },
    ]);
    await openFolder(page, workspace);
    await page.getByLabel('Message').fill('say something');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('<script>window.__pwned = 1;', { exact: false })).toBeVisible();
    await expect(page.getByText('<img src=x onerror=', { exact: false })).toBeVisible();
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe('Tandem');
    expect(await page.locator('.markdown img, .markdown script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(browserProblems.pageErrors).toEqual([]);
    await screenshot(page, 'injection-as-text');
  });
});

test.describe('the changes panel', () => {
  test('shows the turn’s change in Monaco and reverts it', async ({ page, workspace, setScript }) => {
    setScript([
      {
        outputs: [
          {
            type: 'custom_tool_call',
            name: 'apply_patch',
            input: `*** Begin Patch\n*** Update File: notes.txt\n@@\n-before\n+after\n*** End Patch\n`,
            callId: 'p',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Edited notes.txt.' }] },
    ]);
    await writeFile(join(workspace, 'notes.txt'), 'before\n');
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('never');
    await page.getByLabel('Message').fill('edit notes');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('Edited notes.txt.')).toBeVisible();
    expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe('after\n');

    await page.getByRole('button', { name: 'Changes' }).click();
    const panel = page.getByRole('region', { name: 'Changes' });
    await expect(panel.locator('.monaco-diff-editor')).toBeVisible();
    await panel.getByLabel('Changes of').selectOption({ label: 'Turn 1' });
    await screenshot(page, 'changes-panel');
    await panel.getByRole('button', { name: 'Revert turn' }).click();
    // A revert asks first (issue 9, item 11), and then offers its undo.
    await page
      .getByRole('dialog', { name: 'Revert Turn 1?' })
      .getByRole('button', { name: 'Revert', exact: true })
      .click();
    await expect(panel.getByRole('status')).toHaveText('Reverted notes.txt. Undo revert');
    expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe('before\n');
  });
});

test.describe('a long streaming reply', () => {
  test('finished paragraphs are Markdown while the reply streams; the text is exact when done', async ({
    page,
    workspace,
    setScript,
  }) => {
    // A short paragraph, a code block, then one paragraph far longer than is re-parsed each frame.
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const text = `Intro with **bold**.\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\nLong **tail** ${words} end.`;
    setScript([{ outputs: [{ type: 'message', text, chunks: 400 }], eventDelayMs: 10 }]);
    await openFolder(page, workspace);
    await page.getByLabel('Message').fill('write a lot');
    await page.getByLabel('Message').press('Enter');

    const reply = page.locator('.item.agent').last();
    // While it streams: the finished blocks are already Markdown, the long last one is text.
    await expect(reply.locator('.streaming-text')).toContainText('word10');
    await expect(reply).toHaveAttribute('aria-busy', 'true');
    await expect(reply.locator('strong', { hasText: 'bold' })).toBeVisible();
    await expect(reply.locator('.code-block')).toContainText('const x = 1;');
    await screenshot(page, 'long-reply-streaming');

    // Done: all of it Markdown, every word there once, in order.
    await expect(reply).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    await expect(reply.locator('.streaming-text')).toHaveCount(0);
    await expect(reply.locator('strong', { hasText: 'tail' })).toBeVisible();
    const shown = (await reply.innerText()).replace(/\s+/g, ' ').trim();
    expect(shown).toBe(`Intro with bold. const x = 1; Long tail ${words} end.`);
  });
});

test.describe('reviewing code', () => {
  test('the diff marks the change, then colours the code by its language', async ({ page, workspace, setScript }) => {
    setScript([
      {
        outputs: [
          {
            type: 'custom_tool_call',
            name: 'apply_patch',
            input: `*** Begin Patch\n*** Update File: app.ts\n@@\n-export const answer = 41;\n+export const answer = 42;\n*** End Patch\n`,
            callId: 'p',
          },
        ],
      },
    ]);
    await writeFile(join(workspace, 'app.ts'), 'export const answer = 41;\n');
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await page.getByLabel('Message').fill('fix the answer');
    await page.getByLabel('Message').press('Enter');
    const modified = page
      .getByRole('region', { name: 'Review changes' })
      .locator('.monaco-diff-editor .editor.modified');
    await expect(modified.locator('.line-insert, .char-insert').first()).toBeAttached();
    // `export` and `const` as TypeScript keywords: a token colour other than plain text's (mtk1).
    await expect(modified.locator('.view-line span[class*="mtk"]:not(.mtk1)').first()).toBeVisible();
  });
});
