/**
 * Issue 9, items 10 and 11 in a real browser: the files the agent read, listed and searched show
 * in the thread (compact, expandable, after a reload too); a file a command wrote shows in
 * Changes; Revert asks first, listing exactly the files it will change, is recorded in the
 * thread, and can be undone.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';

/** Commands run with `bash -lc`: a HOME without a login profile, so this machine's user's profile is not part of the test. */
const EMPTY_HOME = join(tmpdir(), 'tandem-e2e-no-home');
test.use({ tandemEnv: { HOME: EMPTY_HOME } });

async function openFolder(page: import('@playwright/test').Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByLabel('Folder path').fill(folder);
  await page.getByLabel('Folder path').press('Enter');
  await expect(page.getByLabel('Message')).toBeVisible();
}

test('the thread shows every file the agent looked at', async ({ page, workspace, setScript }) => {
  await mkdir(join(workspace, 'src'));
  await writeFile(join(workspace, 'src/a.ts'), 'one\ntwo needle\n');
  setScript([
    { outputs: [{ type: 'function_call', name: 'read_file', arguments: { file_path: 'src/a.ts' }, callId: 'r1' }] },
    { outputs: [{ type: 'function_call', name: 'list_dir', arguments: { dir_path: 'src' }, callId: 'r2' }] },
    {
      outputs: [
        { type: 'function_call', name: 'grep_files', arguments: { pattern: 'needle', path: 'src' }, callId: 'r3' },
      ],
    },
    { outputs: [{ type: 'message', text: 'I looked around.' }] },
  ]);
  await openFolder(page, workspace);
  await page.getByLabel('Message').fill('Look around');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText('I looked around.')).toBeVisible();
  await expect(page.getByText('Read src/a.ts', { exact: true })).toBeVisible();
  await expect(page.getByText('Listed src/', { exact: true })).toBeVisible();
  await expect(page.getByText('Searched for `needle` in src/', { exact: true })).toBeVisible();
  // Compact until opened; opened, it shows what the agent got.
  await expect(page.getByText('L1: one')).toBeHidden();
  await page.getByText('Read src/a.ts', { exact: true }).click();
  await expect(page.getByText('L1: one')).toBeVisible();
  await screenshot(page, 'reads-in-thread');

  await page.reload();
  await page.getByRole('button', { name: 'Look around' }).click();
  await expect(page.getByText('Read src/a.ts', { exact: true })).toBeVisible();
  await expect(page.getByText('Searched for `needle` in src/', { exact: true })).toBeVisible();
});

test('a command’s file shows in Changes; revert asks, is recorded and can be undone', async ({
  page,
  workspace,
  fakeOpenAI,
  setScript,
}) => {
  await writeFile(join(workspace, 'a.txt'), 'a1\n');
  await writeFile(join(workspace, 'same.txt'), 'same\n');
  setScript([
    {
      outputs: [
        {
          type: 'function_call',
          name: 'exec_command',
          arguments: { cmd: "printf 'a2\\n' > a.txt && echo made > made.txt && touch same.txt" },
          callId: 'c1',
        },
      ],
    },
    { outputs: [{ type: 'message', text: 'Wrote the files.' }] },
    { outputs: [{ type: 'message', text: 'Understood.' }] },
  ]);
  await openFolder(page, workspace);
  await page.getByLabel('Approval policy').selectOption('never');
  await page.getByLabel('Sandbox').selectOption('danger-full-access');
  await page.getByLabel('Message').fill('Write some files');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText('Wrote the files.')).toBeVisible();

  await page.getByRole('button', { name: 'Changes' }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  await changes.getByLabel('Changes of').selectOption({ label: 'Turn 1' });
  const fileList = changes.getByLabel('Changed file');
  await expect(fileList.locator('option')).toHaveText(['M a.txt', 'A made.txt']);

  // Revert turn: a confirmation listing exactly the files that change; Cancel changes nothing.
  await changes.getByRole('button', { name: 'Revert turn' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revert Turn 1?' });
  await expect(dialog.getByRole('list', { name: 'Files that will change' }).getByRole('listitem')).toHaveText([
    'a.txt',
    'made.txt',
  ]);
  await screenshot(page, 'revert-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('a2\n');

  await changes.getByRole('button', { name: 'Revert turn' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revert', exact: true }).click();
  await expect(changes.getByRole('status')).toContainText('Reverted a.txt, made.txt.');
  expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('a1\n');
  await expect(readFile(join(workspace, 'made.txt'), 'utf8')).rejects.toThrow();
  // Recorded in the thread, with its own Undo.
  const record = page.getByLabel('Revert', { exact: true });
  await expect(record).toContainText('Reverted a.txt, made.txt to before the turn');
  await screenshot(page, 'revert-recorded');

  // Undo from the thread's record: the agent's version is back.
  await record.getByRole('button', { name: 'Undo revert' }).click();
  await expect(page.getByLabel('Undo of a revert')).toContainText("the agent's version of a.txt, made.txt is back");
  await expect(record).toContainText('undone');
  expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('a2\n');
  expect(await readFile(join(workspace, 'made.txt'), 'utf8')).toBe('made\n');
  // The open Changes panel follows: the turn's changes are back, and it no longer offers an undo.
  await expect(fileList.locator('option')).toHaveText(['M a.txt', 'A made.txt']);
  await expect(changes.getByRole('button', { name: 'Undo revert' })).toHaveCount(0);
  await screenshot(page, 'revert-undone');

  // The model hears about both at its next call.
  await page.getByLabel('Message').fill('Go on');
  await page.getByLabel('Message').press('Enter');
  await expect(page.getByText('Understood.')).toBeVisible();
  const input = JSON.stringify(fakeOpenAI.modelCalls.at(-1)?.body);
  expect(input).toContain('The user reverted your changes from turn 1');
  expect(input).toContain('The user undid the revert of turn 1');

  // After a reload the record is still there, already undone.
  await page.reload();
  await page.getByRole('button', { name: 'Write some files' }).click();
  await expect(page.getByLabel('Revert', { exact: true })).toContainText('undone');
});

test.describe('a bounded workspace watch', () => {
  test.use({ tandemEnv: { HOME: EMPTY_HOME, TANDEM_WATCH_MAX_FILES: '3' } });
  test('Changes says what it could not follow; Revert file and its Undo in the panel', async ({
    page,
    workspace,
    setScript,
  }) => {
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) await writeFile(join(workspace, name), `${name}\n`);
    setScript([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'echo A > a.txt && echo B > b.txt' },
            callId: 'c1',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Edited.' }] },
    ]);
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('never');
    await page.getByLabel('Sandbox').selectOption('danger-full-access');
    await page.getByLabel('Message').fill('Edit two files');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByText('Edited.')).toBeVisible();
    await page.getByRole('button', { name: 'Changes' }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByLabel('Changes of').selectOption({ label: 'Turn 1' });
    await expect(changes.getByRole('note')).toHaveText(
      'Only 3 files of the workspace are watched for changes made by commands; changes to others are not shown.',
    );
    await expect(changes.getByLabel('Changed file').locator('option')).toHaveText(['M a.txt', 'M b.txt']);

    // Revert one file: the dialog names just that file; Undo in the panel brings it back.
    await changes.getByRole('button', { name: 'Revert file' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revert a.txt?' });
    await expect(dialog.getByRole('listitem')).toHaveText(['a.txt']);
    await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
    await expect(changes.getByRole('status')).toContainText('Reverted a.txt.');
    expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('a.txt\n');
    expect(await readFile(join(workspace, 'b.txt'), 'utf8')).toBe('B\n');
    await screenshot(page, 'changes-bounded-reverted');
    await changes.getByRole('button', { name: 'Undo revert' }).click();
    await expect(changes.getByRole('status')).toContainText("the agent's version of a.txt is back");
    expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('A\n');
    await expect(page.getByLabel('Revert', { exact: true })).toContainText('undone');
  });
});
