/**
 * Search across every thread (Ctrl/Cmd+Shift+F, or the sidebar's button): two threads with their
 * own content, a search that finds both grouped by thread with the match marked, a search that
 * finds one, and Enter on a hit opening its thread. Screenshots in light and dark.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

async function send(page: Page, text: string, answer: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText(answer)).toBeVisible();
}

test.describe('search across threads', () => {
  test('finds hits grouped by thread, marks them, and Enter opens the chosen thread', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      { outputs: [{ type: 'message', text: 'Albatross zoology: wingspans reach 3.5 metres.' }] },
      { outputs: [{ type: 'message', text: 'Capybara zoology: the largest living rodent.' }] },
    ]);
    await page.getByRole('button', { name: 'Open folder' }).click();
    await page.getByLabel('Folder path').fill(workspace);
    await page.getByLabel('Folder path').press('Enter');
    await send(page, 'Tell me about the albatross', 'Albatross zoology: wingspans reach 3.5 metres.');
    await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
    await expect(page.getByText('Albatross zoology')).toHaveCount(0);
    await send(page, 'Describe the capybara', 'Capybara zoology: the largest living rodent.');

    // The shortcut opens the dialog with its box focused.
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('combobox', { name: 'Search all threads' });
    await expect(box).toBeFocused();
    await box.fill('zoology');
    const results = page.getByRole('listbox', { name: 'Results' });
    const groups = results.getByRole('group');
    // Newest activity first: the capybara thread, then the albatross one, each with its project.
    const project = workspace.split('/').pop() ?? '';
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toHaveAccessibleName(`Describe the capybara — ${project}`);
    await expect(groups.nth(1)).toHaveAccessibleName(`Tell me about the albatross — ${project}`);
    await expect(groups.nth(0).getByRole('option')).toHaveText(/Capybara zoology/);
    await expect(results.locator('mark')).toHaveText(['zoology', 'zoology']);
    await expect(groups.nth(0).getByRole('option')).toHaveAttribute('aria-selected', 'true');
    await screenshot(page, 'search-results-light');
    await page.evaluate("document.documentElement.dataset.theme = 'dark'");
    await screenshot(page, 'search-results-dark');
    await page.evaluate("document.documentElement.dataset.theme = 'light'");

    // Arrow down to the albatross hit; Enter opens that thread and closes the dialog.
    await box.press('ArrowDown');
    await expect(groups.nth(1).getByRole('option')).toHaveAttribute('aria-selected', 'true');
    await expect(groups.nth(0).getByRole('option')).toHaveAttribute('aria-selected', 'false');
    await box.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByText('Albatross zoology: wingspans reach 3.5 metres.')).toBeVisible();
    await expect(page.getByText('Capybara zoology')).toHaveCount(0);

    // The sidebar's button opens it too; a word of one thread only finds that one, and a user
    // message is found as well as an answer.
    await page.getByRole('button', { name: 'Search all threads' }).click();
    await box.fill('capybara');
    await expect(groups).toHaveCount(1);
    await expect(groups.first().getByRole('option')).toHaveCount(2);
    await expect(groups.first().locator('mark')).toHaveText(['capybara', 'Capybara']);
    await box.fill('no such animal');
    await expect(page.getByRole('status').filter({ hasText: 'No thread mentions' })).toBeVisible();
    await screenshot(page, 'search-empty-light');
    await page.evaluate("document.documentElement.dataset.theme = 'dark'");
    await screenshot(page, 'search-empty-dark');
    await page.evaluate("document.documentElement.dataset.theme = 'light'");
    await box.fill('capybara');
    await expect(groups).toHaveCount(1);
    await box.press('Enter');
    await expect(page.getByText('Capybara zoology: the largest living rodent.')).toBeVisible();
    await expect(page.getByText('Albatross zoology')).toHaveCount(0);
  });
});
