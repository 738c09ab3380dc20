/**
 * The read-only classifier in the SHIPPED CLI: out/cli/tandem.cjs runs its bundle from the V8
 * code cache the build primed, and there (on Node 20) a dynamic import() in the bundle throws.
 * Plain read-only commands must run unasked under `untrusted`; anything else still asks; and a
 * classifier that cannot load is an error in the log, never a silent "not read-only".
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_FAULT, useHarness } from '../helpers/harness';
import { CLI, spawnServer } from '../helpers/test-client';
import { cliTurn, commandStatuses, done, execCall } from '../helpers/cli-turns';
import { readOrNull, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const DIR = join(CLI, '..');

async function theCache(): Promise<Buffer> {
  const names = (await readdir(DIR)).filter((f) => /^tandem-main\.cjs\..*\.cache$/.test(f));
  expect(names, 'the build primed exactly one code cache').toHaveLength(1);
  return readFile(join(DIR, names[0] ?? ''));
}

describe('the read-only classifier in the built CLI (with its code cache)', () => {
  it('runs ls, cat and git status unasked under untrusted, and still asks for ls; rm x', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    execFileSync('git', ['init', '-q'], { cwd });
    await writeFile(join(cwd, 'file.txt'), 'contents\n');
    await writeFile(join(cwd, 'x'), 'keep me\n');
    const cache = await theCache();
    const commands = ['ls', 'cat file.txt', 'git status', 'ls; rm x'];
    const fake = await fakeModel([...commands.map((c, i) => execCall(`c${i}`, c)), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });

    expect(turn.stderr, 'the server logged no error').not.toMatch(/error/i);
    expect(turn.asked.map((a) => a.params.command)).toEqual(['ls; rm x']);
    expect(commandStatuses(turn.items)).toEqual({
      ls: 'completed',
      'cat file.txt': 'completed',
      'git status': 'completed',
      'ls; rm x': 'declined',
    });
    const outputs = fake.modelCalls.map((c) => JSON.stringify(c.body));
    expect(outputs[2]).toContain('contents');
    expect(await readOrNull(join(cwd, 'x'))).toBe('keep me\n');
    // The run used the cache as the build left it (a rejected cache would have been rewritten).
    expect((await theCache()).equals(cache)).toBe(true);
  });
});

describe('a built CLI whose classifier cannot load', () => {
  it('logs an error and asks, rather than failing closed in silence', async () => {
    // A copy of the built CLI without the bash grammar, outside the project so that node_modules
    // is out of reach: the parser cannot load.
    const dir = await h.tempDir('tandem-cli-broken-');
    for (const f of await readdir(DIR)) if (f !== 'tree-sitter-bash.wasm') await copyFile(join(DIR, f), join(dir, f));
    const cwd = await h.tempDir('tandem-ws-');
    const fake = await fakeModel([execCall('c0', 'ls'), done]);
    const client = spawnServer(process.execPath, [join(dir, 'tandem.cjs'), 'app-server'], {
      ...process.env,
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-cli-test',
    });
    try {
      const asked: unknown[] = [];
      client.onServerRequest = (_m, p) => {
        asked.push((p as { command?: string }).command);
        return { decision: 'decline' };
      };
      await client.initialize();
      const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'untrusted' });
      await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
      await client.notification('turn/completed');
      expect(asked).toEqual(['ls']);
      expect(client.stderr.join('')).toMatch(
        new RegExp(`\\[tandem\\] error: ${CLASSIFIER_FAULT}.*tree-sitter-bash\\.wasm`),
      );
      expect(client.schemaProblems).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
