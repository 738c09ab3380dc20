/**
 * Holding a connection's output back while a request's response is being made: a response that
 * shows a snapshot (thread/resume of a running turn) and the stream after it then meet exactly —
 * nothing published meanwhile goes out before the response, so nothing is lost or sent twice —
 * and the requests the response triggers (a pending approval, re-sent) follow it.
 */
import type { Message } from 'vscode-jsonrpc/node';

export class OutputHold {
  /** Requests holding output now. */
  private holding = 0;
  /** Results of holding requests that settled, known by identity when their response is written. */
  private readonly results = new Set<unknown>();
  private queue: Array<{ message: Message; resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly write: (message: Message) => Promise<void>) {}

  get active(): boolean {
    return this.holding > 0;
  }

  /** Write a message that is not a response now, or after the held responses. */
  send(message: Message): Promise<void> {
    if (this.holding === 0) return this.write(message);
    return new Promise((resolve, reject) => this.queue.push({ message, resolve, reject }));
  }

  /** A request starts holding. */
  begin(): void {
    this.holding++;
  }

  /**
   * The holding request settled with `result`: output flows again once its response is written,
   * or, should it never be, once it would have been (the peer writes it in a microtask).
   */
  settled(result: unknown): void {
    this.results.add(result);
    setImmediate(() => this.written(result));
  }

  /** The holding request failed: its error response shows nothing to keep in step with. */
  failed(): void {
    this.release();
  }

  /** A response carrying `result` was just handed to the transport. */
  written(result: unknown): void {
    if (this.results.delete(result)) this.release();
  }

  dispose(): void {
    for (const h of this.queue.splice(0)) h.reject(new Error('connection closed'));
  }

  private release(): void {
    if (--this.holding > 0) return;
    const queue = this.queue;
    this.queue = [];
    for (const h of queue) this.write(h.message).then(h.resolve, h.reject);
  }
}
