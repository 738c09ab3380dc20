/**
 * A lean JSON-RPC client for streams of hundreds of thousands of notifications (adversarial
 * tests): deltas are tallied per item (their text joined, their count and bytes) instead of kept,
 * everything else is kept and checked against the Codex schema like TestClient does. It can stop
 * reading (pause) and start again, over the built CLI's stdio or a WebSocket.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { checkServerMessage } from './codex-schema';
import { MessageWaiters } from './message-waiters';
import { CLI, type WireMessage } from './test-client';

/** The streamed notifications whose text adds up (coalescible deltas). */
const DELTAS = new Set([
  'item/agentMessage/delta',
  'item/commandExecution/outputDelta',
  'item/reasoning/summaryTextDelta',
  'item/reasoning/textDelta',
  'item/plan/delta',
]);

export interface DeltaTally {
  text: string[];
  count: number;
  chars: number;
}

export class StreamClient {
  /** Every message but the deltas. */
  readonly received: WireMessage[] = [];
  readonly schemaProblems: string[] = [];
  /** Deltas by `method itemId`. */
  readonly deltas = new Map<string, DeltaTally>();
  private readonly methods = new Map<string | number, string>();
  private readonly waiters = new MessageWaiters();
  private nextId = 1;
  /** Answers approvals; unanswered without it. */
  onServerRequest: ((method: string, params: unknown) => unknown) | undefined;

  constructor(
    private readonly sendText: (text: string) => void,
    /** Stop reading what the server sends (and start again). */
    readonly pause: () => void,
    readonly resume: () => void,
  ) {}

  receive(text: string): void {
    let m: WireMessage;
    try {
      m = JSON.parse(text) as WireMessage;
    } catch {
      this.schemaProblems.push(`not JSON: ${text.slice(0, 200)}`);
      return;
    }
    if (m.method && DELTAS.has(m.method) && m.id === undefined) {
      const p = m.params as { itemId: string; delta: string };
      const key = `${m.method} ${p.itemId}`;
      let t = this.deltas.get(key);
      if (!t) this.deltas.set(key, (t = { text: [], count: 0, chars: 0 }));
      t.text.push(p.delta);
      t.count++;
      t.chars += p.delta.length;
      // One in a thousand is checked against the schema: all of them would be most of the test's time.
      if (t.count % 1000 !== 1) return;
    }
    for (const p of checkServerMessage(m, (id) => this.methods.get(id)))
      this.schemaProblems.push(`${p}\n  in ${text.slice(0, 300)}`);
    if (m.method && DELTAS.has(m.method)) return;
    this.received.push(m);
    if (typeof m.method === 'string' && m.id !== undefined && m.id !== null && this.onServerRequest) {
      const result = this.onServerRequest(m.method, m.params);
      if (result !== undefined) this.sendText(JSON.stringify({ id: m.id, result }));
    }
    this.waiters.offer(m);
  }

  /** The text of one item's deltas of `method`, joined. */
  deltaText(method: string, itemId: string): string {
    return this.deltas.get(`${method} ${itemId}`)?.text.join('') ?? '';
  }

  waitFor(match: (m: WireMessage) => boolean, timeoutMs = 30_000): Promise<WireMessage> {
    return this.waiters.waitFor(this.received, match, timeoutMs);
  }

  notification(
    method: string,
    where: (params: Record<string, unknown>) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<WireMessage> {
    return this.waitFor(
      (m) => m.method === method && m.id === undefined && where((m.params ?? {}) as Record<string, unknown>),
      timeoutMs,
    );
  }

  async request<T = Record<string, unknown>>(method: string, params: unknown = {}, timeoutMs?: number): Promise<T> {
    const id = this.nextId++;
    this.methods.set(id, method);
    const response = this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
    this.sendText(JSON.stringify({ id, method, params }));
    const r = await response;
    if (r.error) throw new Error(`${method}: ${r.error.message}`);
    return r.result as T;
  }

  async initialize(name = 'stream-tests'): Promise<void> {
    await this.request('initialize', { clientInfo: { name, version: '0.0.0' }, capabilities: {} });
    this.sendText(JSON.stringify({ method: 'initialized' }));
  }
}

export interface StdioStreamClient extends StreamClient {
  child: ChildProcessWithoutNullStreams;
  stderr: string[];
  close(): Promise<void>;
}

/** The built CLI over stdio; lines are split here (readline would keep reading while paused). */
export function spawnStdioStream(env: Record<string, string>): StdioStreamClient {
  const child = spawn(process.execPath, [CLI, 'app-server'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const client = new StreamClient(
    (text) => {
      if (!child.stdin.destroyed) child.stdin.write(text + '\n');
    },
    () => child.stdout.pause(),
    () => child.stdout.resume(),
  ) as StdioStreamClient;
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) client.receive(line);
  });
  client.child = child;
  client.stderr = stderr;
  client.close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    child.stdout.resume();
    await once(child, 'exit');
  };
  return client;
}

export interface WsStreamClient extends StreamClient {
  ws: WebSocket;
  /** The close code and reason, once the socket closed. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export async function connectWsStream(url: string): Promise<WsStreamClient> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client = new StreamClient(
    (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    () => ws.pause(),
    () => ws.resume(),
  ) as WsStreamClient;
  ws.on('message', (data) => client.receive(String(data)));
  client.ws = ws;
  client.closed = new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  client.close = async () => {
    if (ws.readyState === ws.CLOSED) return;
    ws.resume();
    ws.close();
    await client.closed;
  };
  return client;
}
