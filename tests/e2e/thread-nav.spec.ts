/**
 * Navigating the open thread and acting on its messages (issue 13, sections 2 and 4): "jump to
 * latest" when scrolled up, the scroll position kept over a reload, find in the thread (Ctrl+F)
 * across a long thread's items whether in view or not, older turns included on request; edit
 * and resend a past message (a fork before it: the model sees the edited text and not the later
 * turns, the original stays as it was), and fork from a turn.
 */
import type { Locator, Page } from '@playwright/test';
import { writeLongThread, LAST_ITEM_TEXT, LONG_THREAD_NAME } from '../helpers/long-thread';
import { expect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

/** Both themes' screenshots (the theme switch is the shell's: set the attribute directly). */
async function screens(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(`document.documentElement.setAttribute('data-theme', '${theme}')`);
    await screenshot(page, `threadnav-${name}-${theme}`);
  }
  await page.evaluate(`document.documentElement.setAttribute('data-theme', 'light')`);
}

/** The key of the first row at the top of the transcript's view, and how far it is scrolled past. */
const topRow = (page: Page): Promise<{ key: string; offset: number }> =>
  page.evaluate(`(() => {
    const el = document.querySelector('.transcript');
    const top = el.getBoundingClientRect().top;
    const rows = [...el.querySelectorAll('[data-row-key]')]
      .map((r) => ({ key: r.dataset.rowKey, rect: r.getBoundingClientRect() }))
      .filter((r) => r.rect.bottom > top + 1)
      .sort((a, b) => a.rect.top - b.rect.top);
    const first = rows[0];
    return { key: first ? first.key : '', offset: first ? Math.round(top - first.rect.top) : 0 };
  })()`);

/** Scrolls the transcript by `dy` pixels. */
const scrollBy = (page: Page, dy: number): Promise<unknown> =>
  page.evaluate(`document.querySelector('.transcript').scrollBy({ top: ${dy} })`);

/** How many ranges a CSS highlight holds in the page (0 when it is not registered). */
const highlighted = (page: Page, name: string): Promise<number> =>
  page.evaluate(`CSS.highlights.get(${JSON.stringify(name)})?.size ?? 0`);

test.describe('a long thread', () => {
  test.use({
    seedHome: async ({}, use) => {
      await use(async (home, workspace) => void (await writeLongThread(home, workspace)));
    },
  });

  test('jump to latest, and the scroll position survives a reload', async ({ page }) => {
    await page.getByRole('button', { name: LONG_THREAD_NAME }).click();
    await expect(page.getByText(LAST_ITEM_TEXT)).toBeVisible();
    const jump = page.getByRole('button', { name: /Jump to latest/ });
    await expect(jump).toHaveCount(0); // at the end: nothing to jump to

    // Scrolled up: the button shows; it brings the end back.
    await scrollBy(page, -2500);
    await expect(jump).toBeVisible();
    await expect(page.getByText(LAST_ITEM_TEXT)).not.toBeInViewport();
    await screens(page, 'jump-to-latest');
    await jump.click();
    await expect(page.getByText(LAST_ITEM_TEXT)).toBeInViewport();
    await expect(jump).toHaveCount(0);

    // Somewhere in the middle of the loaded turns, then a reload: the same row at the top.
    await scrollBy(page, -4000);
    await expect(jump).toBeVisible();
    await expect.poll(async () => (await topRow(page)).key).not.toBe('');
    const before = await topRow(page);
    await page.reload();
    await expect(page.locator(`[data-row-key="${before.key}"]`)).toBeInViewport();
    await expect
      .poll(async () => (await topRow(page)).key, { message: 'the row read before the reload is at the top again' })
      .toBe(before.key);
    const after = await topRow(page);
    expect(Math.abs(after.offset - before.offset)).toBeLessThanOrEqual(4);
    await expect(page.getByText(LAST_ITEM_TEXT)).not.toBeInViewport();
    await expect(jump).toBeVisible();
  });

  test('Ctrl+F finds across the thread, out of view too, and older turns on request', async ({ page }) => {
    await page.getByRole('button', { name: LONG_THREAD_NAME }).click();
    await expect(page.getByText(LAST_ITEM_TEXT)).toBeVisible();
    await page.getByLabel('Message').focus();

    await page.keyboard.press('Control+f');
    const find = page.getByRole('textbox', { name: 'Find in thread' });
    await expect(find).toBeFocused();
    // Turns 480–489's questions: loaded (the latest 30 turns) but far above the view.
    await find.fill('please look at module 48');
    const count = page.getByRole('search', { name: 'Find in thread' }).getByRole('status');
    await expect(count).toHaveText('1 of 10');
    const turn = (n: number): Locator => page.getByText(`Turn ${n}: please look at module ${n} and`);
    await expect(turn(480)).toBeInViewport();
    await expect.poll(() => highlighted(page, 'tandem-find-current')).toBe(1);
    await screens(page, 'find');

    await find.press('Enter');
    await expect(count).toHaveText('2 of 10');
    await expect(turn(481)).toBeInViewport();
    await find.press('Shift+Enter');
    await find.press('Shift+Enter');
    await expect(count).toHaveText('10 of 10');
    await expect(turn(489)).toBeInViewport();
    // The focused match's row is marked.
    await expect(page.locator('.row-marked')).toContainText('Turn 489:');

    // Several matches in view: all painted, the current one apart.
    await find.fill('module 489');
    await expect(count).toHaveText(/^1 of [4-9]$/);
    await expect.poll(() => highlighted(page, 'tandem-find')).toBeGreaterThan(0);
    await expect.poll(() => highlighted(page, 'tandem-find-current')).toBe(1);
    await screens(page, 'find-several');

    // Turn 3 is not loaded: nothing until the earlier turns are searched too.
    await find.fill('module 3 and fix');
    await expect(count).toHaveText('No results');
    await page.getByRole('button', { name: 'Search earlier turns too' }).click();
    await expect(count).toHaveText('1 of 1');
    await expect(turn(3)).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Search earlier turns too' })).toHaveCount(0);
    await expect.poll(() => highlighted(page, 'tandem-find-current')).toBe(1);

    // Esc closes the bar, clears the highlights, and gives focus back.
    await find.press('Escape');
    await expect(find).toHaveCount(0);
    await expect(page.getByLabel('Message')).toBeFocused();
    await expect.poll(() => highlighted(page, 'tandem-find')).toBe(0);
  });
});

test.describe('message actions', () => {
  test('edit and resend forks before the message; fork from a turn', async ({
    page,
    workspace,
    fakeOpenAI,
    setScript,
  }) => {
    setScript([
      { outputs: [{ type: 'message', text: 'first answer' }] },
      { outputs: [{ type: 'message', text: 'second answer' }] },
      { outputs: [{ type: 'message', text: 'third answer' }] },
      { outputs: [{ type: 'message', text: 'answer to the edit' }] },
    ]);
    await openFolder(page, workspace);
    for (const [question, answer] of [
      ['first question', 'first answer'],
      ['second question', 'second answer'],
      ['third question', 'third answer'],
    ] as const) {
      await send(page, question);
      await expect(page.getByText(answer)).toBeVisible();
    }
    const threads = page.getByRole('navigation', { name: 'Threads' }).getByRole('button', { name: 'first question' });
    await expect(threads).toHaveCount(1);

    // Edit the second question in place: the editor holds its text.
    const second = page.locator('.row', { hasText: 'second question' });
    await second.hover();
    await expect(second.getByRole('button', { name: 'Copy text' })).toBeVisible();
    await screens(page, 'row-actions');
    await second.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Edited text' });
    await expect(editor).toHaveValue('second question');
    await editor.fill('second question, edited');
    await screens(page, 'edit-message');
    const callsBefore = fakeOpenAI.modelCalls.length;
    await page.getByRole('button', { name: 'Rerun in a fork' }).click();

    // A new thread: the turns before the message, then the edited one and its answer.
    await expect(page.getByText('answer to the edit')).toBeVisible();
    const transcript = page.locator('.transcript');
    await expect(transcript.getByText('first answer')).toBeVisible();
    await expect(transcript.getByText('second question, edited')).toBeVisible();
    await expect(transcript.getByText('second answer')).toHaveCount(0);
    await expect(transcript.getByText('third question')).toHaveCount(0);
    expect(fakeOpenAI.modelCalls.length).toBe(callsBefore + 1);
    const request = JSON.stringify(fakeOpenAI.modelCalls.at(-1)?.body);
    expect(request).toContain('second question, edited');
    expect(request).toContain('first question');
    expect(request).toContain('first answer');
    expect(request).not.toContain('second answer');
    expect(request).not.toContain('third question');
    await expect(threads).toHaveCount(2); // the fork is in the sidebar

    // The original thread is as it was.
    await threads.nth(1).click();
    await expect(transcript.getByText('third answer')).toBeVisible();
    if (await transcript.getByText('answer to the edit').count()) {
      await threads.nth(0).click();
      await expect(transcript.getByText('third answer')).toBeVisible();
    }
    await expect(transcript.getByText('second question, edited')).toHaveCount(0);
    await expect(transcript.getByText('second answer')).toBeVisible();

    // Fork from the first turn: a thread with that turn only.
    const firstAnswer = page.locator('.row', { hasText: 'first answer' });
    await firstAnswer.hover();
    await firstAnswer.getByRole('button', { name: 'Fork from here' }).click();
    await expect(threads).toHaveCount(3);
    await expect(transcript.getByText('first answer')).toBeVisible();
    await expect(transcript.getByText('second question')).toHaveCount(0);
    await expect(transcript.getByText('third answer')).toHaveCount(0);
  });

  test('a resend that cannot go keeps the edited text and says why', async ({
    page,
    workspace,
    setScript,
    restartTandem,
  }) => {
    setScript([{ outputs: [{ type: 'message', text: 'an answer' }] }]);
    await openFolder(page, workspace);
    await send(page, 'a question');
    await expect(page.getByText('an answer')).toBeVisible();
    const row = page.locator('.row', { hasText: 'a question' });
    await row.hover();
    await row.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Edited text' });
    await editor.fill('a better question');
    await restartTandem(async () => {
      await expect(page.getByText('Reconnecting…')).toBeVisible();
      await page.getByRole('button', { name: 'Rerun in a fork' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Not rerun' })).toBeVisible();
      await expect(editor).toHaveValue('a better question');
    });
  });
});
