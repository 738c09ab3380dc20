/**
 * Screenshots of every main screen in both themes at 900, 1280 and 1920 px
 * (test-results/screens/<screen>-<theme>-<width>.png), and the layout's behaviour: a narrow
 * window gives the thread the room, pane widths survive a reload, the theme switch reaches Monaco.
 */
import { expect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';
import { walkScreens, type Theme } from './screens-flow';

const WIDTHS = [900, 1280, 1920] as const;

/** Two frames: the panes lay out again after a viewport change. */
const settle = (page: import('@playwright/test').Page): Promise<void> =>
  page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
const HEIGHT = 860;

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`every screen in the ${theme} theme at ${WIDTHS.join(', ')} px`, async ({ page, workspace, setScript }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: HEIGHT });
    await walkScreens(page, { workspace, setScript, theme }, async (screen) => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        await settle(page);
        await screenshot(page, `${screen}-${theme}-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: HEIGHT });
    });
  });
}

test('at 900 px the sidebar and inbox leave the row, and the thread and Changes keep the room', async ({
  page,
  workspace,
  setScript,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openFolder(page, workspace);
  const sidebar = page.getByRole('navigation', { name: 'Threads' });
  await expect(sidebar).toHaveCount(0);
  const thread = page.locator('.pane-thread');
  expect((await thread.boundingBox())?.width).toBeGreaterThanOrEqual(880);

  // The sidebar opens over the thread, and Escape closes it.
  await page.getByRole('button', { name: 'Show sidebar' }).click();
  await expect(sidebar).toBeVisible();
  expect((await thread.boundingBox())?.width).toBeGreaterThanOrEqual(880);
  await page.keyboard.press('Escape');
  await expect(sidebar).toHaveCount(0);

  // Changes opens beside the thread: both have room.
  setScript([{ outputs: [{ type: 'message', text: 'Nothing to change.' }] }]);
  await send(page, 'hello');
  await expect(page.getByText('Nothing to change.')).toBeVisible();
  await page.getByRole('button', { name: 'Changes' }).click();
  await expect(page.getByRole('region', { name: 'Changes' })).toBeVisible();
  expect((await thread.boundingBox())?.width).toBeGreaterThanOrEqual(340);
  expect((await page.locator('.pane-side').boundingBox())?.width).toBeGreaterThanOrEqual(300);

  // Wider again: the sidebar is back in the row.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(sidebar).toBeVisible();
});

test('pane widths and a hidden sidebar survive a reload', async ({ page, workspace }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFolder(page, workspace);
  const sidebar = page.locator('.pane-sidebar');
  const before = (await sidebar.boundingBox())?.width ?? 0;
  // Keyboard resizing, as a user does it: the separator takes focus and arrows move it.
  const separator = page.getByRole('separator').first();
  await separator.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await sidebar.boundingBox())?.width ?? 0).toBeGreaterThan(before + 20);
  const resized = (await sidebar.boundingBox())?.width ?? 0;

  await page.reload();
  await expect(page.getByLabel('Message')).toBeVisible();
  await expect.poll(async () => Math.round((await sidebar.boundingBox())?.width ?? 0)).toBe(Math.round(resized));

  await page.getByRole('button', { name: 'Hide sidebar' }).click();
  await expect(page.getByRole('navigation', { name: 'Threads' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Message')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Threads' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show sidebar' }).click();
  await expect(page.getByRole('navigation', { name: 'Threads' })).toBeVisible();
});

test('the theme control switches the page and Monaco, and the choice survives a reload', async ({
  page,
  workspace,
  setScript,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await openFolder(page, workspace);
  setScript([{ outputs: [{ type: 'message', text: 'Here:\n\n```js\nconst x = 1;\n```' }] }]);
  await send(page, 'show me code');
  // `const`, a keyword: Monaco's light keyword blue, then its dark one.
  const code = page.locator('.code-block code span[class^="mtk"]', { hasText: 'const' }).first();
  await expect(code).toHaveCSS('color', 'rgb(0, 0, 255)');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Escape');
  // Monaco's token colours follow (its theme is global: fences, editors and diffs alike).
  await expect(code).toHaveCSS('color', 'rgb(86, 156, 214)');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(24, 24, 27)');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // "System" follows the OS as it changes.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'System' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an error is a toast that stays until dismissed', async ({ page }) => {
  await page.evaluate("history.replaceState(null, '', location.pathname + location.hash + '&thread=not-a-thread')");
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'Thread not found: not-a-thread' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'toast-error');
  // It stays (no timer takes it away) until the user dismisses it.
  await page.getByRole('heading', { name: 'Tandem' }).click();
  await expect(alert).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});
