/**
 * The main screens, visited in order in one theme, for the screenshot and accessibility specs:
 * empty state, Open folder, a thread with a finished turn (message, command, file change),
 * Changes in the side pane, Settings, a pending command approval, the review of a pending file
 * change, search across threads and the command palette. `visit` runs on each.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { numberedLines, TWO_HUNK_PATCH } from '../helpers/scenario';
import { expect, type Script } from './fixtures';

export type Screen =
  'empty' | 'open-folder' | 'thread' | 'changes' | 'settings' | 'approval' | 'review' | 'search' | 'palette';

export const SCREENS: Screen[] = [
  'empty',
  'open-folder',
  'thread',
  'changes',
  'settings',
  'approval',
  'review',
  'search',
  'palette',
];
export type Theme = 'light' | 'dark';

const finishedTurn: Script = [
  {
    outputs: [
      {
        type: 'message',
        text: 'Let me **look** at the project first, then I will edit `code.txt` for you.\n\n| File | Lines |\n| --- | --- |\n| code.txt | 30 |\n\n```ts\nconst answer: number = 42;\n```',
      },
      { type: 'function_call', name: 'exec_command', arguments: { cmd: 'wc -l code.txt' }, callId: 'call_cmd' },
    ],
  },
  { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'call_patch' }] },
  { outputs: [{ type: 'message', text: 'Done: I changed line 2 and line 20.' }] },
];

const askingTurn: Script = [
  {
    outputs: [
      { type: 'message', text: 'I need to run the tests.' },
      {
        type: 'function_call',
        name: 'exec_command',
        arguments: { cmd: 'npm test -- --watch=false' },
        callId: 'call_t',
      },
    ],
  },
  { outputs: [{ type: 'message', text: 'Tests pass.' }] },
];

/** Three changes in code.txt (as the first turn left it), two of them three lines apart. */
const REVIEW_PATCH = `*** Begin Patch
*** Update File: code.txt
@@
 line 4
-line 5
+line five
 line 6
@@
 line 8
-line 9
+line nine
 line 10
@@
 line 26
-line 27
+line twenty-seven
 line 28
*** End Patch
`;

const patchTurn: Script = [
  { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: REVIEW_PATCH, callId: 'call_review' }] },
  { outputs: [{ type: 'message', text: 'Changed lines 5, 9 and 27.' }] },
];

/** Sets the theme the way a returning user has it (saved choice), before the app renders. */
async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('tandem.theme', t), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

export async function walkScreens(
  page: Page,
  opts: { workspace: string; setScript: (s: Script) => void; theme: Theme },
  visit: (screen: Screen) => Promise<void>,
): Promise<void> {
  await writeFile(join(opts.workspace, 'code.txt'), numberedLines(30));
  await useTheme(page, opts.theme);
  await expect(page.getByRole('heading', { name: 'Tandem' })).toBeVisible();
  await visit('empty');

  await page.getByRole('button', { name: 'Open folder' }).click();
  await expect(page.getByRole('dialog', { name: 'Open folder' })).toBeVisible();
  await page.getByLabel('Folder path').fill(`${opts.workspace}/`);
  await visit('open-folder');
  await page.getByLabel('Folder path').press('Enter');
  await expect(page.getByLabel('Message')).toBeVisible({ timeout: 20_000 });

  opts.setScript(finishedTurn);
  await page.getByLabel('Approval policy').selectOption('never');
  await page.getByLabel('Message').fill('Rename line 2 please');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText('Done: I changed line 2 and line 20.')).toBeVisible({ timeout: 20_000 });
  await page.locator('.code-block code span[class^="mtk"]').first().waitFor();
  await visit('thread');

  await page.getByRole('button', { name: 'Changes' }).click();
  await expect(page.getByRole('region', { name: 'Changes' })).toBeVisible();
  await expect(page.locator('.pane-side .monaco-diff-editor')).toBeVisible({ timeout: 20_000 });
  await visit('changes');
  await page.getByRole('button', { name: 'Changes' }).click();
  await expect(page.getByRole('region', { name: 'Changes' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
  await visit('settings');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  opts.setScript(askingTurn);
  await page.getByLabel('Approval policy').selectOption('untrusted');
  await page.getByLabel('Message').fill('Run the tests');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByRole('group', { name: 'Approval request' })).toBeVisible({ timeout: 20_000 });
  await visit('approval');
  await page.getByRole('button', { name: 'Approve', exact: true }).first().click();
  await expect(page.getByText('Tests pass.')).toBeVisible({ timeout: 20_000 });

  // A file change under review: the review opens in the side pane, one hunk already rejected.
  opts.setScript(patchTurn);
  await page.getByLabel('Message').fill('Spell out lines 5, 9 and 27');
  await page.getByLabel('Message').press('Enter');
  const review = page.getByRole('region', { name: 'Review changes' });
  await expect(review.getByRole('button', { name: 'Reject hunk' }).nth(1)).toBeVisible({ timeout: 20_000 });
  await review.getByRole('button', { name: 'Accept hunk' }).first().click();
  await review.getByRole('button', { name: 'Reject hunk' }).nth(1).click();
  await visit('review');
  await review.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText('Changed lines 5, 9 and 27.')).toBeVisible({ timeout: 20_000 });

  await page.keyboard.press('ControlOrMeta+Shift+F');
  const search = page.getByRole('combobox', { name: 'Search all threads' });
  await search.fill('line');
  await expect(page.getByRole('dialog').locator('mark').first()).toBeVisible({ timeout: 20_000 });
  await visit('search');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByLabel('Message').focus();
  await page.keyboard.press('ControlOrMeta+K');
  await expect(page.getByRole('dialog')).toBeVisible();
  await visit('palette');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}
