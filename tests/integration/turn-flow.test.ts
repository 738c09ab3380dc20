/**
 * Full turns against a fake OpenAI-compatible server (real HTTP + SSE, the real `openai`
 * client), on both wire formats: streamed message, a command and a patch that need approval,
 * a final message — the notification sequence, what is persisted, and the files on disk.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { fullTurnScript, INITIAL_FILES } from '../helpers/scenario';
import { runTurn, sequence, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describe.each(['responses', 'chat'] as const)('a full turn over %s', (wireApi) => {
  it('streams, asks before the command and the patch, runs them, and records everything', async () => {
    const fake = await fakeModel(fullTurnScript());
    const w = await world(
      h,
      fake,
      { approvalPolicy: 'untrusted', sandbox: 'workspace-write' },
      { wireApi, files: INITIAL_FILES },
    );
    const approvals: Array<{ method: string; params: Record<string, unknown> }> = [];
    w.client.onServerRequest = (method, params) => {
      approvals.push({ method, params: params as Record<string, unknown> });
      return { decision: 'accept' };
    };
    const { turnId, completed } = await runTurn(w, 'Greet tandem and add a todo');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');

    expect(sequence(w.client, turnId)).toEqual([
      'turn/started',
      'item/started:userMessage',
      'item/completed:userMessage',
      'item/started:agentMessage',
      'item/agentMessage/delta',
      'item/completed:agentMessage',
      'thread/tokenUsage/updated',
      'item/started:commandExecution',
      'item/commandExecution/requestApproval',
      'serverRequest/resolved',
      'item/commandExecution/outputDelta',
      'item/completed:commandExecution:completed',
      // The command wrote log.txt: the turn's diff goes out with it (issue 9, item 11).
      'turn/diff/updated',
      'thread/tokenUsage/updated',
      'item/started:fileChange',
      'item/fileChange/requestApproval',
      'serverRequest/resolved',
      'item/completed:fileChange:completed',
      'turn/diff/updated',
      'item/started:agentMessage',
      'item/agentMessage/delta',
      'item/completed:agentMessage',
      'thread/tokenUsage/updated',
      'turn/completed',
    ]);
    expect(approvals.map((a) => a.method)).toEqual([
      'item/commandExecution/requestApproval',
      'item/fileChange/requestApproval',
    ]);
    expect(approvals[0]?.params).toMatchObject({
      command: 'echo started > log.txt && cat hello.txt',
      itemId: 'call_exec_1',
    });

    // The repository holds exactly what the command and the patch wrote.
    expect(await readFile(join(w.cwd, 'hello.txt'), 'utf8')).toBe('hello\ntandem\n');
    expect(await readFile(join(w.cwd, 'notes/todo.md'), 'utf8')).toBe('# Todo\n- ship it\n');
    expect(await readFile(join(w.cwd, 'log.txt'), 'utf8')).toBe('started\n');

    // The command's item carries its output and exit code; the diff covers both patched files.
    const done = w.client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item);
    const cmd = done.find((i) => i.type === 'commandExecution');
    expect(cmd).toMatchObject({ exitCode: 0, status: 'completed' });
    // (A login shell may print its profile's complaints first; the command's own output ends it.)
    expect(cmd?.type === 'commandExecution' && cmd.aggregatedOutput).toMatch(/hello\nworld\n$/);
    const diffs = w.client.received
      .filter((m) => m.method === 'turn/diff/updated')
      .map((m) => (m.params as { diff: string }).diff);
    expect(diffs.at(-1)).toContain('-world\n+tandem');
    expect(diffs.at(-1)).toContain('+++ b/notes/todo.md');
    expect(diffs.at(-1)).toContain('+++ b/log.txt');

    // Everything completed was persisted: a fresh read shows the same items.
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    const items = read.thread.turns[0]?.items.map((i) => i.type);
    expect(items).toEqual(['userMessage', 'agentMessage', 'commandExecution', 'fileChange', 'agentMessage']);
    expect(read.thread.preview).toBe('Greet tandem and add a todo');

    // The model saw the tool results, and never the API key.
    expect(fake.modelCalls).toHaveLength(3);
    const second = JSON.stringify(fake.modelCalls[1]?.body);
    expect(second).toContain('Process exited with code 0');
    expect(JSON.stringify(fake.modelCalls[2]?.body)).toContain('Success. Updated the following files');
    for (const m of w.client.received) expect(JSON.stringify(m)).not.toContain('sk-test-secret');
    const file = await readFile(w.server.store.pathOf(w.threadId), 'utf8');
    expect(file).not.toContain('sk-test-secret');
  });
});

describe('turns', () => {
  it('sends earlier turns to the model on the next turn, after a restart too', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'First answer.' }] },
      { outputs: [{ type: 'message', text: 'Second answer.' }] },
    ]);
    const w = await world(h, fake);
    await runTurn(w, 'first question');
    const again = await h.server({
      home: w.server.options.home,
      modelEnv: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.baseURL },
    });
    const c2 = await h.client(again);
    const resumed = await c2.request('thread/resume', { threadId: w.threadId });
    expect(resumed.thread.turns[0]?.items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
    const { turn } = await c2.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'second question' }],
    });
    await c2.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    const body = JSON.stringify(fake.modelCalls[1]?.body);
    expect(body).toContain('first question');
    expect(body).toContain('First answer.');
    expect(body).toContain('second question');
  });

  it('adds a turn/start on a running turn to that turn, as Codex does', async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'first answer here' }], pauses: [{ afterEvents: 3, until: paused }] },
      { outputs: [{ type: 'message', text: 'second answer' }] },
    ]);
    const w = await world(h, fake);
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'a' }],
    });
    await w.client.notification('item/started', (p) => (p.item as { type: string }).type === 'agentMessage');
    const second = await w.client.request('turn/start', { threadId: w.threadId, input: [{ type: 'text', text: 'b' }] });
    expect(second.turn).toMatchObject({ id: turn.id, status: 'inProgress' });
    release();
    const done = await w.client.notification('turn/completed');
    expect((done.params as { turn: { id: string; status: string } }).turn).toMatchObject({
      id: turn.id,
      status: 'completed',
    });
    expect(w.client.notifications('turn/started')).toHaveLength(1);
    expect(fake.modelCalls).toHaveLength(2);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('"b"');
  });

  it('fails the turn with a clear error when no API key is set', async () => {
    const home = await h.tempDir();
    const server = await h.server({ home, modelEnv: {} });
    const client = await h.client(server);
    const { thread } = await client.request('thread/start', {});
    const { turn } = await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    const done = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    const t = (done.params as { turn: { status: string; error: { message: string } } }).turn;
    expect(t.status).toBe('failed');
    expect(t.error.message).toMatch(/OPENAI_API_KEY/);
  });

  it('diffs a git repository against the files before the turn, not against HEAD', async () => {
    const patch = `*** Begin Patch\n*** Update File: app.txt\n@@\n line 1\n-line 2\n+line two\n*** End Patch\n`;
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch, callId: 'p' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never' }, { files: { 'app.txt': 'line 1\nline 2\nline 3\n' } });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: w.cwd });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    // An uncommitted edit the user made before the turn: not the agent's doing.
    await writeFile(join(w.cwd, 'app.txt'), 'line 1\nline 2\nline 3 (mine)\n');
    await runTurn(w, 'patch');
    const diff = (w.client.notifications('turn/diff/updated').at(-1)?.params as { diff: string }).diff;
    expect(diff).toContain('-line 2\n+line two');
    expect(diff).not.toContain('+line 3 (mine)');
    expect(diff).toContain(' line 3 (mine)');
  });

  it('lists the endpoint’s models', async () => {
    const fake = await fakeModel([]);
    const w = await world(h, fake);
    const res = await w.client.request('model/list', {});
    expect(res.data.map((m) => m.id)).toEqual(['gpt-5.5', 'gpt-test']);
  });
});
