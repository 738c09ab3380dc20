/** What a user does in the web UI, shared by the specs: open a folder, send a message. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Open folder → type the path → Enter; waits until the new thread's composer shows. */
export async function openFolder(page: Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(folder);
  await page.getByLabel('Folder path').press('Enter');
  // A loaded 2-core machine can take a while to start the server's first thread.
  await expect(page.getByLabel('Message')).toBeVisible({ timeout: 20_000 });
}

/** Type a message into the composer and press Enter. */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
}
