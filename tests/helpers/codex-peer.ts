/**
 * The real Codex app-server as a reference peer (../shared/design/CODEX-PEER.md): found via
 * CODEX_BIN or `.bench/codex` (installed by `npm run codex-peer`), pointed at a fake model on
 * loopback, with everything that reaches for the network turned off.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnServer, type StdioClient } from './test-client';

const ROOT = join(import.meta.dirname, '..', '..');

export function codexBinary(): string | undefined {
  const candidates = [process.env.CODEX_BIN, join(ROOT, '.bench', 'codex', 'node_modules', '.bin', 'codex')];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** A Codex home for one run, and the environment to start Codex in it. */
export interface CodexHome {
  home: string;
  env: Record<string, string>;
}

/**
 * Prepare a Codex home pointed at `baseURL`. It lives under the project (not the system temp
 * folder, where Codex skips its helpers and never sends turn/diff/updated).
 */
export async function prepareCodexHome(baseURL: string, tag: string, model = 'gpt-5.5'): Promise<CodexHome> {
  const home = join(ROOT, '.bench', 'codex-home', `${tag}-${process.pid}-${Date.now()}`);
  const codexHome = join(home, 'codex');
  const userHome = join(home, 'user');
  await mkdir(codexHome, { recursive: true });
  await mkdir(userHome, { recursive: true });
  await writeFile(
    join(codexHome, 'config.toml'),
    `model = "${model}"
model_provider = "fake"
check_for_update_on_startup = false

[model_providers.fake]
name = "fake"
base_url = "${baseURL}"
wire_api = "responses"
env_key = "FAKE_OPENAI_KEY"
request_max_retries = 0
stream_max_retries = 0

[analytics]
enabled = false

[feedback]
enabled = false

[features]
plugins = false
remote_plugin = false
`,
  );
  return {
    home,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: userHome,
      CODEX_HOME: codexHome,
      FAKE_OPENAI_KEY: 'test-key',
    },
  };
}

/** Spawn `codex app-server` against `baseURL`, with a schema-checking test client. */
export async function spawnCodex(
  binary: string,
  baseURL: string,
  model = 'gpt-5.5',
): Promise<StdioClient & { home: string }> {
  const { home, env } = await prepareCodexHome(baseURL, 'test', model);
  const client = spawnServer(binary, ['app-server'], env) as StdioClient & { home: string };
  client.home = home;
  return client;
}
