/**
 * Thread parameters that must do what they say, through the built CLI on the fake model:
 * `baseInstructions` and `developerInstructions` reach the model on both wire formats and stay
 * with the thread across a restart and resume (a resume may change them); `ephemeral` threads
 * leave no trace on disk and are not listed; `turn/started` and `turn/completed` carry the turn's
 * items as Codex 0.169 does.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAI, type RecordedRequest } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { RpcError, type StdioClient } from '../helpers/test-client';

const h = useHarness();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const answer = (text: string) => ({ outputs: [{ type: 'message' as const, text }] });

async function fake(calls: number): Promise<FakeOpenAI> {
  const f = await FakeOpenAI.start(Array.from({ length: calls }, (_, i) => answer(`answer ${i + 1}`)));
  fakes.push(f);
  return f;
}

function cli(f: FakeOpenAI, home: string, wireApi: 'responses' | 'chat' = 'responses'): StdioClient {
  return h.stdio({
    TANDEM_HOME: home,
    OPENAI_BASE_URL: f.baseURL,
    OPENAI_API_KEY: 'sk-thread-params',
    TANDEM_WIRE_API: wireApi,
  });
}

async function turn(client: StdioClient, threadId: string, text = 'go'): Promise<void> {
  const { turn: t } = await client.request('turn/start', { threadId, input: [{ type: 'text', text }] });
  await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === t.id);
}

/** What a model call was told: its system instructions and its developer-role instructions. */
function told(call: RecordedRequest | undefined): { system: string; developer: string[] } {
  const body = call?.body as {
    instructions?: string;
    input?: Array<{ role?: string; content?: unknown }>;
    messages?: Array<{ role: string; content: string }>;
  };
  if (body.messages) {
    // Chat Completions: one system message (local chat templates take no other), no developer role.
    expect(body.messages.filter((m) => m.role === 'system' || m.role === 'developer')).toHaveLength(1);
    return { system: body.messages[0]?.content ?? '', developer: [] };
  }
  const developer = (body.input ?? [])
    .filter((i) => i.role === 'developer')
    .map((i) => (i.content as Array<{ text: string }>).map((c) => c.text).join(''));
  return { system: body.instructions ?? '', developer };
}

describe.each(['responses', 'chat'] as const)('base and developer instructions over %s', (wireApi) => {
  it('reach the model, stay with the thread after a restart, and a resume may change them', async () => {
    const f = await fake(4);
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir();
    const first = cli(f, home, wireApi);
    await first.initialize();
    const { thread } = await first.request('thread/start', {
      cwd,
      baseInstructions: 'You are Reviewer-7. Never change files.',
      developerInstructions: 'Always answer in French.',
    });
    await turn(first, thread.id);
    await first.close();
    // Kept in the thread's file; the list index (one whole entry per line) leaves them out.
    expect(await readFile(join(home, 'threads', `${thread.id}.jsonl`), 'utf8')).toContain('Reviewer-7');
    expect(await readFile(join(home, 'threads', 'index.jsonl'), 'utf8')).not.toContain('Reviewer-7');

    let call = told(f.modelCalls[0]);
    // The base instructions replace Tandem's own; the environment still follows them.
    expect(call.system).toMatch(/^You are Reviewer-7\. Never change files\./);
    expect(call.system).not.toContain('You are Tandem');
    expect(call.system).toContain(`<cwd>${cwd}</cwd>`);
    if (wireApi === 'responses') {
      expect(call.developer).toEqual(['Always answer in French.']);
      expect(call.system).not.toContain('Always answer in French.');
    } else {
      expect(call.system).toContain('Always answer in French.');
    }

    // A new server process reads them back from the thread's file.
    const second = cli(f, home, wireApi);
    await second.initialize();
    await second.request('thread/resume', { threadId: thread.id });
    await turn(second, thread.id);
    call = told(f.modelCalls[1]);
    expect(call.system).toMatch(/^You are Reviewer-7\./);
    expect(wireApi === 'responses' ? call.developer : [call.system]).toEqual([
      expect.stringContaining('Always answer in French.'),
    ]);

    // A resume that gives other developer instructions changes them, for this and later turns.
    await second.request('thread/resume', { threadId: thread.id, developerInstructions: 'Antworte auf Deutsch.' });
    await turn(second, thread.id);
    await second.close();
    const third = cli(f, home, wireApi);
    await third.initialize();
    await third.request('thread/resume', { threadId: thread.id });
    await turn(third, thread.id);
    for (const c of [f.modelCalls[2], f.modelCalls[3]]) {
      const t = told(c);
      const developer = wireApi === 'responses' ? t.developer.join('\n') : t.system;
      expect(developer).toContain('Antworte auf Deutsch.');
      expect(developer).not.toContain('French');
      expect(t.system).toMatch(/^You are Reviewer-7\./);
    }
  });
});

it('a thread without them gets Tandem’s own instructions and no developer message', async () => {
  const f = await fake(1);
  const client = cli(f, await h.tempDir('tandem-home-'));
  await client.initialize();
  const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
  await turn(client, thread.id);
  const call = told(f.modelCalls[0]);
  expect(call.system).toMatch(/^You are Tandem/);
  expect(call.developer).toEqual([]);
});

/** Every file under `dir`, with its content. */
async function filesUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => {
        const path = join(e.parentPath, e.name);
        return { path, text: await readFile(path, 'utf8').catch(() => '') };
      }),
  );
}

describe('an ephemeral thread', () => {
  it('runs turns and can be read and resumed while loaded, but is never written or listed, and is gone after a restart', async () => {
    const f = await fake(2);
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir();
    const client = cli(f, home);
    await client.initialize();
    const kept = await client.request('thread/start', { cwd });
    const { thread } = await client.request('thread/start', { cwd, ephemeral: true });
    expect(thread.ephemeral).toBe(true);
    expect(thread.path ?? null).toBeNull();
    await turn(client, thread.id, 'a secret only memory holds');
    await turn(client, kept.thread.id, 'kept on disk');

    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.ephemeral).toBe(true);
    expect(read.thread.turns[0]?.items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
    const resumed = await client.request('thread/resume', { threadId: thread.id });
    expect(resumed.thread.ephemeral).toBe(true);
    expect(resumed.thread.turns).toHaveLength(1);

    const listed = await client.request('thread/list', {});
    expect(listed.data.map((t) => t.id)).toEqual([kept.thread.id]);

    // Nothing under the home names the thread or holds what was said in it; the other thread is there.
    const files = await filesUnder(home);
    expect(files.filter((x) => x.path.includes(thread.id) || x.text.includes(thread.id))).toEqual([]);
    expect(files.filter((x) => x.text.includes('a secret only memory holds'))).toEqual([]);
    expect(files.some((x) => x.path.includes(kept.thread.id))).toBe(true);
    await client.close();

    const again = cli(f, home);
    await again.initialize();
    await expect(again.request('thread/read', { threadId: thread.id })).rejects.toMatchObject({
      data: { reason: 'threadNotFound' },
    });
    await expect(again.request('thread/resume', { threadId: thread.id })).rejects.toBeInstanceOf(RpcError);
    expect((await again.request('thread/read', { threadId: kept.thread.id })).thread.ephemeral).toBe(false);
  });
});

describe('turn/started and turn/completed', () => {
  it('carry the turn’s items as Codex 0.169 does: none when it starts, its final answer when it ends', async () => {
    const f = await FakeOpenAI.start([
      {
        outputs: [
          { type: 'message', text: 'Looking first.' },
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo hi' }, callId: 'call_1' },
        ],
      },
      answer('All done.'),
    ]);
    fakes.push(f);
    const client = cli(f, await h.tempDir('tandem-home-'));
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd: await h.tempDir(),
      approvalPolicy: 'never',
      sandbox: 'danger-full-access',
    });
    await turn(client, thread.id);
    const started = (await client.notification('turn/started')).params as { turn: Record<string, unknown> };
    const completed = (await client.notification('turn/completed')).params as {
      turn: { items: Array<{ type: string; text?: string }>; itemsView: string; status: string };
    };
    expect(started.turn).toMatchObject({ items: [], itemsView: 'notLoaded', status: 'inProgress' });
    expect(completed.turn.status).toBe('completed');
    expect(completed.turn.itemsView).toBe('summary');
    expect(completed.turn.items).toEqual([expect.objectContaining({ type: 'agentMessage', text: 'All done.' })]);
    // Every item still went out on its own, and the thread holds them all.
    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns[0]?.items.map((i) => i.type)).toEqual([
      'userMessage',
      'agentMessage',
      'commandExecution',
      'agentMessage',
    ]);
  });
});
