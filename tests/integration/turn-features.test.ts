/**
 * The rest of a turn's surface: reasoning summaries, plans, the read-only helpers, per-turn
 * overrides, huge output and settings.json. (Approvals: approvals.test.ts; a whole turn over
 * stdio: stdio.test.ts.)
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { runTurn, sequence, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const completedItems = (messages: Array<{ method?: string; params?: unknown }>): ThreadItem[] =>
  messages.filter((m) => m.method === 'item/completed').map((m) => (m.params as { item: ThreadItem }).item);

describe('turn features', () => {
  it('streams reasoning summaries as parts and deltas, and keeps the reasoning item', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          { type: 'reasoning', summary: ['Reading the code', 'Planning the fix'] },
          { type: 'message', text: 'Done.' },
        ],
      },
    ]);
    const w = await world(h, fake);
    const { turnId } = await runTurn(w, 'think');
    expect(sequence(w.client, turnId)).toEqual(
      expect.arrayContaining([
        'item/started:reasoning',
        'item/reasoning/summaryPartAdded',
        'item/reasoning/summaryTextDelta',
        'item/completed:reasoning',
      ]),
    );
    expect(
      w.client
        .notifications('item/reasoning/summaryPartAdded')
        .map((m) => (m.params as { summaryIndex: number }).summaryIndex),
    ).toEqual([0, 1]);
    const reasoning = completedItems(w.client.received).find((i) => i.type === 'reasoning');
    expect(reasoning).toMatchObject({ summary: ['Reading the code', 'Planning the fix'] });
  });

  it('turns update_plan into turn/plan/updated and a plan item', async () => {
    const plan = {
      explanation: 'Two steps',
      plan: [
        { step: 'Read', status: 'completed' },
        { step: 'Fix', status: 'in_progress' },
      ],
    };
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'update_plan', arguments: plan, callId: 'call_plan' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake);
    await runTurn(w, 'plan it');
    const update = w.client.notifications('turn/plan/updated')[0]?.params;
    expect(update).toMatchObject({
      explanation: 'Two steps',
      plan: [
        { step: 'Read', status: 'completed' },
        { step: 'Fix', status: 'inProgress' },
      ],
    });
    expect(completedItems(w.client.received).find((i) => i.type === 'plan')).toMatchObject({
      id: 'call_plan',
      text: expect.stringContaining('Fix'),
    });
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('Plan updated');
  });

  it('answers read_file, list_dir and grep_files from the workspace without asking', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'read_file',
            arguments: { file_path: 'src/a.ts', offset: 2, limit: 1 },
            callId: 'r1',
          },
        ],
      },
      { outputs: [{ type: 'function_call', name: 'list_dir', arguments: { dir_path: '.' }, callId: 'r2' }] },
      {
        outputs: [
          {
            type: 'function_call',
            name: 'grep_files',
            arguments: { pattern: 'needle', include: '*.ts' },
            callId: 'r3',
          },
        ],
      },
      {
        outputs: [
          { type: 'function_call', name: 'read_file', arguments: { file_path: '../../etc/passwd' }, callId: 'r4' },
        ],
      },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(
      h,
      fake,
      { approvalPolicy: 'untrusted' },
      { files: { 'src/a.ts': 'one\ntwo needle\nthree\n', 'src/b.md': 'needle\n', 'README.md': 'hi\n' } },
    );
    w.client.onServerRequest = () => {
      throw new Error('no approval expected');
    };
    await runTurn(w, 'read');
    const outputs = fake.modelCalls.slice(1).map((c) => JSON.stringify(c.body));
    expect(outputs[0]).toContain('L2: two needle');
    expect(outputs[0]).not.toContain('L1: one');
    expect(outputs[1]).toMatch(/src\/.*README\.md|README\.md.*src\//);
    expect(outputs[2]).toContain('src/a.ts');
    expect(outputs[2]).not.toContain('src/b.md');
    expect(outputs[3]).toMatch(/outside the workspace/);
  });

  it('applies per-turn overrides and keeps them for later turns', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch a' }, callId: 'c1' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never' });
    const asked: string[] = [];
    w.client.onServerRequest = (m) => {
      asked.push(m);
      return { decision: 'accept' };
    };
    await runTurn(w, 'go', { approvalPolicy: 'untrusted', model: 'gpt-other', effort: 'high' });
    expect(asked).toEqual(['item/commandExecution/requestApproval']);
    expect(fake.modelCalls[0]?.body).toMatchObject({ model: 'gpt-other', reasoning: { effort: 'high' } });
    const read = await w.client.request('thread/read', { threadId: w.threadId });
    expect(read.thread.model).toBe('gpt-other');
    expect(read.thread.reasoningEffort).toBe('high');
  });

  it('cuts huge command output for the model to head and tail, keeping the exit code', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'seq 1 200000' }, callId: 'c' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never', sandbox: 'danger-full-access' });
    await runTurn(w, 'count');
    const sent = JSON.stringify(fake.modelCalls[1]?.body);
    expect(sent.length).toBeLessThan(60_000);
    expect(sent).toContain('Process exited with code 0');
    expect(sent).toContain('omitted');
    expect(sent).toMatch(/\\n1\\n2\\n3\\n/);
    expect(sent).toContain('199999\\n200000');
  });

  it('reads the model settings from settings.json in the home folder', async () => {
    const fake = await fakeModel([{ outputs: [{ type: 'message', text: 'from settings' }] }]);
    const home = await h.tempDir();
    await writeFile(
      join(home, 'settings.json'),
      JSON.stringify({ baseUrl: fake.baseURL, apiKey: 'sk-from-settings', wireApi: 'chat' }),
    );
    const w = await world(h, fake, {}, { home, modelEnv: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    const { completed } = await runTurn(w, 'hi');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(fake.modelCalls[0]?.path).toBe('/v1/chat/completions');
    expect(fake.modelCalls[0]?.headers.authorization).toBe('Bearer sk-from-settings');
  });

  it('says what is wrong with a broken settings.json instead of failing obscurely', async () => {
    const fake = await fakeModel([]);
    const home = await h.tempDir();
    await writeFile(join(home, 'settings.json'), '{ "baseUrl": ');
    const w = await world(h, fake, {}, { home });
    const { completed } = await runTurn(w, 'hi');
    expect((completed.params as { turn: { error: { message: string } } }).turn.error.message).toMatch(
      /settings\.json is not valid JSON/,
    );
  });
});
