/**
 * read_file, list_dir and grep_files leave a trace in the thread (issue 9, item 10): each call is a
 * commandExecution item with Codex's read / listFiles / search commandActions, streamed, persisted
 * and there again after thread/read — driven over stdio against the built CLI.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { useFakes, writeFiles } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
type Command = Extract<ThreadItem, { type: 'commandExecution' }>;

describe('read tools as thread items (built CLI)', () => {
  it('shows each read, listing and search as a commandExecution with its commandActions, persisted', async () => {
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
      { outputs: [{ type: 'function_call', name: 'list_dir', arguments: { dir_path: 'src' }, callId: 'r2' }] },
      {
        outputs: [
          {
            type: 'function_call',
            name: 'grep_files',
            arguments: { pattern: 'needle', include: '*.ts', path: 'src' },
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
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, { 'src/a.ts': 'one\ntwo needle\nthree\n', 'src/b.md': 'needle\n' });
    const home = await h.tempDir();
    const env = { TANDEM_HOME: home, OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-read-items' };
    const client = h.stdio(env);
    client.onServerRequest = () => {
      throw new Error('no approval expected');
    };
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'untrusted' });
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'look around' }] });
    await client.notification('turn/completed');

    const started = client
      .notifications('item/started')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .filter((i): i is Command => i.type === 'commandExecution');
    expect(started.map((i) => [i.id, i.status])).toEqual([
      ['r1', 'inProgress'],
      ['r2', 'inProgress'],
      ['r3', 'inProgress'],
      ['r4', 'inProgress'],
    ]);
    const completed = client
      .notifications('item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .filter((i): i is Command => i.type === 'commandExecution');
    const expected = [
      {
        id: 'r1',
        command: 'read_file src/a.ts --offset 2 --limit 1',
        status: 'completed',
        exitCode: 0,
        commandActions: [
          {
            type: 'read',
            command: 'read_file src/a.ts --offset 2 --limit 1',
            name: 'a.ts',
            path: join(thread.cwd, 'src/a.ts'),
          },
        ],
      },
      {
        id: 'r2',
        command: 'list_dir src',
        status: 'completed',
        exitCode: 0,
        commandActions: [{ type: 'listFiles', command: 'list_dir src', path: 'src' }],
      },
      {
        id: 'r3',
        command: "grep_files needle src --include '*.ts'",
        status: 'completed',
        exitCode: 0,
        commandActions: [
          { type: 'search', command: "grep_files needle src --include '*.ts'", query: 'needle', path: 'src' },
        ],
      },
      { id: 'r4', command: 'read_file ../../etc/passwd', status: 'failed', exitCode: 1 },
    ];
    expect(completed).toMatchObject(expected);
    expect(completed[0]?.aggregatedOutput).toBe('L2: two needle');
    expect(completed[1]?.aggregatedOutput).toContain('a.ts');
    expect(completed[2]?.aggregatedOutput).toBe('src/a.ts');
    expect(completed[3]?.aggregatedOutput).toMatch(/outside the workspace/);
    // The model still gets exactly what the tools said.
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('L2: two needle');
    await client.close();

    // Persisted: a new process reads the same items back.
    const again = h.stdio(env);
    await again.initialize();
    const read = await again.request('thread/read', { threadId: thread.id, includeTurns: true });
    const items = read.thread.turns.flatMap((t) => t.items).filter((i): i is Command => i.type === 'commandExecution');
    expect(items).toMatchObject(expected);
  });

  it('reports what a shell command reads, lists or searches, as Codex does; anything else stays unknown', async () => {
    const exec = (cmd: string, callId: string) => ({
      outputs: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd }, callId }],
    });
    const fake = await fakeModel([
      exec('cat src/a.ts', 'c1'),
      exec('rg -n needle src', 'c2'),
      exec('echo x > out.txt', 'c3'),
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, { 'src/a.ts': 'one\ntwo needle\n' });
    // An empty HOME: `bash -lc` reads no login profile of this machine's user.
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-read-items',
      HOME: await h.tempDir('tandem-user-'),
    });
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd,
      approvalPolicy: 'never',
      sandbox: 'danger-full-access',
    });
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    await client.notification('turn/completed');
    const completed = client
      .notifications('item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .filter((i): i is Command => i.type === 'commandExecution');
    expect(completed.map((i) => i.commandActions)).toEqual([
      [{ type: 'read', command: 'cat src/a.ts', name: 'a.ts', path: join(thread.cwd, 'src/a.ts') }],
      [{ type: 'search', command: 'rg -n needle src', query: 'needle', path: 'src' }],
      [{ type: 'unknown', command: 'echo x > out.txt' }],
    ]);
  });
});
