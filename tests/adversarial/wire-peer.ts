/**
 * A raw peer for the built CLI over stdio or WebSocket that keeps up with tens of thousands of
 * frames: it counts answers by id (TestClient keeps a waiter per request and scans all it
 * received, which is quadratic at this volume) and runs every message the server sends through
 * the Codex schema, as TestClient does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { checkServerMessage } from '../helpers/codex-schema';
import { CLI, type WireMessage } from '../helpers/test-client';

export type Id = string | number;

/** A map key that keeps 5 and "5" apart. */
export const idKey = (id: Id): string => `${typeof id}:${String(id)}`;

export class WirePeer {
  /** Answers received, by id key. */
  readonly answers = new Map<string, number>();
  nullAnswers = 0;
  /** Server messages that are not answers (notifications, server requests). */
  readonly others: WireMessage[] = [];
  readonly schemaProblems: string[] = [];
  private readonly methods = new Map<string, string>();
  private readonly waiters = new Map<string, (m: WireMessage) => void>();

  constructor(private readonly sendText: (text: string) => void) {}

  /** Remember which method an id asked for, so a result can be checked against its schema. */
  expectMethod(id: Id, method: string): void {
    this.methods.set(idKey(id), method);
  }

  send(text: string): void {
    this.sendText(text);
  }

  receive(text: string): void {
    let m: WireMessage;
    try {
      m = JSON.parse(text) as WireMessage;
    } catch {
      this.schemaProblems.push(`not JSON: ${text.slice(0, 200)}`);
      return;
    }
    for (const p of checkServerMessage(m, (id) => this.methods.get(idKey(id))))
      this.schemaProblems.push(`${p}\n  in ${text.slice(0, 300)}`);
    if (m.method !== undefined) {
      this.others.push(m);
      return;
    }
    if (m.id === null || m.id === undefined) {
      this.nullAnswers++;
      return;
    }
    const key = idKey(m.id);
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter(m);
    }
  }

  /** A proper request; resolves with its answer. */
  request(id: Id, method: string, params: unknown, timeoutMs = 30_000): Promise<WireMessage> {
    this.expectMethod(id, method);
    const answer = new Promise<WireMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} (${String(id)})`)), timeoutMs);
      this.waiters.set(idKey(id), (m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
    this.send(JSON.stringify({ id, method, params }));
    return answer;
  }
}

export interface PeerProcess {
  peer: WirePeer;
  /** The server process (its pid for memory readings). */
  pid: number;
  alive(): boolean;
  stop(): Promise<void>;
}

/** `tandem app-server` over stdio. Lines are split on \n only, as the server splits them. */
export function stdioPeer(
  env: Record<string, string>,
): PeerProcess & { child: ChildProcessWithoutNullStreams; stderr: string[] } {
  const child = spawn(process.execPath, [CLI, 'app-server'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const peer = new WirePeer((text) => {
    if (!child.stdin.destroyed) child.stdin.write(`${text}\n`);
  });
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    const lines = (rest + d).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') peer.receive(line);
  });
  return {
    peer,
    child,
    stderr,
    pid: child.pid ?? -1,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

/** A peer over a WebSocket to `url`. */
export async function wsPeer(url: string): Promise<{ peer: WirePeer; close(): Promise<void> }> {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  const peer = new WirePeer((text) => ws.send(text));
  ws.on('message', (data) => peer.receive(String(data)));
  return {
    peer,
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await once(ws, 'close');
    },
  };
}

/** Resident memory of `pid` and all its descendants, in bytes (Linux /proc). */
export function treeRssBytes(pid: number): number {
  let total = 0;
  const stack = [pid];
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      // Node starts child processes from its main thread, whose task id is the pid.
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      if (children) stack.push(...children.split(/\s+/).map(Number));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
