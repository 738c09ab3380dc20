/**
 * The transcript's items, each shown for what it is (issue 13, section 2): agent Markdown with
 * GitHub's extensions (a table, a task list, strikethrough, an autolink), a fenced code block
 * coloured by Monaco with a copy button that copies, a command's ANSI output in colour with its
 * exit code, a file change with its +/- counts and coloured diff, the plan as one checklist that
 * survives a reload, and a failed turn offering the action that fixes it (Open Settings on a 401).
 * Screenshots of every item kind in light and dark: test-results/screens/items-*.png.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test, type Script } from './fixtures';
import { openFolder, send } from './ui-actions';

const SCREENS = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

/** A screenshot of one item, in the theme set on <html>, as test-results/screens/items-NAME-THEME.png. */
async function shot(page: Page, item: Locator, name: string): Promise<void> {
  await mkdir(SCREENS, { recursive: true });
  // (Strings: the e2e specs type-check without DOM types.)
  const theme = String(await page.evaluate("document.documentElement.dataset.theme ?? 'light'"));
  await item.scrollIntoViewIfNeeded();
  await item.screenshot({ path: join(SCREENS, `items-${name}-${theme}.png`), animations: 'disabled' });
}

const setTheme = async (page: Page, theme: 'light' | 'dark'): Promise<void> => {
  await page.evaluate(`document.documentElement.dataset.theme = ${JSON.stringify(theme)}`);
};

const clipboard = async (page: Page): Promise<string> => String(await page.evaluate('navigator.clipboard.readText()'));

/** An element's computed text colour. */
const colour = (l: Locator): Promise<string> =>
  l.evaluate(
    (el) =>
      (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(el).color,
  );

const REPLY = [
  '## Summary',
  '',
  'The build is **green**, and ~~the old flag~~ is gone. Docs: https://example.com/docs',
  '',
  '| File | Lines | Note |',
  '|------|------:|------|',
  '| `src/a.ts` | 12 | parser |',
  '| `src/b.ts` | 3 | glue |',
  '',
  '- [x] write the parser',
  '- [ ] wire it up',
  '',
  '> Remember: the cache is per thread.',
  '',
  '```typescript',
  'export function add(a: number, b: number): number {',
  '  // the sum',
  '  return a + b;',
  '}',
  '```',
].join('\n');

const plan = (states: ['pending' | 'in_progress' | 'completed', 'pending' | 'in_progress' | 'completed']) => ({
  explanation: 'Two steps.',
  plan: [
    { step: 'Look at the project', status: states[0] },
    { step: 'Write the notes', status: states[1] },
  ],
});

const PATCH = [
  '*** Begin Patch',
  '*** Update File: notes.txt',
  '@@',
  ' keep',
  '-before',
  '+after',
  '+more',
  '*** Add File: fresh.txt',
  '+one',
  '+two',
  '+three',
  '*** End Patch',
  '',
].join('\n');

const turn: Script = [
  {
    outputs: [
      { type: 'reasoning', summary: ['I should **check** the `notes.txt` file first.'] },
      { type: 'function_call', name: 'update_plan', arguments: plan(['in_progress', 'pending']), callId: 'plan1' },
    ],
  },
  {
    outputs: [
      {
        type: 'function_call',
        name: 'exec_command',
        arguments: { cmd: "printf '\\033[31mred alert\\033[0m then \\033[32mgreen ok\\033[0m\\n'; exit 3" },
        callId: 'cmd1',
      },
    ],
  },
  { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'patch1' }] },
  {
    outputs: [
      { type: 'function_call', name: 'update_plan', arguments: plan(['completed', 'in_progress']), callId: 'plan2' },
    ],
  },
  { outputs: [{ type: 'message', text: REPLY }] },
];

test.describe('transcript items', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 1400 } });

  test('Markdown, code, a command, a file change and the plan, each shown for what it is', async ({
    page,
    workspace,
    setScript,
  }) => {
    setScript(turn);
    await writeFile(join(workspace, 'notes.txt'), 'keep\nbefore\n');
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('never');
    await page.getByLabel('Sandbox').selectOption('danger-full-access');
    await send(page, 'Tidy the notes, please');

    const agent = page.locator('.item.agent').last();
    await expect(agent.getByRole('heading', { name: 'Summary' })).toBeVisible();

    // GitHub's Markdown: a table, a task list, strikethrough, an autolink.
    const table = agent.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText(['File', 'Lines', 'Note']);
    await expect(table.getByRole('row')).toHaveCount(3);
    const boxes = agent.getByRole('checkbox');
    await expect(boxes).toHaveCount(2);
    await expect(boxes.nth(0)).toBeChecked();
    await expect(boxes.nth(1)).not.toBeChecked();
    await expect(agent.locator('del')).toHaveText('the old flag');
    await expect(agent.getByRole('link', { name: 'https://example.com/docs' })).toHaveAttribute(
      'href',
      'https://example.com/docs',
    );
    await expect(agent.locator('blockquote')).toContainText('the cache is per thread');

    // The fence is coloured by Monaco's tokenizer (several token classes), and its copy button copies.
    const code = agent.locator('.code-block');
    await expect(code.locator('.code-block-lang')).toHaveAttribute('data-lang', 'typescript');
    await expect(code).toHaveAttribute('data-highlighted', 'true');
    const classes = await code
      .locator('code span[class^="mtk"]')
      .evaluateAll((spans) => new Set(spans.map((s) => (s as unknown as { className: string }).className)).size);
    expect(classes).toBeGreaterThan(1);
    await code.getByRole('button', { name: 'Copy code' }).click();
    await expect(code.getByRole('button', { name: 'Copy code' })).toHaveAttribute('data-state', 'copied');
    expect(await clipboard(page)).toBe(
      'export function add(a: number, b: number): number {\n  // the sum\n  return a + b;\n}',
    );
    // And the message's own copy button copies its Markdown.
    await page.locator('.agent-message').last().getByRole('button', { name: 'Copy reply' }).click();
    expect(await clipboard(page)).toBe(REPLY);
    await page.locator('.user-message').first().getByRole('button', { name: 'Copy prompt' }).click();
    expect(await clipboard(page)).toBe('Tidy the notes, please');

    // Reasoning summaries are Markdown.
    const reasoning = page.locator('details.reasoning');
    await reasoning.locator('summary').click();
    await expect(reasoning.locator('strong')).toHaveText('check');
    await expect(reasoning.locator('code')).toHaveText('notes.txt');

    // The command: failed, exit 3, its output's colours rendered.
    const command = page.locator('.item.command');
    await expect(command.getByRole('img', { name: 'Failed' })).toBeVisible();
    await expect(command.locator('.exit-code')).toHaveText('exit 3');
    const red = command.locator('.terminal .ansi-red-fg');
    await expect(red).toHaveText('red alert');
    await expect(command.locator('.terminal .ansi-green-fg')).toHaveText('green ok');
    expect(await colour(red)).not.toBe(await colour(command.locator('.terminal-text')));
    await command.getByRole('button', { name: 'Hide output' }).click();
    await expect(command.locator('.terminal')).toHaveCount(0);
    await command.getByRole('button', { name: 'Show output' }).click();
    await expect(red).toBeVisible();

    // The file change: per-file counts, the diff coloured by line when opened.
    const change = page.locator('.item.file-change');
    const notes = change.getByRole('listitem').filter({ hasText: 'notes.txt' });
    await expect(notes.locator('.counts')).toHaveText('+2 −1');
    await expect(change.getByRole('listitem').filter({ hasText: 'fresh.txt' }).locator('.counts')).toHaveText('+3 −0');
    await expect(change.locator('.item-head .counts')).toHaveText('+5 −1');
    await notes.getByRole('button', { name: /notes\.txt$/ }).click();
    await expect(notes.locator('.diff-line.added')).toHaveText(['+after', '+more']);
    await expect(notes.locator('.diff-line.removed')).toHaveText(['-before']);

    // One checklist for the turn: its latest plan.
    const checklist = page.getByRole('list', { name: 'Plan' });
    await expect(checklist).toHaveCount(1);
    await expect(checklist.getByRole('listitem')).toHaveText(['Look at the project', 'Write the notes']);
    await expect(checklist.getByRole('listitem').nth(0)).toHaveAttribute('data-status', 'completed');
    await expect(checklist.getByRole('listitem').nth(1)).toHaveAttribute('data-status', 'inProgress');

    // When it was sent, in words, the exact time in its tooltip.
    const user = page.locator('.user-message').first();
    await expect(user.locator('time')).toHaveText('just now');
    await expect(user.locator('time')).toHaveAttribute('title', /\d/);

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await shot(page, user, 'user-message');
      await shot(page, reasoning, 'reasoning');
      await shot(page, page.locator('.item.plan'), 'plan');
      await shot(page, command, 'command');
      await shot(page, change, 'file-change');
      await shot(page, page.locator('.agent-message').last(), 'agent-markdown');
      await screenshot(page, `items-transcript-${theme}`);
    }
    await setTheme(page, 'light');

    // After a reload the plan is the same checklist, read back from the thread.
    await page.reload();
    await expect(page.locator('.item.agent').last().getByRole('table')).toBeVisible();
    const again = page.getByRole('list', { name: 'Plan' });
    await expect(again).toHaveCount(1);
    await expect(again.getByRole('listitem')).toHaveText(['Look at the project', 'Write the notes']);
    await expect(again.getByRole('listitem').nth(0)).toHaveAttribute('data-status', 'completed');
    await expect(again.getByRole('listitem').nth(1)).toHaveAttribute('data-status', 'inProgress');
    await expect(page.locator('.item.command .exit-code')).toHaveText('exit 3');
  });

  test('a refused key fails the turn with Open Settings and Retry', async ({ page, workspace, setScript }) => {
    setScript([
      {
        status: 401,
        body: {
          error: {
            message: 'Incorrect API key provided',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
      },
    ]);
    await openFolder(page, workspace);
    await send(page, 'hello with a bad key');
    const failed = page.locator('.turn-failed');
    await expect(failed.getByRole('alert')).toContainText('The turn failed');
    await expect(failed.getByRole('button', { name: 'Retry' })).toBeEnabled();
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await shot(page, failed, 'error');
    }
    await setTheme(page, 'light');
    await failed.getByRole('button', { name: 'Open Settings' }).click();
    await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
  });
});
