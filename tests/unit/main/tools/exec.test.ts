import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type ExecOptions } from '../../../../main/tools/exec';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'tandem-exec-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

const opts = (command: string, extra: Partial<ExecOptions> = {}): ExecOptions => ({
  command,
  cwd,
  timeoutMs: 10_000,
  sandbox: { mode: 'danger-full-access', writableRoots: [cwd], hidden: [] },
  signal: new AbortController().signal,
  onOutput: () => {},
  ...extra,
});

describe('runCommand', () => {
  it('streams stdout and stderr as they come and reports the exit code', async () => {
    const chunks: string[] = [];
    const r = await runCommand(opts('echo one; echo two >&2; exit 3', { onOutput: (t) => chunks.push(t) }));
    expect(r.exitCode).toBe(3);
    expect(chunks.join('')).toContain('one');
    expect(r.output).toContain('one\n');
    expect(r.output).toContain('two\n');
  });

  it('kills the whole group on timeout', async () => {
    const r = await runCommand(opts('sleep 30 & sleep 30', { timeoutMs: 300 }));
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('returns promptly when the shell exits even if a background child holds the pipes', async () => {
    const r = await runCommand(opts('(sleep 30 &) ; echo quick'));
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('quick\n');
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('never hands the API key or the WebSocket token to commands, only allowed names', async () => {
    const env = {
      ...process.env,
      OPENAI_API_KEY: 'sk-secret',
      TANDEM_WS_TOKEN: 'tok',
      AZURE_OPENAI_API_KEY: 'az',
      GH_TOKEN: 'gh',
      DATABASE_URL: 'db',
      VISIBLE: 'yes',
      MY_A: 'a',
      MY_B: 'b',
    };
    const r = await runCommand(
      opts(
        'echo "[$OPENAI_API_KEY][$TANDEM_WS_TOKEN][$AZURE_OPENAI_API_KEY][$GH_TOKEN][$DATABASE_URL][$VISIBLE][$MY_A$MY_B][${PATH:+path}]"',
        { env, allowEnv: ['VISIBLE', 'MY_*'] },
      ),
    );
    expect(r.output).toBe('[][][][][][yes][ab][path]\n');
  });

  it('lets a command stopped by timeout finish on SIGTERM first, inside the sandbox too', async () => {
    for (const mode of ['danger-full-access', 'workspace-write'] as const) {
      const file = join(cwd, `trapped-${mode}.txt`);
      const r = await runCommand(
        opts(`trap "echo bye > ${file}; exit 1" TERM; sleep 30 & wait`, {
          timeoutMs: 1000,
          sandbox: { mode, writableRoots: [cwd], hidden: [] },
        }),
      );
      expect(r.timedOut, mode).toBe(true);
      expect(existsSync(file), mode).toBe(true);
    }
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await runCommand(opts('sleep 30', { signal: controller.signal }));
    expect(r.aborted).toBe(true);
  });
});
