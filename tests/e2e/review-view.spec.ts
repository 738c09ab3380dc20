/**
 * Issue 13 §3: the review view. The file list with each file's state, Accept hunk / Reject hunk in
 * the editor itself, keyboard navigation and its accept / reject keys, fine hunks (two changes
 * three lines apart are two decisions), and an edited proposal written as the user left it with
 * the model told what the user changed. Screenshots light and dark at 1280 and 900 px.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { NEAR_HUNKS_PATCH } from '../helpers/review-scenario';
import { numberedLines } from '../helpers/scenario';
import { expect, screenshot, test } from './fixtures';
import { openFolder } from './ui-actions';

/** NEAR_HUNKS_PATCH (three hunks in code.txt) and a new file, waiting for review. */
const PATCH = NEAR_HUNKS_PATCH.replace('*** End Patch', '*** Add File: notes.md\n+# Notes\n+kept\n*** End Patch');

async function openReview(page: Page, workspace: string): Promise<Locator> {
  await writeFile(join(workspace, 'code.txt'), numberedLines(30));
  await openFolder(page, workspace);
  await page.getByLabel('Approval policy').selectOption('untrusted');
  await page.getByLabel('Message').fill('edit the code');
  await page.getByLabel('Message').press('Enter');
  const view = page.getByRole('region', { name: 'Review changes' });
  await expect(view.getByRole('listitem', { name: 'Hunk 3' })).toBeVisible();
  // The bars in the editor, once Monaco shows the diff.
  await expect(view.locator('.editor.modified .tandem-hunk-bar')).toHaveCount(3);
  return view;
}

/** The in-editor bar of hunk `n` of the shown file. */
const bar = (view: Locator, n: number, of: number): Locator =>
  view.locator('.editor.modified').getByRole('group', { name: `Hunk ${n} of ${of}` });

const files = (view: Locator): Locator => view.getByRole('list', { name: 'Changed files' });

test.describe('the review view', () => {
  test('fine hunks with Accept hunk / Reject hunk in the editor; the file list follows; only the accepted hunk is written', async ({
    page,
    workspace,
    setScript,
    fakeOpenAI,
  }) => {
    setScript([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const view = await openReview(page, workspace);
    const code = files(view).getByRole('listitem', { name: join(workspace, 'code.txt') });
    const notes = files(view).getByRole('listitem', { name: join(workspace, 'notes.md') });
    // Lines 5 and 9 changed, three unchanged lines between: two hunks, two decisions.
    await expect(view.getByRole('list', { name: 'Hunks' }).getByRole('listitem')).toHaveCount(3);
    await expect(code).toHaveAttribute('data-state', 'pending');
    await expect(code).toContainText('+3');
    await expect(code).toContainText('−3');
    await expect(bar(view, 1, 3)).toHaveAttribute('data-state', 'pending');

    // The editor's own buttons.
    await bar(view, 1, 3).getByRole('button', { name: 'Accept hunk' }).click();
    await expect(bar(view, 1, 3)).toHaveAttribute('data-state', 'accepted');
    await expect(bar(view, 1, 3).getByRole('button', { name: 'Accept hunk' })).toHaveAttribute('aria-pressed', 'true');
    await bar(view, 2, 3).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(bar(view, 2, 3)).toHaveAttribute('data-state', 'rejected');
    await expect(view.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('data-accepted', 'false');
    await expect(view.locator('.editor.modified .tandem-hunk-rejected-text', { hasText: 'line nine' })).toBeVisible();
    await expect(code).toHaveAttribute('data-state', 'partly');
    await bar(view, 3, 3).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(code).toHaveAttribute('data-state', 'partly');
    // The other file: rejected whole.
    await notes.getByRole('button').click();
    await expect(view.locator('.editor.modified .tandem-hunk-bar')).toHaveCount(1);
    await view.getByRole('button', { name: 'Reject file' }).click();
    await expect(notes).toHaveAttribute('data-state', 'rejected');

    for (const [width, theme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [900, 'light'],
      [900, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 820 });
      await page.evaluate(`document.documentElement.setAttribute('data-theme', '${theme}')`);
      await code.getByRole('button').click();
      await expect(bar(view, 2, 3)).toHaveAttribute('data-state', 'rejected');
      await screenshot(page, `review-view-${theme}-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 820 });
    // The card in the transcript: a summary, and the view opens from it again.
    await view.getByRole('button', { name: 'Close review' }).click();
    await expect(view).toHaveCount(0);
    const card = page.getByRole('group', { name: 'Approval request' });
    await expect(card.getByRole('list', { name: 'Changed files' })).toContainText('partly');
    await screenshot(page, 'review-card-summary');
    await card.getByRole('button', { name: 'Review changes' }).click();
    await expect(bar(view, 2, 3)).toHaveAttribute('data-state', 'rejected');

    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(numberedLines(30)); // nothing before the answer
    await view.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(
      numberedLines(30, (i) => (i === 5 ? 'line five' : null)),
    );
    await expect(readFile(join(workspace, 'notes.md'), 'utf8')).rejects.toThrow();
    expect(JSON.stringify(fakeOpenAI.modelCalls[1]?.body)).toContain('applied hunks 1 of 3; rejected hunks 2, 3');
  });

  test('the keyboard: F7 / Shift+F7 between hunks, Alt+PageDown between files, Ctrl+Enter accepts, Ctrl+Shift+Backspace rejects', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const view = await openReview(page, workspace);
    const hunks = view.getByRole('list', { name: 'Hunks' });
    // The shortcuts are shown and announced.
    await expect(view.getByRole('definition').filter({ hasText: 'Next hunk' })).toBeVisible();
    await expect(bar(view, 1, 3).getByRole('button', { name: 'Accept hunk' })).toHaveAttribute(
      'aria-keyshortcuts',
      /Control\+Enter/,
    );
    await view.focus();
    await page.keyboard.press('F7');
    await expect(hunks.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('aria-current', 'true');
    await expect(bar(view, 2, 3)).toHaveClass(/current/);
    // Focus went into the editor, at the hunk: the keys still work there.
    await expect
      .poll(() => view.locator('.editor.modified').evaluate((el) => el.contains(el.ownerDocument.activeElement)))
      .toBe(true);
    await page.keyboard.press('Shift+F7');
    await expect(hunks.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Control+Enter'); // accept hunk 1, on to hunk 2
    await expect(bar(view, 1, 3)).toHaveAttribute('data-state', 'accepted');
    await expect(hunks.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Control+Shift+Backspace'); // reject hunk 2, on to hunk 3
    await expect(bar(view, 2, 3)).toHaveAttribute('data-state', 'rejected');
    await expect(hunks.getByRole('listitem', { name: 'Hunk 3' })).toHaveAttribute('aria-current', 'true');
    // Nothing was typed into the proposal by those keys.
    await expect(files(view).getByRole('listitem', { name: join(workspace, 'code.txt') })).toHaveAttribute(
      'data-state',
      'partly',
    );
    await page.keyboard.press('Alt+PageDown');
    const notes = files(view).getByRole('listitem', { name: join(workspace, 'notes.md') });
    await expect(notes.getByRole('button')).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Control+Shift+Enter'); // accept the file
    await expect(notes).toHaveAttribute('data-state', 'accepted');
    await page.keyboard.press('Alt+PageUp');
    await expect(bar(view, 2, 3)).toHaveAttribute('data-state', 'rejected');
    await view.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    // Hunk 3 was left pending: approved as proposed.
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(
      numberedLines(30, (i) => (i === 5 ? 'line five' : i === 20 ? 'line twenty' : null)),
    );
    expect(await readFile(join(workspace, 'notes.md'), 'utf8')).toBe('# Notes\nkept\n');
  });

  test('an edited proposal is written as the user left it, and the model is told what the user changed', async ({
    page,
    workspace,
    setScript,
    fakeOpenAI,
  }) => {
    setScript([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const view = await openReview(page, workspace);
    // Edit the proposed line 20 in the modified editor.
    const line = view.locator('.editor.modified .view-line').filter({ hasText: /^line[\s\u00a0]twenty$/ });
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.type(', as I want it');
    const code = files(view).getByRole('listitem', { name: join(workspace, 'code.txt') });
    await expect(code).toHaveAttribute('data-state', 'edited');
    await expect(view.getByRole('status')).toContainText('your version is written as shown');
    // Edited: the hunk choices of that file step aside.
    await expect(view.locator('.editor.modified .tandem-hunk-bar')).toHaveCount(0);
    await screenshot(page, 'review-view-edited');
    await view.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(
      numberedLines(30, (i) =>
        i === 5 ? 'line five' : i === 9 ? 'line nine' : i === 20 ? 'line twenty, as I want it' : null,
      ),
    );
    const told = JSON.stringify(fakeOpenAI.modelCalls[1]?.body);
    expect(told).toContain('edited by the user before applying');
    expect(told).toContain('-line twenty\\n+line twenty, as I want it');
  });
});
