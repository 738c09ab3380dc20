/**
 * The built CLI introduces itself as `codex app-server` does: initialize's `userAgent` in Codex's
 * form with the Codex protocol version (clients compare it with a minimum), Tandem's own version
 * in `tandem`; and its help and version lines.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { CODEX_PROTOCOL_VERSION } from '../../protocol/codex-version';
import { codexBinary, spawnCodex } from '../helpers/codex-peer';
import { useHarness } from '../helpers/harness';
import { CLI, type StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const codex = codexBinary();

/** `<originator>/<version> (<os>; <arch>) <terminal> (<client>; <client version>)`, as Codex writes it. */
const USER_AGENT = /^([^/\s]+)\/(\d+\.\d+\.\d+) \(([^;()]+); ([^;()]+)\) (\S+) \(([^;()]+); ([^;()]+)\)$/;

async function userAgentOf(client: StdioClient): Promise<{ userAgent: string; tandem?: unknown }> {
  const r = await client.requestRaw({
    id: 1,
    method: 'initialize',
    params: { clientInfo: { name: 'ua_probe', title: 'UA probe', version: '4.5.6' } },
  });
  return r.result as { userAgent: string; tandem?: unknown };
}

describe('initialize through the built CLI', () => {
  it("answers userAgent in Codex's form, carrying the Codex protocol version, and Tandem's in `tandem`", async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-'), TERM: 'xterm-256color', TERM_PROGRAM: '' });
    const result = await userAgentOf(client);
    const m = USER_AGENT.exec(result.userAgent);
    expect(m, result.userAgent).not.toBeNull();
    expect(m!.slice(1, 3)).toEqual(['tandem', CODEX_PROTOCOL_VERSION]);
    expect(m![5]).toBe('xterm-256color');
    expect(m!.slice(6)).toEqual(['ua_probe', '4.5.6']);
    expect(result.tandem).toEqual({ version, codexProtocolVersion: CODEX_PROTOCOL_VERSION });
  });

  it.skipIf(!codex)('has the same shape as the real Codex 0.169.0 answer on this machine', async () => {
    const fake = await fakeModel([]);
    const peer = await spawnCodex(codex ?? '', fake.baseURL);
    try {
      const theirs = USER_AGENT.exec((await userAgentOf(peer)).userAgent);
      const ours = USER_AGENT.exec(
        (await userAgentOf(h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') }))).userAgent,
      );
      expect(theirs).not.toBeNull();
      expect(ours).not.toBeNull();
      // Same version, same platform part, same client part; the originator is Tandem's (Codex's is the client's name).
      expect(ours![2]).toBe(theirs![2]);
      expect(ours!.slice(3, 5)).toEqual(theirs!.slice(3, 5));
      expect(ours!.slice(6)).toEqual(theirs!.slice(6));
    } finally {
      await peer.close();
    }
  });
});

describe('help and version', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

  it('prints app-server help listing Codex options and the generators', () => {
    for (const args of [['app-server', '--help'], ['--help']]) {
      const r = run(args);
      expect(r.status).toBe(0);
      for (const option of [
        '-c, --config key=value',
        '--enable FEATURE',
        '--analytics-default-enabled',
        'generate-ts',
        'install-codex-shim',
      ])
        expect(r.stdout).toContain(option);
    }
  });

  it("prints Tandem's version as tandem, and the codex-cli line only as codex", () => {
    expect(run(['--version']).stdout).toBe(`${version}\n`);
    expect(run(['--invoked-as=codex', '--version']).stdout).toBe(
      `codex-cli ${CODEX_PROTOCOL_VERSION} (Tandem ${version})\n`,
    );
  });
});
