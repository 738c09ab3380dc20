/**
 * Races and attacks found in review: two turn/starts at once, the API key through Tandem's own
 * folder, files edited while a patch waits for approval, interrupted commands. (Session approvals
 * stretched to escalations, "deny" amendments and late-joining clients: approvals.test.ts.)
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { itWithBwrap } from '../helpers/bwrap';
import { useHarness } from '../helpers/harness';
import { readOrNull, runTurn, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const execCall = (id: string, cmd: string, extra: Record<string, unknown> = {}) => ({
  outputs: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd, ...extra }, callId: id }],
});
const ok = { outputs: [{ type: 'message' as const, text: 'ok' }] };

describe('races and attacks', () => {
  it('runs one turn for two simultaneous turn/starts: the second input joins it, as in Codex', async () => {
    const fake = await fakeModel([ok, ok]);
    const w = await world(h, fake);
    const other = await h.client(w.server, 'other');
    await other.request('thread/resume', { threadId: w.threadId });
    const starts = await Promise.all([
      w.client.request('turn/start', { threadId: w.threadId, input: [{ type: 'text', text: 'a' }], model: 'm-a' }),
      other.request('turn/start', { threadId: w.threadId, input: [{ type: 'text', text: 'b' }], model: 'm-b' }),
    ]);
    expect(starts[0].turn.id).toBe(starts[1].turn.id);
    await w.client.notification('turn/completed');
    expect(w.client.notifications('turn/started')).toHaveLength(1);
    const users = w.client
      .notifications('item/completed')
      .flatMap((m) => {
        const item = (m.params as { item: ThreadItem }).item;
        return item.type === 'userMessage' ? item.content.map((c) => (c.type === 'text' ? c.text : '')) : [];
      })
      .sort();
    expect(users).toEqual(['a', 'b']);
    // Only the turn that started chose the settings; the joined input did not change them.
    const bodies = fake.modelCalls.map((c) => c.body as { model: string });
    expect(new Set(bodies.map((b) => b.model)).size).toBe(1);
    expect(JSON.stringify(fake.modelCalls.at(-1)?.body)).toContain('"b"');
  });

  it('keeps Tandem’s own folder (settings and key) away from tools, and redacts the key from output', async () => {
    const fake = await fakeModel([]);
    const home = await h.tempDir();
    // A copy of the key outside Tandem's folder (which commands cannot even see where bubblewrap
    // is): what a command prints of it is still redacted.
    const copy = join(await h.tempDir(), 'copied-settings.json');
    const script = [
      {
        outputs: [
          {
            type: 'function_call' as const,
            name: 'read_file',
            arguments: { file_path: join(home, 'settings.json') },
            callId: 'r',
          },
        ],
      },
      {
        outputs: [
          {
            type: 'custom_tool_call' as const,
            name: 'apply_patch',
            input: `*** Begin Patch\n*** Add File: ${join(home, 'evil.json')}\n+x\n*** End Patch\n`,
            callId: 'p',
          },
        ],
      },
      execCall('c', `cat ${join(home, 'settings.json')} ${copy}`),
      ok,
    ];
    const fake2 = await fakeModel(script);
    await writeFile(
      join(home, 'settings.json'),
      JSON.stringify({ apiKey: 'sk-very-secret-key-123', baseUrl: fake2.baseURL }),
    );
    await writeFile(copy, JSON.stringify({ apiKey: 'sk-very-secret-key-123' }));
    // The workspace is the folder that holds Tandem's home, and the sandbox is off: the worst case.
    const w = await world(
      h,
      fake,
      { cwd: home, approvalPolicy: 'never', sandbox: 'danger-full-access' },
      { home, modelEnv: {} },
    );
    await runTurn(w, 'steal the key');
    const bodies = fake2.modelCalls.map((c) => JSON.stringify(c.body));
    expect(bodies[1]).toMatch(/Tandem's own data folder/);
    expect(bodies[2]).toMatch(/Tandem's own data folder/);
    expect(await readOrNull(join(home, 'evil.json'))).toBeNull();
    expect(bodies[3]).toContain('[redacted]');
    for (const b of bodies) expect(b).not.toContain('sk-very-secret-key-123');
    for (const m of w.client.received) expect(JSON.stringify(m)).not.toContain('sk-very-secret-key-123');
    const thread = await readFile(w.server.store.pathOf(w.threadId), 'utf8');
    expect(thread).not.toContain('sk-very-secret-key-123');
  });

  itWithBwrap('hides Tandem’s folder from sandboxed commands entirely', async () => {
    const home = await h.tempDir();
    const fake = await fakeModel([execCall('c', `ls -a ${home}; cat ${join(home, 'settings.json')}`), ok]);
    await writeFile(
      join(home, 'settings.json'),
      JSON.stringify({ apiKey: 'sk-hidden-from-sandbox', baseUrl: fake.baseURL }),
    );
    const w = await world(
      h,
      fake,
      { cwd: home, approvalPolicy: 'never', sandbox: 'workspace-write' },
      { home, modelEnv: {} },
    );
    await runTurn(w, 'look');
    const body = JSON.stringify(fake.modelCalls[1]?.body);
    expect(body).toMatch(/No such file or directory/);
    expect(body).not.toContain('hidden-from-sandbox');
  });

  it('does not overwrite a file the user edited while the patch waited for approval', async () => {
    const patch = `*** Begin Patch\n*** Update File: notes.txt\n@@\n-a\n+b\n*** End Patch\n`;
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch, callId: 'p' }] },
      ok,
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'notes.txt': 'a\n' } });
    w.client.onServerRequest = async () => {
      await appendFile(join(w.cwd, 'notes.txt'), 'USER EDIT\n');
      return { decision: 'accept' };
    };
    await runTurn(w, 'patch');
    expect(await readOrNull(join(w.cwd, 'notes.txt'))).toBe('a\nUSER EDIT\n');
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toMatch(/files changed while the user was reviewing/);
  });

  it('records an interrupted command with what it printed', async () => {
    const fake = await fakeModel([execCall('c', 'echo before; sleep 30')]);
    const w = await world(h, fake, { approvalPolicy: 'never', sandbox: 'danger-full-access' });
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'go' }],
    });
    await w.client.waitFor((m) => m.method === 'item/commandExecution/outputDelta');
    await w.client.request('turn/interrupt', { threadId: w.threadId, turnId: turn.id });
    const done = await w.client.notification('turn/completed');
    const completedCmd = w.client.received.find(
      (m) => m.method === 'item/completed' && (m.params as { item: ThreadItem }).item.type === 'commandExecution',
    );
    expect(w.client.received.indexOf(completedCmd ?? done)).toBeLessThan(w.client.received.indexOf(done));
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    const cmd = read.thread.turns[0]?.items.find((i) => i.type === 'commandExecution');
    expect(cmd).toMatchObject({ status: 'failed', aggregatedOutput: expect.stringContaining('before') });
  });
});
