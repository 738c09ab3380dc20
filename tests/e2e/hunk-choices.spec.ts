/**
 * Issue 9 item 1 (renderer): the per-hunk choices of a pending review live in the app state, keyed
 * by the approval (thread + item), not in the review's component — so they survive the review
 * leaving the screen (another thread, the virtualized list scrolling it away, a reload), and
 * Approve writes exactly what the review shows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { numberedLines, TWO_HUNK_PATCH } from '../helpers/scenario';
import { expect, screenshot, test } from './fixtures';
import { openFolder } from './ui-actions';

/** Starts a turn whose patch (two hunks in code.txt) waits for review; returns the review. */
async function pendingReview(
  page: Page,
  workspace: string,
  message: string,
): Promise<import('@playwright/test').Locator> {
  await writeFile(join(workspace, 'code.txt'), numberedLines(30));
  await openFolder(page, workspace);
  await page.getByLabel('Approval policy').selectOption('untrusted');
  await page.getByLabel('Message').fill(message);
  await page.getByLabel('Message').press('Enter');
  const review = page.getByRole('region', { name: 'Review changes' });
  await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toBeVisible();
  return review;
}

const onlySecondHunk = numberedLines(30, (i) => (i === 20 ? 'line twenty' : null));

test.describe('hunk choices outlive the review on screen', () => {
  test('reject a hunk, switch thread and back: still rejected, and Approve writes only the accepted hunk', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const review = await pendingReview(page, workspace, 'edit code please');
    await review.getByRole('listitem', { name: 'Hunk 1' }).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');

    // Another thread, then back: the review is built anew from the app state.
    await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
    await expect(review).toHaveCount(0);
    await page.getByRole('button', { name: 'edit code please' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');
    await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('data-accepted', 'true');
    // …and the editor built anew shows it rejected too.
    await expect(review.locator('.editor.modified .tandem-hunk-glyph.rejected')).toBeAttached();
    await review.locator('.diff-editor').scrollIntoViewIfNeeded();
    await screenshot(page, 'hunk-choice-after-thread-switch');

    await review.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(onlySecondHunk);
  });

  test('reject a hunk, scroll the review out of the virtualized list and back: still rejected', async ({
    page,
    workspace,
    setScript,
  }) => {
    // Long messages before the patch, so the review can leave the windowed list.
    const long = (n: number): string => `Message ${n}. ` + 'Some words about the code. '.repeat(60);
    setScript([
      {
        outputs: [
          ...Array.from({ length: 8 }, (_, i) => ({ type: 'message' as const, text: long(i + 1) })),
          { type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' },
        ],
      },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const review = await pendingReview(page, workspace, 'edit code after talking');
    await review.getByRole('listitem', { name: 'Hunk 1' }).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');

    // The review view closes (it unmounts), the card leaves the windowed list and comes back, and
    // the view opens again from the card.
    await review.getByRole('button', { name: 'Close review' }).click();
    await expect(review).toHaveCount(0);
    const transcript = page.locator('.transcript');
    await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByRole('group', { name: 'Approval request' })).toHaveCount(0); // unmounted, not just hidden
    await transcript.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole('group', { name: 'Approval request' }).getByRole('button', { name: 'Review changes' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');
    await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('data-accepted', 'true');
    await screenshot(page, 'hunk-choice-after-scroll');

    await review.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(onlySecondHunk);
  });

  // A reload is no decision: the server keeps the approval pending and re-sends it (new request
  // id, same params) on thread/resume; the choices come back from sessionStorage by thread + item.
  test('reject a hunk, reload: the review comes back with the hunk still rejected', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'Patched.' }] },
    ]);
    const review = await pendingReview(page, workspace, 'edit code then reload');
    await review.getByRole('listitem', { name: 'Hunk 1' }).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');

    await page.reload();
    await page.getByRole('button', { name: 'edit code then reload' }).click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'false');
    await expect(review.getByRole('listitem', { name: 'Hunk 2' })).toHaveAttribute('data-accepted', 'true');
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(numberedLines(30)); // the reload decided nothing
    await review.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('Patched.')).toBeVisible();
    expect(await readFile(join(workspace, 'code.txt'), 'utf8')).toBe(onlySecondHunk);
  });
});

test.describe('the rest of the review’s state outlives it too', () => {
  test('the file shown, the view mode and where the diff was scrolled come back after another thread', async ({
    page,
    workspace,
    setScript,
  }) => {
    // Wide enough for the review pane to start side by side (the view mode is what comes back).
    await page.setViewportSize({ width: 1920, height: 900 });
    // 30 hunks 500 lines apart in a 20,000-line file: more than the editor shows at once.
    const at = (k: number): number => k * 500;
    const hunks = Array.from({ length: 30 }, (_, i) =>
      [
        '@@',
        ` line ${at(i + 1) - 1}`,
        `-line ${at(i + 1)}`,
        `+line ${at(i + 1)} changed`,
        ` line ${at(i + 1) + 1}`,
      ].join('\n'),
    );
    const patch = [
      '*** Begin Patch',
      '*** Update File: big.txt',
      ...hunks,
      '*** Add File: notes.md',
      '+# Notes',
      '*** End Patch',
      '',
    ].join('\n');
    await writeFile(join(workspace, 'big.txt'), numberedLines(20_000));
    setScript([{ outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch, callId: 'p' }] }]);
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await page.getByLabel('Message').fill('many hunks');
    await page.getByLabel('Message').press('Enter');
    const review = page.getByRole('region', { name: 'Review changes' });
    await expect(review.getByRole('listitem', { name: 'Hunk 30' })).toBeAttached();
    const line = (text: string) =>
      review
        .locator('.editor.modified .view-line')
        .filter({ hasText: new RegExp(`^${text.replaceAll(' ', '[\\s\\u00a0]')}$`) });
    /** Painted inside the editor's visible box (the page itself may be scrolled elsewhere). */
    const inEditorView = async (text: string): Promise<boolean> => {
      const [editor, box] = [await review.locator('.editor.modified').boundingBox(), await line(text).boundingBox()];
      return !!editor && !!box && box.y >= editor.y && box.y + box.height <= editor.y + editor.height;
    };

    await review.getByRole('button', { name: 'Inline view' }).click();
    await review.getByRole('listitem', { name: 'Hunk 25' }).getByRole('button', { name: /^@@/ }).click();
    await expect.poll(() => inEditorView(`line ${at(25)} changed`)).toBe(true);
    await expect(line(`line ${at(1)} changed`)).toHaveCount(0); // scrolled away from the top

    const away = async (): Promise<void> => {
      await page.getByRole('button', { name: `New thread in ${workspace}` }).click();
      await expect(review).toHaveCount(0);
      await page.getByRole('button', { name: 'many hunks' }).click();
      await expect(review.locator('.monaco-diff-editor')).toBeVisible();
    };
    await away();
    await expect(review.locator('.monaco-diff-editor')).not.toHaveClass(/side-by-side/);
    await expect(review.getByRole('button', { name: 'Side-by-side view' })).toBeVisible();
    await expect.poll(() => inEditorView(`line ${at(25)} changed`)).toBe(true);
    await review.locator('.diff-editor').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-scroll-restored');

    const secondFile = review.getByRole('list', { name: 'Changed files' }).getByRole('button').nth(1);
    await secondFile.click();
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toContainText('new file');
    await away();
    await expect(secondFile).toHaveAttribute('aria-current', 'true');
    await expect(review.getByRole('listitem', { name: 'Hunk 1' })).toContainText('new file');
  });
});
