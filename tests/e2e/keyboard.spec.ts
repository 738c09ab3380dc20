/**
 * The keyboard (web mode, against the built UI and the fake model): the command palette
 * (Ctrl/Cmd+K) lists and filters every action and runs one; the shortcuts for a new thread,
 * the composer, the next/previous thread and the answers to an approval; the shortcuts sheet;
 * and where focus lands after each. Screenshots of the palette and the sheet in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const threadButtons = (page: Page) => page.getByRole('navigation', { name: 'Threads' }).locator('.thread-title');

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate(`document.documentElement.setAttribute('data-theme', ${JSON.stringify(theme)})`);
}

test.describe('the keyboard', () => {
  test('the palette opens with Ctrl/Cmd+K, filters fuzzily and runs an action; focus goes back on close', async ({
    page,
    workspace,
  }) => {
    await openFolder(page, workspace);
    await expect(threadButtons(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Settings' }).focus();

    await page.keyboard.press('ControlOrMeta+k');
    await expect(palette(page)).toBeVisible();
    const input = palette(page).getByRole('combobox', { name: 'Command' });
    await expect(input).toBeFocused();
    // Every action is listed, with its shortcut shown.
    for (const title of [
      'New thread',
      'Open folder…',
      'Next thread',
      'Previous thread',
      'Focus the message box',
      'Stop the running turn',
      'Approve',
      'Approve for session',
      'Decline',
      'Settings',
      'Keyboard shortcuts',
      'Toggle light / dark theme',
    ])
      await expect(palette(page).getByRole('option', { name: title, exact: true })).toBeVisible();
    await expect(palette(page).getByRole('option', { name: /^Go to thread: / })).toHaveCount(1);
    await expect(palette(page).getByRole('option', { name: 'New thread', exact: true })).toHaveAttribute(
      'aria-keyshortcuts',
      /^(Control|Meta)\+N$/,
    );
    // Nothing to approve: the answers are there but disabled.
    await expect(palette(page).getByRole('option', { name: 'Approve', exact: true })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await setTheme(page, 'light');
    await screenshot(page, 'keys-palette-light');
    await setTheme(page, 'dark');
    await screenshot(page, 'keys-palette-dark');
    await setTheme(page, 'light');

    // Fuzzy: letters in order find the action; unrelated ones go.
    await input.fill('nw thrd');
    await expect(palette(page).getByRole('option', { name: 'New thread', exact: true })).toBeVisible();
    await expect(palette(page).getByRole('option', { name: 'Settings', exact: true })).toHaveCount(0);
    await screenshot(page, 'keys-palette-filtered');
    await input.fill('zzzqqq');
    await expect(palette(page).getByText('No matching command')).toBeVisible();

    // Esc closes it and focus is back where it was.
    await page.keyboard.press('Escape');
    await expect(palette(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();

    // Run an action from it: a new thread in the open project, composer focused.
    await page.keyboard.press('ControlOrMeta+k');
    await palette(page).getByRole('combobox', { name: 'Command' }).fill('new thread');
    await page.keyboard.press('Enter');
    await expect(palette(page)).toHaveCount(0);
    await expect(threadButtons(page)).toHaveCount(2);
    await expect(composer(page)).toBeFocused();

    // The theme toggle from the palette flips <html data-theme>.
    await page.keyboard.press('ControlOrMeta+k');
    await palette(page).getByRole('combobox', { name: 'Command' }).fill('dark theme');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('shortcuts: new thread, focus composer, next/previous thread, in the sidebar’s order', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript((request) => {
      const said = JSON.stringify(request.body).match(/word-(\w+)/)?.[1] ?? '?';
      return { outputs: [{ type: 'message', text: `Reply to ${said}.` }] };
    });
    await openFolder(page, workspace);
    await expect(composer(page)).toBeFocused(); // a new thread: the composer has focus
    await send(page, 'word-alpha');
    await expect(page.getByText('Reply to alpha.')).toBeVisible();

    // Ctrl/Cmd+N: a new thread in the same project, composer focused (also while typing elsewhere).
    await page.getByRole('textbox', { name: 'Search threads' }).focus();
    await page.keyboard.press('ControlOrMeta+n');
    await expect(threadButtons(page)).toHaveCount(2);
    await expect(composer(page)).toBeFocused();
    await send(page, 'word-beta');
    await expect(page.getByText('Reply to beta.')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+n');
    await expect(threadButtons(page)).toHaveCount(3);
    await send(page, 'word-gamma');
    await expect(page.getByText('Reply to gamma.')).toBeVisible();

    // Ctrl/Cmd+L: the composer, from anywhere.
    await page.getByRole('button', { name: 'Changes' }).focus();
    await page.keyboard.press('ControlOrMeta+l');
    await expect(composer(page)).toBeFocused();

    // Next / previous follow the sidebar's order, wrapping, and the composer has focus after each.
    const order = (await threadButtons(page).allTextContents()).map((t) => t.replace('word-', ''));
    expect(order.toSorted()).toEqual(['alpha', 'beta', 'gamma']);
    let at = order.indexOf('gamma');
    for (const [key, step] of [
      ['ControlOrMeta+Alt+ArrowDown', 1],
      ['ControlOrMeta+Alt+ArrowDown', 1],
      ['ControlOrMeta+Alt+ArrowDown', 1],
      ['ControlOrMeta+Alt+ArrowUp', -1],
    ] as const) {
      await page.keyboard.press(key);
      at = (at + step + order.length) % order.length;
      await expect(page.getByText(`Reply to ${order[at]}.`)).toBeVisible();
      for (const other of order.filter((_, i) => i !== at))
        await expect(page.getByText(`Reply to ${other}.`)).toHaveCount(0);
      await expect(composer(page)).toBeFocused();
    }
  });

  test('approve, approve for session and decline with their keys, shown on the buttons; focus moves on', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript((request) => {
      const body = JSON.stringify(request.body);
      if (body.includes('call_three')) return { outputs: [{ type: 'message', text: 'All answered.' }] };
      const call = (n: string) =>
        ({
          type: 'function_call',
          name: 'exec_command',
          arguments: { cmd: `touch ${n}-ran.txt` },
          callId: `call_${n}`,
        }) as const;
      return { outputs: [call('one'), call('two'), call('three')] };
    });
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'run two commands');
    const card = page.getByRole('group', { name: 'Approval request' }).first();
    await expect(card.getByText('touch one-ran.txt')).toBeVisible();

    // The names stay the labels; the keys are hints beside them and in aria-keyshortcuts.
    const approve = card.getByRole('button', { name: 'Approve', exact: true });
    await expect(approve).toHaveAttribute('aria-keyshortcuts', /^(Control|Meta)\+Enter$/);
    await expect(card.getByRole('button', { name: 'Approve for session', exact: true })).toHaveAttribute(
      'aria-keyshortcuts',
      /^(Control|Meta)\+Shift\+Enter$/,
    );
    await expect(card.getByRole('button', { name: 'Decline', exact: true })).toHaveAttribute(
      'aria-keyshortcuts',
      /^(Control|Meta)\+Backspace$/,
    );
    await expect(approve.locator('kbd')).toHaveAttribute('aria-hidden', 'true');
    await screenshot(page, 'keys-approval-buttons');

    // The composer is empty and has focus: the approve keys are the approval's (and it keeps focus).
    await expect(composer(page)).toBeFocused();
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    const next = page.getByRole('group', { name: 'Approval request' }).first();
    await expect(next.getByText('touch two-ran.txt')).toBeVisible();
    expect(existsSync(join(workspace, 'one-ran.txt'))).toBe(true);
    await expect(composer(page)).toBeFocused();
    // Not the decline key in a text field (there it deletes): the card keeps waiting.
    await page.keyboard.press('ControlOrMeta+Backspace');
    await expect(next.getByText('touch two-ran.txt')).toBeVisible();
    // Out of the composer (on the card), it declines.
    await next.focus();
    await page.keyboard.press('ControlOrMeta+Backspace');
    await expect(next.getByText('touch three-ran.txt')).toBeVisible();
    expect(existsSync(join(workspace, 'two-ran.txt'))).toBe(false);

    // Answered with a click instead: focus does not stay on the vanished button, it goes to the composer.
    await next.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText('All answered.')).toBeVisible();
    expect(existsSync(join(workspace, 'three-ran.txt'))).toBe(true);
    await expect(composer(page)).toBeFocused();
  });

  test('the shortcuts sheet (Ctrl/Cmd+/ and ?) lists every shortcut', async ({ page, workspace }) => {
    await openFolder(page, workspace);
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('ControlOrMeta+/');
    await expect(sheet).toBeVisible();
    for (const title of [
      'New thread',
      'Open folder…',
      'Next thread',
      'Previous thread',
      'Focus the message box',
      'Stop the running turn',
      'Approve',
      'Approve for session',
      'Decline',
      'Command palette',
      'Keyboard shortcuts',
      'Settings',
    ])
      await expect(sheet.getByRole('rowheader', { name: title, exact: true })).toBeVisible();
    await expect(sheet.getByRole('row', { name: /Stop the running turn/ })).toContainText('Esc');
    await setTheme(page, 'light');
    await screenshot(page, 'keys-shortcuts-light');
    await setTheme(page, 'dark');
    await screenshot(page, 'keys-shortcuts-dark');
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);

    // "?" opens it when not typing, and types a "?" in the composer.
    await page.getByRole('button', { name: 'Changes' }).focus();
    await page.keyboard.press('?');
    await expect(sheet).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Changes' })).toBeFocused();
    await composer(page).focus();
    await page.keyboard.press('?');
    await expect(sheet).toHaveCount(0);
    await expect(composer(page)).toHaveValue('?');

    // Ctrl/Cmd+O opens the folder picker.
    await page.keyboard.press('ControlOrMeta+o');
    await expect(page.getByLabel('Folder path')).toBeVisible();
  });

  test('the palette and the sheet have no serious or critical accessibility violations, light or dark', async ({
    page,
    workspace,
  }) => {
    await openFolder(page, workspace);
    const serious = async (): Promise<string[]> => {
      const result = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
      expect(result.passes.length, 'axe checked the dialog').toBeGreaterThan(0);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await page.keyboard.press('ControlOrMeta+k');
      await expect(palette(page)).toBeVisible();
      await palette(page).getByRole('combobox', { name: 'Command' }).fill('thread');
      expect(await serious(), `palette, ${theme}`).toEqual([]);
      await page.keyboard.press('Escape');
      await page.keyboard.press('ControlOrMeta+/');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      expect(await serious(), `sheet, ${theme}`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
  });
});
