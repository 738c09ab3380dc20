/**
 * The two servers under test, each launched fresh per run with its own home, user HOME and
 * workspace, all removed by `cleanup`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { prepareCodexHome } from '../tests/helpers/codex-peer';
import { INITIAL_FILES } from '../tests/helpers/scenario';
import { JsonlClient } from './jsonl-client';
import { servingPid } from './proc';

/** The project root: the nearest folder up with a package.json (works from bench/ and out/bench/). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
export const ROOT = findRoot(import.meta.dirname);
const TANDEM_CLI = join(ROOT, 'out', 'cli', 'tandem.cjs');

export interface Peer {
  name: 'Tandem' | 'Codex';
  /** Spawns the server; `servingPid` is resolved after initialize (the Codex wrapper spawns its binary). */
  launch(baseURL: string): Promise<Launched>;
}

interface Launched {
  client: JsonlClient;
  /** A fresh workspace holding INITIAL_FILES. */
  cwd: string;
  /** The pid whose memory counts; valid once the server has answered initialize. */
  memoryPid(): number;
  cleanup(): Promise<void>;
}

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-ws-'));
  for (const [path, text] of Object.entries(INITIAL_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

function launched(client: JsonlClient, cwd: string, dirs: string[], resolvePid: (pid: number) => number): Launched {
  let memory: number | undefined;
  return {
    client,
    cwd,
    memoryPid: () => (memory ??= resolvePid(client.child.pid ?? -1)),
    cleanup: async () => {
      await client.close();
      await Promise.all([cwd, ...dirs].map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

export const tandem: Peer = {
  name: 'Tandem',
  async launch(baseURL) {
    const home = await mkdtemp(join(tmpdir(), 'tandem-bench-home-'));
    await mkdir(join(home, 'user'));
    const cwd = await workspace();
    // The same minimal environment Codex gets: an empty HOME keeps login profiles out of commands.
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(home, 'user'),
      TANDEM_HOME: join(home, 'tandem'),
      OPENAI_BASE_URL: baseURL,
      OPENAI_API_KEY: 'test-key',
    };
    const client = new JsonlClient(process.execPath, [TANDEM_CLI, 'app-server'], env);
    return launched(client, cwd, [home], (pid) => pid);
  },
};

/**
 * Codex per ../shared/design/CODEX-PEER.md, in a home prepared as the tests do, but driven by the
 * lean JSONL client (the tests' client checks every message against the schema: too slow to
 * measure throughput with).
 */
export function codex(binary: string): Peer {
  return {
    name: 'Codex',
    async launch(baseURL) {
      const { home, env } = await prepareCodexHome(baseURL, 'bench');
      const cwd = await workspace();
      const client = new JsonlClient(binary, ['app-server'], env);
      return launched(client, cwd, [home], servingPid);
    },
  };
}
