/** The settings screen's methods: read, write (key stored 0600, never sent back), test the connection. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { runTurn, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describe('settings', () => {
  it('saves settings that the next thread and turn use, keeping the key out of every answer', async () => {
    const fake = await fakeModel([{ outputs: [{ type: 'message', text: 'hi' }] }]);
    const w = await world(h, fake, {}, { modelEnv: {} });
    expect(await w.client.request('tandem/settings/read', {})).toMatchObject({
      apiKey: 'missing',
      wireApi: 'responses',
    });
    const saved = await w.client.request('tandem/settings/write', {
      baseUrl: fake.baseURL,
      apiKey: 'sk-saved-in-settings',
      wireApi: 'chat',
      approvalPolicy: 'never',
      model: 'gpt-test',
    });
    expect(saved).toEqual({
      baseUrl: fake.baseURL,
      model: 'gpt-test',
      wireApi: 'chat',
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
      apiKey: 'stored',
      engine: { kind: 'builtin' },
    });
    const file = join(w.server.options.home, 'settings.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ apiKey: 'sk-saved-in-settings' });
    for (const m of w.client.received) expect(JSON.stringify(m)).not.toContain('sk-saved-in-settings');

    const test = await w.client.request('tandem/settings/testConnection', {});
    expect(test).toMatchObject({ ok: true, models: ['gpt-5.5', 'gpt-test'] });
    const { thread } = await w.client.request('thread/start', { cwd: w.cwd });
    expect(thread.model).toBe('gpt-test');
    const { completed } = await runTurn({ ...w, threadId: thread.id }, 'hello');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(fake.modelCalls[0]).toMatchObject({
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-saved-in-settings' },
    });

    await w.client.request('tandem/settings/write', { apiKey: null });
    expect((await w.client.request('tandem/settings/read', {})).apiKey).toBe('missing');
  });

  it('reports what an unreachable endpoint answered', async () => {
    const fake = await fakeModel([]);
    const w = await world(h, fake);
    await w.client.request('tandem/settings/write', { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' });
    const test = await w.client.request('tandem/settings/testConnection', {});
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/Could not reach the model endpoint at http:\/\/127\.0\.0\.1:9\/v1/);
  });

  it('refuses a base URL that is not a URL, changing nothing', async () => {
    const fake = await fakeModel([]);
    const w = await world(h, fake);
    await expect(w.client.request('tandem/settings/write', { baseUrl: 'not a url' })).rejects.toMatchObject({
      code: -32602,
    });
    expect((await w.client.request('tandem/settings/read', {})).baseUrl).toBeNull();
  });
});
