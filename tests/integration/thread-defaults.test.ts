/**
 * Through the built CLI (`out/cli/tandem.cjs` over stdio): the defaults saved in Settings are what
 * a new thread runs with when `thread/start` leaves them out (issue 9, item 3).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describe('saved defaults for new threads (built CLI)', () => {
  it('thread/start without a policy or sandbox answers the saved ones, and the turn runs by them', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'touch made-by-agent.txt' },
            callId: 'call_touch',
          },
        ],
      },
      { outputs: [{ type: 'message', text: 'Declined, so nothing was made.' }] },
    ]);
    const cwd = await h.tempDir('tandem-ws-');
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-defaults',
    });
    await client.initialize();
    await client.request('tandem/settings/write', { approvalPolicy: 'untrusted', sandbox: 'read-only' });

    const started = await client.request('thread/start', { cwd });
    expect(started.approvalPolicy).toBe('untrusted');
    expect(started.sandbox).toMatchObject({ type: 'readOnly' });
    const resumed = await client.request('thread/resume', { threadId: started.thread.id });
    expect(resumed.approvalPolicy).toBe('untrusted');
    expect(resumed.sandbox).toMatchObject({ type: 'readOnly' });

    // Under `untrusted` a command that writes is asked about first; declined, it never runs.
    const asked: string[] = [];
    client.onServerRequest = (method) => {
      asked.push(method);
      return { decision: 'decline' };
    };
    const { turn } = await client.request('turn/start', {
      threadId: started.thread.id,
      input: [{ type: 'text', text: 'make a file' }],
    });
    const done = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((done.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(asked).toEqual(['item/commandExecution/requestApproval']);
    expect(existsSync(join(cwd, 'made-by-agent.txt'))).toBe(false);

    // Saved again: the next thread takes the new defaults without a restart.
    await client.request('tandem/settings/write', { approvalPolicy: 'never', sandbox: 'danger-full-access' });
    const next = await client.request('thread/start', { cwd });
    expect(next.approvalPolicy).toBe('never');
    expect(next.sandbox).toMatchObject({ type: 'dangerFullAccess' });
    // A client's own choice still wins over the defaults.
    const chosen = await client.request('thread/start', {
      cwd,
      approvalPolicy: 'on-request',
      sandbox: 'workspace-write',
    });
    expect(chosen.approvalPolicy).toBe('on-request');
    expect(chosen.sandbox).toMatchObject({ type: 'workspaceWrite' });
  });

  it('model/list marks the model saved in Settings as the default', async () => {
    const fake = await fakeModel([]);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-defaults',
    });
    await client.initialize();
    await client.request('tandem/settings/write', { model: 'gpt-test' });
    const models = await client.request('model/list', {});
    expect(models.data.filter((m) => m.isDefault).map((m) => m.id)).toEqual(['gpt-test']);
  });
});
