/**
 * A thread another client drives with its own tools (`dynamicTools`), open in the UI meanwhile:
 * the UI leaves the tool's `item/tool/call` to that client (it refuses it; the server waits for
 * the client that can answer) and shows the `dynamicToolCall` item with what was asked and
 * answered, rather than failing the thread on an item it has no card for.
 */
import { connectWebSocket } from '../helpers/test-client';
import { expect, test } from './fixtures';

test('the UI shows a call of another client’s tool and leaves the call to that client', async ({
  page,
  tandem,
  workspace,
  setScript,
  fakeOpenAI,
}) => {
  setScript([
    { outputs: [{ type: 'function_call', name: 'lookup_ticket', arguments: { id: 'TAN-12' }, callId: 'call_dyn_1' }] },
    { outputs: [{ type: 'message', text: 'TAN-12 is still open.' }] },
  ]);
  const bot = await connectWebSocket(`ws://127.0.0.1:${tandem.port}/?token=${tandem.token}`, {
    Origin: `http://127.0.0.1:${tandem.port}`,
  });
  try {
    await bot.initialize('ticket-bot', { experimentalApi: true });
    bot.onServerRequest = (method) =>
      method === 'item/tool/call'
        ? { contentItems: [{ type: 'inputText', text: 'TAN-12: open, assigned to nobody' }], success: true }
        : undefined;
    const { thread } = await bot.request('thread/start', {
      cwd: workspace,
      dynamicTools: [
        {
          type: 'function',
          name: 'lookup_ticket',
          description: 'Look up a ticket by its id.',
          inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      ],
    });
    await bot.request('thread/name/set', { threadId: thread.id, name: 'Ticket lookup' });

    // The user opens the thread: from now on the UI follows it and is asked too.
    await page.getByRole('button', { name: 'Ticket lookup' }).click();
    await expect(page.getByLabel('Message')).toBeVisible();
    await bot.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'How is TAN-12?' }] });

    await expect(page.getByText('TAN-12 is still open.')).toBeVisible();
    const call = page.locator('.item.tool-call');
    await expect(call).toContainText('lookup_ticket');
    await expect(call).toContainText('TAN-12: open, assigned to nobody');
    await expect(call).toHaveAttribute('data-status', 'completed');
    // The bot's answer reached the model, not the UI's refusal.
    expect(JSON.stringify(fakeOpenAI.modelCalls[1]?.body)).toContain('TAN-12: open, assigned to nobody');
  } finally {
    await bot.close();
  }
});
