/**
 * Issue 9 item 13: the diff review shows its own state in the editor — a rejected hunk is marked
 * rejected in Monaco, a long file opens at its change with the unchanged regions collapsed, the
 * gutters stay readable at 5-digit line numbers, and the inline / side-by-side toggle works (or
 * says why not, where the width forces inline).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { numberedLines, TWO_HUNK_PATCH } from '../helpers/scenario';
import { expect, screenshot, test } from './fixtures';
import { openFolder } from './ui-actions';

/** Sends a message (the script answers with a patch) under `untrusted`; returns the review once Monaco shows it. */
async function review(page: Page, workspace: string): Promise<Locator> {
  await openFolder(page, workspace);
  await page.getByLabel('Approval policy').selectOption('untrusted');
  await page.getByLabel('Message').fill('change it');
  await page.getByLabel('Message').press('Enter');
  const card = page.getByRole('region', { name: 'Review changes' });
  await expect(
    card
      .locator('.monaco-diff-editor .editor.modified .line-insert, .monaco-diff-editor .editor.modified .char-insert')
      .first(),
  ).toBeAttached();
  return card;
}

const BIG = 20_000;
const FAR = 15_000;
const farPatch = `*** Begin Patch\n*** Update File: big.txt\n@@\n line ${FAR - 1}\n-line ${FAR}\n+line fifteen thousand\n line ${FAR + 1}\n*** End Patch\n`;
/** The modified side's painted line with this text (Monaco paints spaces as no-break spaces). */
const paintedLine = (card: Locator, text: string): Locator =>
  card
    .locator('.editor.modified .view-line')
    .filter({ hasText: new RegExp(`^${text.replaceAll(' ', '[\\s\\u00a0]')}$`) });

/**
 * Page code: each painted line number (and +/- sign) of the review's diff whose text runs into the
 * code column, as "side: text ends at x, code at y". (A string: this file has no DOM types.)
 */
const GUTTER_OVERLAPS = `(() => {
  const bad = [];
  const textBox = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect(); };
  const textRight = (el) => textBox(el).right;
  const numbers = [];
  for (const side of document.querySelectorAll('.monaco-diff-editor .editor.original, .monaco-diff-editor .editor.modified')) {
    if (side.offsetWidth === 0) continue;
    const name = side.classList.contains('original') ? 'original' : 'modified';
    const code = side.querySelector('.view-lines');
    if (!code) continue;
    const codeLeft = code.getBoundingClientRect().left;
    // The sign is an 11 px icon font glyph, drawn where the element's flex layout puts it.
    const signs = [...side.querySelectorAll('.insert-sign, .delete-sign')].map((s) => {
      const box = s.getBoundingClientRect();
      const centred = getComputedStyle(s).justifyContent === 'center';
      return { box, glyphLeft: centred ? box.left + (box.width - 11) / 2 : box.left };
    }).filter((s) => s.box.width > 0);
    for (const n of side.querySelectorAll('.line-numbers')) {
      const text = (n.textContent || '').trim();
      if (text === '' || n.getBoundingClientRect().width === 0) continue;
      const right = textRight(n);
      if (right > codeLeft - 3) bad.push(name + ': "' + text + '" ends at ' + right + ', its code starts at ' + codeLeft);
      // The +/- sign on the same row starts clear of the number.
      const row = n.getBoundingClientRect();
      const sign = signs.find((s) => Math.abs(s.box.top - row.top) < 2);
      if (sign && sign.glyphLeft < right + 2) bad.push(name + ': "' + text + '" runs into its +/- sign (' + right + ' vs ' + sign.glyphLeft + ')');
      numbers.push({ name, top: row.top, left: textBox(n).left, right, text });
    }
  }
  // Inline, the old and the new line numbers sit side by side: they must not run together.
  for (const o of numbers.filter((x) => x.name === 'original'))
    for (const m of numbers.filter((x) => x.name === 'modified' && Math.abs(x.top - o.top) < 2))
      if (m.left < o.right + 4) bad.push('"' + o.text + '" and "' + m.text + '" run together (' + o.right + ' vs ' + m.left + ')');
  return bad;
})()`;

test.describe('the diff shows each hunk’s decision', () => {
  test('a rejected hunk is marked rejected in the editor, an accepted one is not; the glyph toggles it', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript([{ outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] }]);
    await writeFile(join(workspace, 'code.txt'), numberedLines(30));
    const card = await review(page, workspace);
    const editor = card.locator('.editor.modified');
    await expect(editor.locator('.tandem-hunk-glyph.accepted').first()).toBeAttached();
    await expect(editor.locator('.tandem-hunk-rejected')).toHaveCount(0);

    await card.getByRole('listitem', { name: 'Hunk 1' }).getByRole('button', { name: 'Reject hunk' }).click();
    await expect(editor.locator('.tandem-hunk-rejected').first()).toBeVisible();
    await expect(editor.locator('.tandem-hunk-glyph.rejected').first()).toBeVisible();
    // The rejected line's text is struck through; the accepted hunk's line is not.
    await expect(editor.locator('.tandem-hunk-rejected-text', { hasText: 'line two' })).toBeVisible();
    await card.locator('.diff-editor').scrollIntoViewIfNeeded();
    await screenshot(page, 'diff-hunk-rejected');

    // The editor's own control: the glyph of hunk 1 accepts it again.
    await editor.locator('.tandem-hunk-glyph.rejected').first().click();
    await expect(card.getByRole('listitem', { name: 'Hunk 1' })).toHaveAttribute('data-accepted', 'true');
    await expect(editor.locator('.tandem-hunk-rejected')).toHaveCount(0);
  });
});

/** A window where the review pane (60% of it, beside the thread) is wide enough for side by side. */
const WIDE = 1920;

test.describe('a long file', () => {
  test('opens at its change near line 15,000 with the unchanged regions collapsed, and readable 5-digit gutters', async ({
    page,
    workspace,
    setScript,
  }) => {
    await page.setViewportSize({ width: WIDE, height: 900 }); // side by side first, then inline
    setScript([{ outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: farPatch, callId: 'p' }] }]);
    await writeFile(join(workspace, 'big.txt'), numberedLines(BIG));
    const card = await review(page, workspace);
    const changed = paintedLine(card, 'line fifteen thousand');
    await expect(changed).toBeVisible();
    await expect(card.getByText(/^\d+ hidden lines$/).first()).toBeVisible();
    const editorBox = await card.locator('.editor.modified').boundingBox();
    const lineBox = await changed.boundingBox();
    expect(
      editorBox && lineBox && lineBox.y >= editorBox.y && lineBox.y + lineBox.height <= editorBox.y + editorBox.height,
    ).toBe(true);
    await screenshot(page, 'diff-long-file-side-by-side');

    // Gutters: every painted 5-digit line number ends left of where its code starts, on both sides and inline.
    const overlaps = async (): Promise<string[]> => page.evaluate<string[]>(GUTTER_OVERLAPS);
    expect(await overlaps()).toEqual([]);
    await card.getByRole('button', { name: 'Inline view' }).click();
    await expect(card.locator('.monaco-diff-editor')).not.toHaveClass(/side-by-side/);
    await expect(paintedLine(card, 'line fifteen thousand')).toBeVisible();
    expect(await overlaps()).toEqual([]);
    await screenshot(page, 'diff-long-file-inline');
  });
});

test.describe('the view toggle', () => {
  test('switches between side by side and inline at a wide window', async ({ page, workspace, setScript }) => {
    await page.setViewportSize({ width: WIDE, height: 900 });
    setScript([{ outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] }]);
    await writeFile(join(workspace, 'code.txt'), numberedLines(30));
    const card = await review(page, workspace);
    const root = card.locator('.monaco-diff-editor');
    const original = card.locator('.editor.original');
    await expect(root).toHaveClass(/side-by-side/);
    expect((await original.boundingBox())?.width ?? 0).toBeGreaterThan(300);
    await screenshot(page, 'diff-toggle-side-by-side');

    await card.getByRole('button', { name: 'Inline view' }).click();
    await expect(root).not.toHaveClass(/side-by-side/);
    // Inline, the original side is only the old line numbers' column.
    await expect.poll(async () => (await original.boundingBox())?.width ?? 0).toBeLessThan(100);
    await expect(card.getByRole('button', { name: 'Side-by-side view' })).toBeVisible();
    await screenshot(page, 'diff-toggle-inline');

    await card.getByRole('button', { name: 'Side-by-side view' }).click();
    await expect(root).toHaveClass(/side-by-side/);
    await expect.poll(async () => (await original.boundingBox())?.width ?? 0).toBeGreaterThan(300);
  });

  test('at a narrow window the toggle says why the view is inline', async ({ page, workspace, setScript }) => {
    // 700 px: at 900 the sidebar and inbox now leave the row, so the review is wide enough there.
    await page.setViewportSize({ width: 700, height: 820 });
    setScript([{ outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: TWO_HUNK_PATCH, callId: 'p' }] }]);
    await writeFile(join(workspace, 'code.txt'), numberedLines(30));
    const card = await review(page, workspace);
    await expect(card.locator('.monaco-diff-editor')).not.toHaveClass(/side-by-side/);
    const toggle = card.getByRole('button', { name: 'Side-by-side view' });
    await expect(toggle).toBeDisabled();
    await expect(toggle).toHaveAttribute('title', /too narrow/i);
    await toggle.scrollIntoViewIfNeeded();
    await screenshot(page, 'diff-toggle-narrow');

    // Wide again: the toggle works again, and the view follows what was asked for.
    await page.setViewportSize({ width: WIDE, height: 900 });
    await expect(card.locator('.monaco-diff-editor')).toHaveClass(/side-by-side/);
    await expect(card.getByRole('button', { name: 'Inline view' })).toBeEnabled();
  });
});
