/**
 * The agent's questions (request_user_input) in the built UI against the built CLI: shown as a
 * card in the thread with their options, answered from the keyboard alone, and the answer
 * reaches the model.
 */
import { expect as baseExpect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

// A loaded 2-core machine can take a while to show a turn; these checks are about what shows.
const expect = baseExpect.configure({ timeout: 20_000 });

test('a question from the agent is answered in the thread, with the keyboard', async ({
  page,
  workspace,
  setScript,
  fakeOpenAI,
}) => {
  setScript([
    {
      outputs: [
        {
          type: 'function_call',
          name: 'request_user_input',
          callId: 'call_ask',
          arguments: {
            questions: [
              {
                id: 'db_choice',
                header: 'Database',
                question: 'Which database should the service use?',
                options: [
                  { label: 'SQLite (Recommended)', description: 'No server to run.' },
                  { label: 'PostgreSQL', description: 'Scales to many clients.' },
                ],
              },
            ],
          },
        },
      ],
    },
    { outputs: [{ type: 'message', text: 'PostgreSQL it is.' }] },
  ]);
  await openFolder(page, workspace);
  await send(page, 'set up storage');

  const card = page.getByRole('form', { name: 'Question from the agent' });
  await expect(card.getByText('Which database should the service use?')).toBeVisible();
  await expect(card.getByRole('radio', { name: /SQLite \(Recommended\)/ })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Send answer' })).toBeDisabled();
  await expect(page.getByRole('complementary', { name: 'Approvals inbox' })).toContainText('Question: Database');
  await expect(page.getByText('Waiting for your answer')).toBeVisible();
  await screenshot(page, 'user-input-card');

  // Keyboard only: the first option has focus, an arrow moves to the next, Enter sends.
  await expect(card.getByRole('radio', { name: /SQLite/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(card.getByRole('radio', { name: /PostgreSQL/ })).toBeChecked();
  await page.keyboard.press('Enter');

  await expect(page.getByText('PostgreSQL it is.')).toBeVisible();
  await expect(card).toHaveCount(0);
  const input = (fakeOpenAI.modelCalls.at(-1)?.body as { input: Array<Record<string, unknown>> }).input;
  expect(input).toContainEqual({
    type: 'function_call_output',
    call_id: 'call_ask',
    output: JSON.stringify({ answers: { db_choice: { answers: ['PostgreSQL'] } } }),
  });
});

test('an answer in the user’s own words goes back as written', async ({ page, workspace, setScript, fakeOpenAI }) => {
  setScript([
    {
      outputs: [
        {
          type: 'function_call',
          name: 'request_user_input',
          callId: 'call_ask_other',
          arguments: {
            questions: [
              {
                id: 'port',
                header: 'Port',
                question: 'Which port should it listen on?',
                options: [{ label: '8080', description: 'The usual one.' }],
              },
            ],
          },
        },
      ],
    },
    { outputs: [{ type: 'message', text: 'Listening on 9999.' }] },
  ]);
  await openFolder(page, workspace);
  await send(page, 'start the server');
  const card = page.getByRole('form', { name: 'Question from the agent' });
  await card.getByRole('textbox', { name: /Other answer/ }).fill('9999');
  await card.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByText('Listening on 9999.')).toBeVisible();
  const input = (fakeOpenAI.modelCalls.at(-1)?.body as { input: Array<Record<string, unknown>> }).input;
  expect(input).toContainEqual({
    type: 'function_call_output',
    call_id: 'call_ask_other',
    output: JSON.stringify({ answers: { port: { answers: ['9999'] } } }),
  });
});

test('a pending question, and the answer being chosen, survive a reload; it is answered after it', async ({
  page,
  workspace,
  setScript,
}) => {
  setScript([
    {
      outputs: [
        {
          type: 'function_call',
          name: 'request_user_input',
          callId: 'call_ask_reload',
          arguments: {
            questions: [
              {
                id: 'style',
                header: 'Style',
                question: 'Tabs or spaces?',
                options: [
                  { label: 'Spaces (Recommended)', description: 'What the project uses.' },
                  { label: 'Tabs', description: 'One character per level.' },
                ],
              },
            ],
          },
        },
      ],
    },
    { outputs: [{ type: 'message', text: 'Tabs, then.' }] },
  ]);
  await openFolder(page, workspace);
  await send(page, 'format the code');
  const card = page.getByRole('form', { name: 'Question from the agent' });
  await expect(card.getByText('Tabs or spaces?')).toBeVisible();
  await card.getByRole('radio', { name: /Tabs/ }).check(); // chosen, not yet sent

  await page.reload();
  // The thread opens again and the server asks again: one card, answerable, the choice kept.
  await expect(card.getByText('Tabs or spaces?')).toBeVisible();
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('radio', { name: /Tabs/ })).toBeChecked();
  await card.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByText('Tabs, then.')).toBeVisible();
  await expect(card).toHaveCount(0);
});
