/**
 * request_user_input through the BUILT CLI: offered to the model only on turns of clients that
 * opted into Codex's experimental API; the questions reach the client as
 * `item/tool/requestUserInput`, and its answers reach the model as the tool's output.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import type { RecordedRequest } from '../helpers/fake-openai';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const question = {
  id: 'db_choice',
  header: 'Database',
  question: 'Which database should the service use?',
  options: [
    { label: 'SQLite (Recommended)', description: 'No server to run.' },
    { label: 'PostgreSQL', description: 'Scales to many clients.' },
  ],
};

const toolNames = (r: RecordedRequest | undefined): string[] =>
  ((r?.body as { tools?: Array<{ name?: string }> }).tools ?? []).map((t) => t.name ?? '');

describe('request_user_input (built CLI)', () => {
  it('asks the client the model’s questions and gives the model the answers', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'request_user_input',
            arguments: { questions: [question] },
            callId: 'call_ask',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'SQLite it is.' }] },
    ]);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'k',
    });
    const asked: Array<{ method: string; params: unknown }> = [];
    client.onServerRequest = (method, params) => {
      asked.push({ method, params });
      return { answers: { db_choice: { answers: ['PostgreSQL'] } } };
    };
    await client.initialize('tandem-ui', { experimentalApi: true });
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
    const { turn } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'set up storage' }],
    });
    const completed = await client.notification('turn/completed');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');

    expect(toolNames(fake.modelCalls[0])).toContain('request_user_input');
    expect(asked).toEqual([
      {
        method: 'item/tool/requestUserInput',
        params: {
          threadId: thread.id,
          turnId: turn.id,
          itemId: 'call_ask',
          questions: [{ ...question, isOther: true, isSecret: false }],
          isBlocking: true,
          autoResolutionMs: null,
        },
      },
    ]);
    const statuses = client.notifications('thread/status/changed').map((m) => m.params);
    expect(statuses).toContainEqual({
      threadId: thread.id,
      status: { type: 'active', activeFlags: ['waitingOnUserInput'] },
    });
    const input = (fake.modelCalls[1]?.body as { input: Array<Record<string, unknown>> }).input;
    expect(input).toContainEqual({
      type: 'function_call_output',
      call_id: 'call_ask',
      output: JSON.stringify({ answers: { db_choice: { answers: ['PostgreSQL'] } } }),
    });
  });

  it('is not offered to a client on Codex’s stable API, which cannot be asked', async () => {
    const fake = await fakeModel([{ outputs: [{ type: 'message', text: 'hi' }] }]);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'k',
    });
    await client.initialize('codex_sdk_ts');
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    await client.notification('turn/completed');
    const names = toolNames(fake.modelCalls[0]);
    expect(names).toContain('exec_command');
    expect(names).not.toContain('request_user_input');
  });
});
