/**
 * A real third-party client written for Codex drives Tandem unchanged: the npm package
 * `ai-sdk-provider-codex-app-server` (a Vercel AI SDK provider) spawns `codex app-server` from
 * PATH. `tandem install-codex-shim` (run through the built CLI) puts Tandem there as `codex`, and
 * the provider's generateText / streamText / resume / listModels complete against the fake model.
 */
import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateText, streamText } from 'ai';
import { createCodexAppServer, listModels, type Logger } from 'ai-sdk-provider-codex-app-server';
import { describe, expect, it } from 'vitest';
import { CODEX_PROTOCOL_VERSION } from '../../protocol/codex-version';
import type { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { CLI } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

/** `tandem install-codex-shim ARGS` through the built CLI. */
const installShim = (args: string[], PATH = process.env.PATH ?? '') =>
  spawnSync(process.execPath, [CLI, 'install-codex-shim', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH },
  });

/** A folder with Tandem's `codex` in it, and the environment that puts it first on PATH. */
async function codexOnPath(fake: FakeOpenAI): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await h.tempDir('codex-shim-');
  const PATH = `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  const r = installShim(['--dir', dir], PATH);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return {
    dir,
    env: {
      PATH,
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-third-party',
    },
  };
}

/** The provider's log, kept for a failing test's message. */
function logger(lines: string[]): Logger {
  const keep = (level: string) => (msg: string) => void lines.push(`${level} ${msg}`);
  return { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

const say = (text: string) => ({ outputs: [{ type: 'message' as const, text }] });

describe('install-codex-shim', () => {
  it('writes a `codex` that runs Tandem and answers --version as codex-cli does', async () => {
    const dir = await h.tempDir('codex-shim-');
    const notOnPath = installShim(['--dir', dir]);
    expect(notOnPath.status).toBe(0);
    expect(notOnPath.stdout).toContain(`Installed ${join(dir, 'codex')}`);
    // Installed, but a client would not find it: the install says so.
    expect(notOnPath.stderr).toContain(`${dir} is not on PATH`);
    const version = spawnSync(join(dir, 'codex'), ['--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    // What clients parse (`codex-cli X.Y.Z`), with Tandem named after it.
    expect(version.stdout).toMatch(
      new RegExp(`^codex-cli ${CODEX_PROTOCOL_VERSION.replace(/\./g, '\\.')} \\(Tandem \\S+\\)\\n$`),
    );
    // Installing again replaces its own shim.
    expect(installShim(['--dir', dir]).status).toBe(0);
  });

  it('refuses to replace a `codex` that is not its own unless --force', async () => {
    const dir = await h.tempDir('codex-shim-');
    const real = join(dir, 'codex');
    await writeFile(real, '#!/bin/sh\necho the real codex\n');
    await chmod(real, 0o755);
    const refused = installShim(['--dir', dir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not Tandem's; pass --force/);
    expect(await readFile(real, 'utf8')).toContain('the real codex');
    // A `codex` earlier on PATH would win over the shim: the install says so.
    const shimDir = await h.tempDir('codex-shim-');
    const shadowed = installShim(['--dir', shimDir], `${dir}:${shimDir}`);
    expect(shadowed.stderr).toContain(`${real} comes first on PATH`);
    expect(installShim(['--dir', dir, '--force']).status).toBe(0);
    expect(spawnSync(real, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^codex-cli /);
  });
});

describe('ai-sdk-provider-codex-app-server against Tandem as `codex`', () => {
  it('completes generateText, then streamText in the same thread, then a resumed thread', async () => {
    const fake = await fakeModel((_req: never, i: number) =>
      say(['Hello from Tandem.', 'Streamed answer here.', 'Resumed fine.'][i] ?? 'extra'),
    );
    const { env } = await codexOnPath(fake);
    const lines: string[] = [];
    let threadId = '';
    const provider = createCodexAppServer({
      defaultSettings: {
        env,
        logger: logger(lines),
        cwd: await h.tempDir(),
        onSessionCreated: (session) => (threadId = session.threadId),
      },
    });
    const model = provider('gpt-5.5');
    try {
      const first = await generateText({ model, system: 'Be brief.', prompt: 'Say hello.' });
      expect(first.text, lines.join('\n')).toBe('Hello from Tandem.');
      expect(first.finishReason).toBe('stop');
      expect(threadId).toMatch(/^[0-9a-f-]{36}$/);
      // The system prompt went in as the thread's developer instructions, and reached the model.
      // (A developer-role message in the input, where Codex puts developer instructions.)
      expect(JSON.stringify((fake.modelCalls[0]!.body as { input: unknown[] }).input)).toMatch(
        /"role":"developer".*Be brief\./,
      );

      const streamed = streamText({ model, prompt: 'Stream something.' });
      let text = '';
      for await (const delta of streamed.textStream) text += delta;
      expect(text).toBe('Streamed answer here.');
      // The same thread: the second model call carries the first exchange.
      expect(JSON.stringify(fake.modelCalls[1]!.body)).toContain('Hello from Tandem.');
    } finally {
      model.dispose();
    }

    // A new provider process resuming the thread by id.
    const resumer = createCodexAppServer({ defaultSettings: { env, logger: logger(lines), resume: threadId } });
    const resumed = resumer('gpt-5.5');
    try {
      const third = await generateText({ model: resumed, prompt: 'Still there?' });
      expect(third.text, lines.join('\n')).toBe('Resumed fine.');
      const body = JSON.stringify(fake.modelCalls[2]!.body);
      expect(body).toContain('Hello from Tandem.');
      expect(body).toContain('Streamed answer here.');
    } finally {
      resumed.dispose();
    }
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
    // It was Tandem answering: its model calls carry the key Tandem was given.
    expect(fake.modelCalls.map((c) => c.headers.authorization)).toEqual(Array(3).fill('Bearer sk-third-party'));
    if (process.env.SHOW_PROVIDER_LOG) console.log(lines.join('\n'));
  });

  it("lists models through the provider's listModels, with Tandem's default marked", async () => {
    const fake = await fakeModel([]);
    const { env } = await codexOnPath(fake);
    const { models, defaultModel } = await listModels({ env });
    expect(models.map((m) => m.id)).toEqual(['gpt-5.5', 'gpt-test']);
    expect(defaultModel?.id).toBe('gpt-5.5');
  });
});
