/**
 * A client written the way a third-party Codex client is (an editor integration, a bot): it knows
 * only the Codex app-server protocol. It finds `codex` on PATH, refuses a Codex older than 0.169.0
 * (from `codex --version` and from initialize's `userAgent`), spawns `codex app-server`, and drives
 * threads, approvals, structured output and resume. Every message the server sends is checked
 * against Codex 0.169.0's JSON Schema, and nothing in here knows which server answers.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { checkCodexServerRequest, checkError, checkNotification, checkResult } from './codex-schema';

/** The oldest Codex this client works with. */
const MINIMUM_CODEX = '0.169.0';

export interface CodexStyleClientOptions {
  /** The environment `codex` runs in; its PATH decides which `codex` answers. */
  env: Record<string, string>;
  /** The project folder the threads work in. */
  cwd: string;
  developerInstructions: string;
  /** The first turn's prompt (the model is expected to run a command and patch a file). */
  firstPrompt: string;
  /** The second turn's prompt, answered under `outputSchema`. */
  structuredPrompt: string;
  outputSchema: Record<string, unknown>;
}

interface Message {
  id?: string | number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

interface Item {
  type: string;
  id: string;
  status?: string;
  text?: string;
  exitCode?: number | null;
  command?: string;
  changes?: Array<{ path: string }>;
}

interface Turn {
  id: string;
  status: string;
  items?: Item[];
}

/** What the client saw, for comparing one server with another. */
export interface CodexStyleOutcome {
  cliVersion: string;
  userAgentVersion: string;
  threadId: string;
  /** Server requests answered, in order (method names). */
  approvals: string[];
  /** The params of each, as the client got them. */
  approvalParams: Array<Record<string, unknown>>;
  /** `turn/completed`'s items of each turn (what a client shows without asking for more). */
  completedItems: string[][];
  /** The thread as thread/list shows it. */
  listedThread: Record<string, unknown> | undefined;
  /** Item types of each turn from thread/turns/list and thread/read after resume. */
  turnsListItems: string[][];
  readItems: string[][];
  readGitInfo: unknown;
  /** thread/loaded/list after resume names the thread. */
  loaded: boolean;
  /** Item types of thread/items/list's first page (oldest first). */
  itemsList: string[];
  /** Skill names skills/list finds for the project. */
  skills: string[];
  providers: number;
  /** Every notification's method, in order, from the first process and then the resuming one. */
  notifications: string[];
  /**
   * The token usage the resuming process was told: for the last turn, the same total the first
   * process last reported (a client shows it as the thread's context use).
   */
  resumeUsage: { lastTurn: boolean; sameTotal: boolean } | null;
  /** Turns the thread/resume answer carried. */
  resumeTurns: number;
  /** Each agent message's streamed deltas joined, beside its final text. */
  streamedMessages: Array<{ streamed: string; text: string | undefined }>;
  firstTurn: { status: string; items: Array<{ type: string; status?: string; exitCode?: number | null }> };
  commandOutput: string;
  changedPaths: string[];
  structured: unknown;
  structuredTurnStatus: string;
  listed: boolean;
  resumedThreadId: string;
  /** Turn ids from thread/turns/list after resume, oldest first. */
  turnsAfterResume: string[];
  /** Turn ids seen live, oldest first. */
  turnsLive: string[];
  readTurns: number;
  models: string[];
  configModel: unknown;
  account: unknown;
  /** Every message that did not validate against Codex's schema (must be empty). */
  schemaProblems: string[];
  stderr: string;
}

/** a < b for dotted versions. */
function older(a: string, b: string): boolean {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** `codex-cli 0.169.0` → `0.169.0`; refuses an older or unrecognisable Codex, as clients do. */
function checkedCliVersion(env: Record<string, string>): string {
  const r = spawnSync('codex', ['--version'], { env, encoding: 'utf8' });
  const version = /^codex-cli (\d+\.\d+\.\d+)/.exec(r.stdout ?? '')?.[1];
  if (r.status !== 0 || !version) throw new Error(`codex --version failed: ${r.stdout}${r.stderr}`);
  if (older(version, MINIMUM_CODEX)) throw new Error(`Codex ${version} is older than ${MINIMUM_CODEX}`);
  return version;
}

/** `originator/0.169.0 (os; arch) terminal (client; ver)` → `0.169.0`. */
function userAgentVersion(userAgent: unknown): string {
  const version = typeof userAgent === 'string' ? /^[^/\s]+\/(\d+\.\d+\.\d+)/.exec(userAgent)?.[1] : undefined;
  if (!version) throw new Error(`cannot read a version from userAgent ${String(userAgent)}`);
  if (older(version, MINIMUM_CODEX)) throw new Error(`app-server ${version} is older than ${MINIMUM_CODEX}`);
  return version;
}

/** One `codex app-server` process and a JSON-RPC connection to it. */
class AppServerConnection {
  readonly child: ChildProcessWithoutNullStreams;
  readonly messages: Message[] = [];
  readonly problems: string[] = [];
  readonly stderr: string[] = [];
  /** Answers server requests; an unknown one gets a JSON-RPC error. */
  onRequest: (method: string, params: Record<string, unknown>) => unknown = () => undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private waiters: Array<{ test: (m: Message) => boolean; resolve: (m: Message) => void }> = [];

  constructor(env: Record<string, string>, cwd: string) {
    this.child = spawn('codex', ['app-server'], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.receive(line));
  }

  private receive(line: string): void {
    let m: Message;
    try {
      m = JSON.parse(line) as Message;
    } catch {
      this.problems.push(`not JSON: ${line.slice(0, 200)}`);
      return;
    }
    this.messages.push(m);
    if (m.method !== undefined && m.id !== undefined) {
      this.problems.push(...checkCodexServerRequest({ method: m.method, params: m.params }));
      void this.answer(m.id, m.method, m.params ?? {});
    } else if (m.method !== undefined) {
      this.problems.push(...checkNotification(m as { method: string }));
    } else if (typeof m.id === 'number' && this.pending.has(m.id)) {
      const p = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      if (m.error) {
        this.problems.push(...checkError(m as { id: unknown; error: unknown }));
        p.reject(new Error(`${p.method}: ${m.error.code} ${m.error.message}`));
      } else {
        this.problems.push(...checkResult(p.method, m.result));
        p.resolve(m.result);
      }
    } else this.problems.push(`an answer to no request: ${line.slice(0, 200)}`);
    this.waiters = this.waiters.filter((w) => (w.test(m) ? (w.resolve(m), false) : true));
  }

  private async answer(id: string | number, method: string, params: Record<string, unknown>): Promise<void> {
    const result = await this.onRequest(method, params);
    this.send(
      result === undefined
        ? { id, error: { code: -32601, message: `this client does not handle ${method}` } }
        : { id, result },
    );
  }

  private send(message: object): void {
    this.child.stdin.write(JSON.stringify(message) + '\n');
  }

  request<T>(method: string, params?: object): Promise<T> {
    const id = this.nextId++;
    const answered = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: (v) => resolve(v as T), reject });
    });
    this.send(params === undefined ? { id, method } : { id, method, params });
    return withTimeout(answered, `${method} got no answer`);
  }

  notify(method: string): void {
    this.send({ method });
  }

  /** The first notification (seen or still to come) that `test` accepts. */
  notification(method: string, test: (p: Record<string, unknown>) => boolean = () => true): Promise<Message> {
    const accept = (m: Message) => m.method === method && m.id === undefined && test(m.params ?? {});
    const seen = this.messages.find(accept);
    if (seen) return Promise.resolve(seen);
    return withTimeout(
      new Promise<Message>((resolve) => this.waiters.push({ test: accept, resolve })),
      `no ${method} notification`,
    );
  }

  async initialize(): Promise<string> {
    const result = await this.request<{ userAgent?: unknown }>('initialize', {
      clientInfo: { name: 'codex_style_client', title: 'Codex-style client', version: '1.0.0' },
    });
    this.notify('initialized');
    return userAgentVersion(result.userAgent);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    await once(this.child, 'exit');
  }
}

function withTimeout<T>(p: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const text = (t: string) => ({ type: 'text', text: t, text_elements: [] });

/** Runs a turn to its end; the items completed during it, in order. */
async function runTurn(
  server: AppServerConnection,
  params: Record<string, unknown>,
): Promise<{ turn: Turn; items: Item[] }> {
  const { turn } = await server.request<{ turn: Turn }>('turn/start', params);
  const done = await server.notification('turn/completed', (p) => (p.turn as Turn).id === turn.id);
  const items = server.messages
    .filter((m) => m.method === 'item/completed' && m.params?.turnId === turn.id)
    .map((m) => m.params!.item as Item);
  return { turn: done.params!.turn as Turn, items };
}

interface UsageParams {
  turnId: string;
  tokenUsage: { total: { totalTokens: number } };
}

function usageAfterResume(
  first: AppServerConnection,
  resumer: AppServerConnection,
  lastTurnId: string,
): CodexStyleOutcome['resumeUsage'] {
  const usage = (c: AppServerConnection) =>
    c.messages.filter((m) => m.method === 'thread/tokenUsage/updated').map((m) => m.params as unknown as UsageParams);
  const told = usage(resumer)[0];
  if (!told) return null;
  return {
    lastTurn: told.turnId === lastTurnId,
    sameTotal: told.tokenUsage.total.totalTokens === usage(first).at(-1)?.tokenUsage.total.totalTokens,
  };
}

/** The whole session a Codex client runs, against whatever `codex` PATH finds. */
export async function runCodexStyleClient(o: CodexStyleClientOptions): Promise<CodexStyleOutcome> {
  const cliVersion = checkedCliVersion(o.env);
  const first = new AppServerConnection(o.env, o.cwd);
  const approvals: string[] = [];
  const approvalParams: Array<Record<string, unknown>> = [];
  first.onRequest = (method, params) => {
    approvals.push(method);
    approvalParams.push(params);
    if (method === 'item/commandExecution/requestApproval' || method === 'item/fileChange/requestApproval')
      return { decision: 'accept' };
    return undefined;
  };
  const second = (): AppServerConnection => new AppServerConnection(o.env, o.cwd);
  let resumer: AppServerConnection | undefined;
  try {
    const version = await first.initialize();
    const { thread } = await first.request<{ thread: { id: string } }>('thread/start', {
      cwd: o.cwd,
      approvalPolicy: 'untrusted',
      sandbox: 'workspace-write',
      developerInstructions: o.developerInstructions,
    });
    const one = await runTurn(first, { threadId: thread.id, input: [text(o.firstPrompt)] });
    const command = one.items.find((i) => i.type === 'commandExecution');
    const outputs = first.messages
      .filter((m) => m.method === 'item/commandExecution/outputDelta' && m.params?.itemId === command?.id)
      .map((m) => String(m.params?.delta ?? ''));
    const commandOutput = outputs.length
      ? outputs.join('')
      : String((command as { aggregatedOutput?: string } | undefined)?.aggregatedOutput ?? '');
    const changedPaths = one.items.flatMap((i) =>
      i.type === 'fileChange' ? (i.changes ?? []).map((c) => c.path) : [],
    );

    const two = await runTurn(first, {
      threadId: thread.id,
      input: [text(o.structuredPrompt)],
      outputSchema: o.outputSchema,
    });
    const answer = two.items.filter((i) => i.type === 'agentMessage').at(-1)?.text ?? '';
    const structured: unknown = JSON.parse(answer);

    const listed = await first.request<{ data: Array<{ id: string }> }>('thread/list', {});
    await first.close();

    resumer = second();
    await resumer.initialize();
    const resumed = await resumer.request<{ thread: { id: string; turns: Turn[] } }>('thread/resume', {
      threadId: thread.id,
    });
    const page = await resumer.request<{ data: Turn[] }>('thread/turns/list', {
      threadId: thread.id,
      sortDirection: 'asc',
    });
    const read = await resumer.request<{ thread: { turns: Turn[] } }>('thread/read', {
      threadId: thread.id,
      includeTurns: true,
    });
    const models = await resumer.request<{ data: Array<{ id: string }> }>('model/list', {});
    const config = await resumer.request<{ config: Record<string, unknown> }>('config/read', { cwd: o.cwd });
    const account = await resumer.request<{ account: unknown }>('account/read', {});
    const loaded = await resumer.request<{ data: string[] }>('thread/loaded/list', {});
    const items = await resumer.request<{ data: Array<{ item: Item }> }>('thread/items/list', { threadId: thread.id });
    const skills = await resumer.request<{ data: Array<{ skills: Array<{ name: string }> }> }>('skills/list', {
      cwds: [o.cwd],
    });
    const providers = await resumer.request<{ data: unknown[] }>('modelProvider/list', {});
    await resumer.close();

    return {
      cliVersion,
      userAgentVersion: version,
      threadId: thread.id,
      approvals,
      approvalParams,
      completedItems: [one.turn, two.turn].map((t) => (t.items ?? []).map((i) => i.type)),
      listedThread: listed.data.find((t) => t.id === thread.id),
      turnsListItems: page.data.map((t) => (t.items ?? []).map((i) => i.type)),
      readItems: read.thread.turns.map((t) => (t.items ?? []).map((i) => i.type)),
      readGitInfo: (read.thread as { gitInfo?: unknown }).gitInfo,
      loaded: loaded.data.includes(thread.id),
      itemsList: items.data.map((e) => e.item.type),
      skills: skills.data.flatMap((entry) => entry.skills.map((k) => k.name)),
      providers: providers.data.length,
      notifications: [...first.messages, ...resumer.messages]
        .filter((m) => m.method !== undefined && m.id === undefined)
        .map((m) => m.method!),
      resumeTurns: resumed.thread.turns.length,
      resumeUsage: usageAfterResume(first, resumer, two.turn.id),
      streamedMessages: [one, two].flatMap((t) =>
        t.items
          .filter((i) => i.type === 'agentMessage')
          .map((i) => ({
            streamed: first.messages
              .filter((m) => m.method === 'item/agentMessage/delta' && m.params?.itemId === i.id)
              .map((m) => String(m.params?.delta ?? ''))
              .join(''),
            text: i.text,
          })),
      ),
      firstTurn: {
        status: one.turn.status,
        items: one.items.map((i) => ({ type: i.type, status: i.status, exitCode: i.exitCode })),
      },
      commandOutput,
      changedPaths,
      structured,
      structuredTurnStatus: two.turn.status,
      listed: listed.data.some((t) => t.id === thread.id),
      resumedThreadId: resumed.thread.id,
      turnsAfterResume: page.data.map((t) => t.id),
      turnsLive: [one.turn.id, two.turn.id],
      readTurns: read.thread.turns.length,
      models: models.data.map((m) => m.id),
      configModel: config.config.model,
      account: account.account,
      schemaProblems: [...first.problems, ...resumer.problems],
      stderr: [...first.stderr, ...resumer.stderr].join(''),
    };
  } catch (error) {
    const log = [...first.stderr, ...(resumer?.stderr ?? [])].join('').slice(-4000);
    throw new Error(`${(error as Error).message}\n--- server stderr ---\n${log}`, { cause: error });
  } finally {
    await first.close().catch(() => undefined);
    await resumer?.close().catch(() => undefined);
  }
}
