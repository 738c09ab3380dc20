/** The settings screen in the browser: save an endpoint and key, and test the connection. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';

test('saves the endpoint and key, and reports what the endpoint answered', async ({ page, tandemHome, fakeOpenAI }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Settings' });
  await form.getByLabel('Base URL').fill(fakeOpenAI.baseURL);
  await form.getByLabel('API key').fill('sk-typed-in-settings');
  await form.getByLabel('Wire format').selectOption('chat');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByLabel('API key')).toHaveValue(''); // the key is never shown back
  const saved = JSON.parse(await readFile(join(tandemHome, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(saved).toMatchObject({ baseUrl: fakeOpenAI.baseURL, apiKey: 'sk-typed-in-settings', wireApi: 'chat' });
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status')).toHaveText(/Connected: the endpoint lists 2 models/);
  await screenshot(page, 'settings');
});

test('highlights code in agent messages', async ({ page, workspace, setScript }) => {
  setScript([{ outputs: [{ type: 'message', text: 'Here:\n\n```ts\nconst answer: number = 42;\n```\n' }] }]);
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(workspace);
  await page.getByLabel('Folder path').press('Enter');
  await page.getByLabel('Message').fill('show code');
  await page.getByRole('button', { name: 'Send' }).click();
  const code = page.locator('.code-block code');
  await expect(code).toContainText('const answer: number = 42;');
  await expect(code.locator('span[class^="mtk"]').first()).toBeVisible(); // coloured by Monaco's tokenizer
  await screenshot(page, 'code-highlight');
});
