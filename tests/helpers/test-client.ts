/**
 * A raw JSON-RPC test client over any text channel (in-memory pair, a child's stdio, a
 * WebSocket). It speaks the wire directly, so tests can send malformed input too, and it runs
 * every message the server sends through the Codex schema: `schemaProblems` must stay empty.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type {
  ClientRequestMethod,
  ClientRequestParams,
  ClientRequestResult,
  ServerNotificationMethod,
} from '../../protocol/methods';
import { checkServerMessage } from './codex-schema';
import { MessageWaiters } from './message-waiters';

export interface WireMessage {
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
  emittedAtMs?: number;
}

/** The error a request failed with, as a rejection value. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(message);
  }
}

export class TestClient {
  readonly received: WireMessage[] = [];
  readonly schemaProblems: string[] = [];
  private nextId = 1;
  private readonly methods = new Map<string | number, string>();
  private readonly waiters = new MessageWaiters();
  /** Answers server → client requests (approvals); without one they stay unanswered. */
  onServerRequest: ((method: string, params: unknown) => unknown | Promise<unknown>) | undefined;

  constructor(
    private readonly sendText: (text: string) => void,
    readonly close: () => Promise<void>,
  ) {}

  /** Feed one text message from the server. */
  receive(text: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(text) as WireMessage;
    } catch {
      this.schemaProblems.push(`server sent text that is not JSON: ${text.slice(0, 200)}`);
      return;
    }
    for (const p of checkServerMessage(message, (id) => this.methods.get(id))) {
      this.schemaProblems.push(`${p}\n  in ${text.slice(0, 500)}`);
    }
    this.received.push(message);
    if (typeof message.method === 'string' && message.id !== undefined && message.id !== null && this.onServerRequest) {
      const id = message.id;
      void Promise.resolve(this.onServerRequest(message.method, message.params)).then((result) => {
        if (result !== undefined) this.sendText(JSON.stringify({ id, result }));
      });
    }
    this.waiters.offer(message);
  }

  /** Send text as is (malformed-input tests). */
  sendRaw(text: string): void {
    this.sendText(text);
  }

  /** Send a request object as JSON; resolves with the response message. */
  requestRaw(
    message: { id: string | number; method: string; params?: unknown } & Record<string, unknown>,
  ): Promise<WireMessage> {
    this.methods.set(message.id, message.method);
    const response = this.waitFor((m) => m.id === message.id && m.method === undefined);
    this.sendText(JSON.stringify(message));
    return response;
  }

  /** A typed request. Codex clients omit `"jsonrpc"`, and so does this one. */
  async request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M> | Record<string, unknown> = {},
  ): Promise<ClientRequestResult<M>> {
    const id = this.nextId++;
    const response = await this.requestRaw({ id, method, params });
    if (response.error) throw new RpcError(response.error.code, response.error.message, response.error.data);
    return response.result as ClientRequestResult<M>;
  }

  notify(method: string, params?: unknown): void {
    this.sendText(JSON.stringify(params === undefined ? { method } : { method, params }));
  }

  async initialize(name = 'tandem-tests', capabilities: Record<string, unknown> = {}): Promise<void> {
    await this.request('initialize', { clientInfo: { name, version: '0.0.0' }, capabilities });
    this.notify('initialized');
  }

  /** The first message (already received or still to come) that matches. */
  waitFor(match: (m: WireMessage) => boolean, timeoutMs = 10_000): Promise<WireMessage> {
    return this.waiters.waitFor(this.received, match, timeoutMs);
  }

  /** A notification of this method (and matching `where`), already received or to come. */
  notification(
    method: ServerNotificationMethod,
    where: (params: Record<string, unknown>) => boolean = () => true,
  ): Promise<WireMessage> {
    return this.waitFor(
      (m) => m.method === method && m.id === undefined && where((m.params ?? {}) as Record<string, unknown>),
    );
  }

  notifications(method: ServerNotificationMethod): WireMessage[] {
    return this.received.filter((m) => m.method === method && m.id === undefined);
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'out', 'cli', 'tandem.cjs');

/** A client talking to a spawned `tandem app-server` over stdio. */
export interface StdioClient extends TestClient {
  child: ChildProcessWithoutNullStreams;
  stderr: string[];
}

export function spawnStdio(env: Record<string, string>, args: string[] = []): StdioClient {
  return spawnServer(process.execPath, [CLI, 'app-server', ...args], { ...process.env, ...env });
}

/** Any app-server speaking JSONL on stdio (Tandem's CLI, or the Codex peer). */
export function spawnServer(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): StdioClient {
  const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const client = new TestClient(
    (text) => {
      if (!child.stdin.destroyed) child.stdin.write(text + '\n');
    },
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      await once(child, 'exit');
    },
  ) as StdioClient;
  client.child = child;
  client.stderr = stderr;
  createInterface({ input: child.stdout }).on('line', (line) => client.receive(line));
  return client;
}

/** A client over a WebSocket. Resolves once the socket is open. */
export async function connectWebSocket(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const ws = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const client = new TestClient(
    (text) => ws.send(text),
    async () => {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await once(ws, 'close');
    },
  );
  ws.on('message', (data) => client.receive(String(data)));
  return client;
}

/** The HTTP status a WebSocket upgrade got (101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
