/**
 * Model faults: rate limits, server errors, a stream cut mid-way; and interrupting a turn while
 * the model streams or a command runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { runTurn, sequence, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

type Completed = { turn: { status: string; error?: { message: string } | null } };

describe('model faults', () => {
  it('waits out a 429 with Retry-After, says it will retry, then succeeds', async () => {
    const fake = await fakeModel([{ status: 429, retryAfter: 1 }, { outputs: [{ type: 'message', text: 'made it' }] }]);
    const w = await world(h, fake);
    const started = Date.now();
    const { turnId, completed } = await runTurn(w, 'hi');
    expect((completed.params as Completed).turn.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // Retry-After: 1 was honoured
    const errors = w.client
      .notifications('error')
      .map((m) => m.params as { willRetry: boolean; error: { message: string } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ willRetry: true });
    expect(errors[0]?.error.message).toMatch(/429/);
    expect(sequence(w.client, turnId)).toContain('item/completed:agentMessage');
  });

  it('fails the turn after repeated 500s, with the error, once the retries are used up', async () => {
    const fake = await fakeModel([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    const w = await world(h, fake); // the harness allows 2 retries
    const { completed } = await runTurn(w, 'hi');
    const turn = (completed.params as Completed).turn;
    expect(turn.status).toBe('failed');
    expect(turn.error?.message).toMatch(/500/);
    expect(fake.modelCalls).toHaveLength(3);
    const errors = w.client.notifications('error').map((m) => (m.params as { willRetry: boolean }).willRetry);
    expect(errors).toEqual([true, true, false]);
  });

  it('fails the turn on an unreachable endpoint with what to check', async () => {
    const fake = await fakeModel([]);
    const w = await world(h, fake, {}, { modelEnv: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    const { completed } = await runTurn(w, 'hi');
    const turn = (completed.params as Completed).turn;
    expect(turn.status).toBe('failed');
    expect(turn.error?.message).toMatch(
      /Could not reach the model endpoint at http:\/\/127\.0\.0\.1:9\/v1.*OPENAI_BASE_URL/,
    );
  });

  it('keeps what completed before a stream was cut, and never runs a started tool call twice', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'echo ran >> runs.txt' },
            callId: 'call_once',
          },
        ],
      },
      // created, in_progress, then the first message in one delta (5 events), then the second
      // message's start and first delta: the cut comes mid-way through the second message.
      {
        outputs: [
          { type: 'message', text: 'The command ran. Now a long explanation follows here.', chunks: 1 },
          { type: 'message', text: 'never finished', chunks: 3 },
        ],
        cutAfterEvents: 11,
      },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never', sandbox: 'danger-full-access' });
    const { completed } = await runTurn(w, 'run it');
    expect((completed.params as Completed).turn.status).toBe('failed');
    expect(await readFile(join(w.cwd, 'runs.txt'), 'utf8')).toBe('ran\n');
    expect(fake.modelCalls).toHaveLength(2); // a stream that had started is not retried
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    const items = read.thread.turns[0]?.items ?? [];
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'commandExecution', 'agentMessage']);
    expect(items.find((i): i is Extract<ThreadItem, { type: 'agentMessage' }> => i.type === 'agentMessage')?.text).toBe(
      'The command ran. Now a long explanation follows here.',
    );
    expect(read.thread.turns[0]?.status).toBe('failed');
  });
});

describe('interrupt', () => {
  it('stops a streaming model promptly; no delta arrives after turn/completed', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'word '.repeat(200) }], eventDelayMs: 5, hangAfterEvents: 40 },
    ]);
    const w = await world(h, fake);
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'talk' }],
    });
    await w.client.waitFor((m) => m.method === 'item/agentMessage/delta');
    await expect(w.client.request('turn/interrupt', { threadId: w.threadId, turnId: turn.id })).resolves.toEqual({});
    const done = await w.client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((done.params as Completed).turn.status).toBe('interrupted');
    await fake.waitForClientAborts(1);
    await new Promise((r) => setTimeout(r, 100));
    const after = w.client.received.slice(w.client.received.indexOf(done) + 1);
    expect(after.filter((m) => m.method?.startsWith('item/'))).toEqual([]);
    // A half-streamed message gets no item/completed (as in Codex).
    expect(sequence(w.client, turn.id)).not.toContain('item/completed:agentMessage');
  });

  it('kills the running command’s whole process group and leaves no orphan', async () => {
    // Unique arguments: the command's pids may be its PID namespace's own, so the processes are
    // found by what they run.
    const [a, b] = [0, 1].map(() => String(300_000 + Math.floor(Math.random() * 99_999)));
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: `(sleep ${a} & echo $! > child.pid; wait) & echo $! > sub.pid; sleep ${b}` },
            callId: 'call_sleep',
          },
        ],
      },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never', sandbox: 'danger-full-access' });
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'wait' }],
    });
    await w.client.waitFor(
      (m) => m.method === 'item/started' && (m.params as { item: { type: string } }).item.type === 'commandExecution',
    );
    await expect
      .poll(async () => (await readFile(join(w.cwd, 'child.pid'), 'utf8').catch(() => '')).trim())
      .not.toBe('');
    const readFileSafe = (path: string): string => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    };
    const running = (arg: string): number[] =>
      readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p) && readFileSafe(`/proc/${p}/cmdline`).split('\0').includes(arg))
        .map(Number);
    // Both sleeps found on the machine before the interrupt.
    await expect.poll(() => [running(a ?? '').length, running(b ?? '').length]).toEqual([1, 1]);
    const pids = [...running(a ?? ''), ...running(b ?? '')];
    await w.client.request('turn/interrupt', { threadId: w.threadId, turnId: turn.id });
    const done = await w.client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((done.params as Completed).turn.status).toBe('interrupted');
    // A killed process nobody has reaped yet is a zombie: dead, though kill(pid, 0) still succeeds.
    const alive = (pid: number): boolean => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
      } catch {
        return false;
      }
    };
    await expect.poll(() => pids.filter(alive)).toEqual([]);
  });

  it('answers turn/steer by feeding the input to the running turn', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'Working on the first request slowly.' }], eventDelayMs: 30 },
      { outputs: [{ type: 'message', text: 'Also handled the steer.' }] },
    ]);
    const w = await world(h, fake);
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'first' }],
    });
    await w.client.waitFor((m) => m.method === 'item/agentMessage/delta');
    await expect(
      w.client.request('turn/steer', {
        threadId: w.threadId,
        expectedTurnId: turn.id,
        input: [{ type: 'text', text: 'also this' }],
      }),
    ).resolves.toEqual({ turnId: turn.id });
    const done = await w.client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((done.params as Completed).turn.status).toBe('completed');
    expect(fake.modelCalls).toHaveLength(2);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('also this');
    const users = w.client.received.filter(
      (m) => m.method === 'item/completed' && (m.params as { item: { type: string } }).item.type === 'userMessage',
    );
    expect(users).toHaveLength(2);
    await expect(
      w.client.request('turn/steer', {
        threadId: w.threadId,
        expectedTurnId: turn.id,
        input: [{ type: 'text', text: 'late' }],
      }),
    ).rejects.toMatchObject({
      data: { reason: 'noActiveTurn' },
    });
  });
});
