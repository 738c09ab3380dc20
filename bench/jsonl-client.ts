/**
 * A lean JSON-RPC client over a child's stdio for the benchmarks. Unlike tests/helpers'
 * TestClient it validates nothing and keeps no message log: schema checks per message would cost
 * more than the server's own work on a 20,000-delta stream and measure the client, not the server.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';

export interface Message {
  id?: string | number | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

type Waiter = {
  match: (m: Message) => boolean;
  resolve: (m: Message) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

export class JsonlClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stderr: string[] = [];
  /** Called for every message before waiters see it; the benchmarks count deltas here. */
  onMessage: (m: Message) => void = () => {};
  private waiters: Waiter[] = [];
  private nextId = 1;
  private buffered = '';
  private exited = false;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
    this.child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => this.feed(d));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`server exited (${code ?? signal}): ${this.stderr.join('').slice(-2000)}`);
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(error);
      }
    });
  }

  /** Splits by hand rather than with readline: fewer allocations per line on long streams. */
  private feed(chunk: string): void {
    const text = this.buffered + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (line.trim() !== '') this.dispatch(JSON.parse(line) as Message);
    }
    this.buffered = text.slice(start);
  }

  private dispatch(m: Message): void {
    // Server → client requests (approvals): accept them all, as the scenario asks.
    if (m.method !== undefined && m.id !== undefined && m.id !== null)
      this.send({ id: m.id, result: { decision: 'accept' } });
    this.onMessage(m);
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (w.match(m)) {
        clearTimeout(w.timer);
        w.resolve(m);
      } else this.waiters.push(w);
    }
  }

  private send(message: object): void {
    if (!this.child.stdin.destroyed) this.child.stdin.write(JSON.stringify(message) + '\n');
  }

  /** The next matching message. The timeout only stops a hung run; it asserts nothing about speed. */
  waitFor(match: (m: Message) => boolean, timeoutMs = 60_000): Promise<Message> {
    if (this.exited) return Promise.reject(new Error('server has exited'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for a message; stderr: ${this.stderr.join('').slice(-2000)}`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  notification(method: string): Promise<Message> {
    return this.waitFor((m) => m.method === method && m.id === undefined);
  }

  async request(
    method: string,
    params: Record<string, unknown> = {},
    timeoutMs?: number,
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const response = this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
    this.send({ id, method, params });
    const m = await response;
    if (m.error) throw new Error(`${method} failed: ${m.error.code} ${m.error.message}`);
    return (m.result ?? {}) as Record<string, unknown>;
  }

  notify(method: string): void {
    this.send({ method });
  }

  /** Ends stdin and waits for the exit; kills the process if it lingers. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
