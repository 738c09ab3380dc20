/**
 * Turns against the BUILT CLI (out/cli/tandem.cjs, with the code cache the build primed) over
 * stdio, on the fake model: what users run, not the source modules.
 */
import type { ThreadItem } from '../../protocol/schema/item';
import type { FakeOpenAI, ScriptedCall } from './fake-openai';
import type { Harness } from './harness';
import type { StdioClient } from './test-client';

/** One exec_command call of the fake model. */
export const execCall = (id: string, cmd: string, extra: Record<string, unknown> = {}): ScriptedCall => ({
  outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd, ...extra }, callId: id }],
});

/** One apply_patch call of the fake model. */
export const patchCall = (id: string, patch: string): ScriptedCall => ({
  outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch, callId: id }],
});

export const done: ScriptedCall = { outputs: [{ type: 'message', text: 'done' }] };

export interface CliTurn {
  client: StdioClient;
  /** Every approval the server asked for, in order: the method and its params. */
  asked: Array<{ method: string; params: Record<string, unknown> }>;
  /** The items the turn completed. */
  items: ThreadItem[];
  /** What the server wrote to stderr (its log). */
  stderr: string;
}

/**
 * Start the built CLI, open a thread in `cwd` with `thread` settings, run one turn to its end,
 * answering every approval with `decide` (decline by default).
 */
export async function cliTurn(
  h: Harness,
  fake: FakeOpenAI,
  cwd: string,
  thread: Record<string, unknown>,
  decide: (method: string, params: Record<string, unknown>) => string = () => 'decline',
  env: Record<string, string> = {},
): Promise<CliTurn> {
  const client = h.stdio({
    TANDEM_HOME: await h.tempDir('tandem-home-'),
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-cli-test',
    ...env,
  });
  const asked: CliTurn['asked'] = [];
  client.onServerRequest = (method, params) => {
    const p = params as Record<string, unknown>;
    asked.push({ method, params: p });
    return { decision: decide(method, p) };
  };
  await client.initialize();
  const { thread: t } = await client.request('thread/start', { cwd, ...thread });
  const { turn } = await client.request('turn/start', { threadId: t.id, input: [{ type: 'text', text: 'go' }] });
  // Several commands, each in its own sandbox, on a shared 2-core machine: allow more than 10 s.
  await client.waitFor(
    (m) => m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === turn.id,
    60_000,
  );
  const items = client.received
    .filter((m) => m.method === 'item/completed')
    .map((m) => (m.params as { item: ThreadItem }).item);
  return { client, asked, items, stderr: client.stderr.join('') };
}

/** The command executions a turn completed, as `command → status`. */
export function commandStatuses(items: ThreadItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of items) if (i.type === 'commandExecution') out[i.command] = i.status;
  return out;
}
