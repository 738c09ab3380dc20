/**
 * The same class of defect as issue 9 item 1, in the transcript: what the user opened on a card
 * (a file's diff on a file-change card, a reasoning summary) was the card's own state, lost when
 * the windowed transcript unmounted the card scrolled out of view.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';

test('an opened diff and reasoning stay open after the card scrolls out of the windowed transcript and back', async ({
  page,
  workspace,
  setScript,
}) => {
  const long = (n: number): string => `Message ${n}. ` + 'Some words about the change. '.repeat(60);
  setScript([
    {
      outputs: [
        { type: 'reasoning', summary: ['Thinking about notes.txt'] },
        {
          type: 'custom_tool_call',
          name: 'apply_patch',
          input: `*** Begin Patch\n*** Update File: notes.txt\n@@\n-before\n+after\n*** End Patch\n`,
          callId: 'p',
        },
      ],
    },
    { outputs: Array.from({ length: 8 }, (_, i) => ({ type: 'message' as const, text: long(i + 1) })) },
  ]);
  await writeFile(join(workspace, 'notes.txt'), 'before\n');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(workspace);
  await page.getByLabel('Folder path').press('Enter');
  await page.getByLabel('Approval policy').selectOption('never');
  await page.getByLabel('Message').fill('edit notes');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText('Message 8.')).toBeVisible();

  const transcript = page.locator('.transcript');
  await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
  const file = page.getByRole('button', { name: /notes\.txt$/ });
  await file.click();
  await expect(file).toHaveAttribute('aria-expanded', 'true');
  await page.locator('details.reasoning summary').click();
  await expect(page.getByText('Thinking about notes.txt')).toBeVisible();

  await transcript.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('.item.file-change')).toHaveCount(0); // unmounted, not just hidden
  await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(file).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.item.file-change pre.diff')).toContainText('+after');
  await expect(page.getByText('Thinking about notes.txt')).toBeVisible();
  await screenshot(page, 'transcript-disclosures-kept');
});
