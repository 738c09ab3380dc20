/**
 * Unbounded strings against the built CLI: an 8 MiB model name (which grew threads/index.jsonl
 * to 408 MiB), cwd, text input, instructions, a config value and settings are each refused with
 * a clear -32602 naming the field, nothing of them is stored, and the server keeps working.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import type { TestClient } from '../helpers/test-client';

const h = useHarness();
const MiB = 1024 * 1024;
const huge = (bytes: number): string => 'm'.repeat(bytes);

async function refused(
  client: TestClient,
  method: Parameters<TestClient['request']>[0],
  params: Record<string, unknown>,
  field: RegExp,
): Promise<void> {
  const error = await client.request(method, params).then(
    () => undefined,
    (e: unknown) => e as { code: number; message: string },
  );
  expect(error, `${method} with ${field.source}`).toMatchObject({ code: -32602 });
  expect(error?.message).toMatch(field);
  expect(error?.message).toMatch(/characters long; the limit is \d+/);
  // The message names the field; it does not echo the string back.
  expect(error?.message.length).toBeLessThan(1000);
}

describe('unbounded strings', () => {
  it('are refused with -32602 naming the field, and nothing of them reaches the thread index or settings', async () => {
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir('tandem-ws-');
    // No key: the turn below fails at once, without a network call.
    const client = h.stdio({ TANDEM_HOME: home, OPENAI_API_KEY: '' });
    await client.initialize();
    await refused(client, 'thread/start', { cwd, model: huge(8 * MiB) }, /params\.model is 8388608/);
    await refused(client, 'thread/start', { cwd: `/${huge(2 * MiB)}` }, /params\.cwd/);
    await refused(
      client,
      'thread/start',
      { cwd, developerInstructions: huge(2 * MiB) },
      /params\.developerInstructions/,
    );
    await refused(
      client,
      'thread/start',
      { cwd, config: { deep: { value: huge(1 * MiB) } } },
      /params\.config\.deep\.value/,
    );
    const { thread } = await client.request('thread/start', { cwd });
    await refused(
      client,
      'turn/start',
      { threadId: thread.id, model: huge(8 * MiB), input: [{ type: 'text', text: 'hi' }] },
      /params\.model/,
    );
    await refused(
      client,
      'turn/start',
      { threadId: thread.id, input: [{ type: 'text', text: huge(5 * MiB) }] },
      /params\.input\[0\]\.text/,
    );
    await refused(client, 'thread/name/set', { threadId: thread.id, name: huge(1 * MiB) }, /params\.name/);
    await refused(client, 'tandem/settings/write', { model: huge(8 * MiB) }, /params\.model/);
    // A 1 MiB text input is within its limit (the turn itself fails: no key is set).
    await expect(
      client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: huge(1 * MiB) }] }),
    ).resolves.toMatchObject({ turn: {} });
    await client.notification('turn/completed');
    // Normal requests still work, and nothing big was stored in the index or settings.
    expect((await client.request('thread/list', {})).data.map((t) => t.id)).toEqual([thread.id]);
    expect((await stat(join(home, 'threads', 'index.jsonl'))).size).toBeLessThan(64 * 1024);
    expect((await stat(join(home, 'settings.json')).catch(() => ({ size: 0 }))).size).toBeLessThan(64 * 1024);
  }, 60_000);
});
