/**
 * A thread of 5,000 items, persisted: it opens at its end with only its latest turns loaded, and
 * scrolling back loads earlier turns, the row the user was reading staying in view, until the
 * first turn.
 */
import { writeLongThread, LAST_ITEM_TEXT, LONG_THREAD_NAME } from '../helpers/long-thread';
import { expect, screenshot, test } from './fixtures';

// A function-valued option is given as a fixture that provides it (Playwright would call a bare
// function as the fixture itself).
test.use({
  seedHome: async ({}, use) => {
    await use(async (home, workspace) => void (await writeLongThread(home, workspace)));
  },
});

test('a 5,000-item thread opens at its end and pages back to its first turn', async ({ page }) => {
  await page.getByRole('button', { name: LONG_THREAD_NAME }).click();
  await expect(page.getByText(LAST_ITEM_TEXT)).toBeVisible();
  // Only the latest turns are in the page: the first turn's question is not there yet.
  const transcript = page.locator('.transcript');
  await expect(transcript.getByText('Turn 500: please look at module 500')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Load earlier turns' })).toHaveCount(0); // at the bottom, out of the window
  await screenshot(page, 'long-thread-end');

  // Scroll to the top again and again: each time earlier turns come in above, and the view stays
  // on what the user was reading (it does not jump to the new top).
  const height = (): Promise<number> => transcript.evaluate((el) => el.scrollHeight);
  const more = page.getByRole('button', { name: 'Load earlier turns' });
  const firstTurn = transcript.getByText('Turn 1: please look at module 1 and fix the off-by-one.');
  let pages = 0;
  for (;;) {
    const before = await height();
    await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
    // At the top: the thread's first turn, or older turns coming in above (the page grows, and
    // the view goes back to the row that was being read).
    await expect
      .poll(async () => (await firstTurn.isVisible()) || (await height()) > before, {
        message: 'scrolled to the top: earlier turns load',
      })
      .toBe(true);
    if (await firstTurn.isVisible()) break;
    await expect
      .poll(() => transcript.evaluate((el) => el.scrollTop), { message: 'the row being read stays in view' })
      .toBeGreaterThan(300);
    if (++pages > 40) throw new Error('the first turn never came');
  }
  // 500 turns, 30 a page: many pages (scrolling near the top may fetch a page by itself too).
  expect(pages).toBeGreaterThanOrEqual(5);
  await expect(firstTurn).toBeVisible();
  await expect(more).toHaveCount(0);
  await screenshot(page, 'long-thread-start');
});
