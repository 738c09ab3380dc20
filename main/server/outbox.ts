/**
 * A connection's outgoing messages under backpressure. While the client takes what we send,
 * messages go straight to the transport. Once it falls behind (the transport's backlog passes a
 * high-water mark), they wait here in order, and the deltas of one item (message text, command
 * output, reasoning) merge into one pending delta: a client that catches up gets the same text in
 * fewer messages, and what it costs us to wait for it is the text, not a message per delta. A
 * client that stops reading altogether is given up on past a limit, so one stalled window never
 * holds the server's memory or the other clients hostage.
 */
import type { Message } from 'vscode-jsonrpc/node';
import type { ChannelFlow } from '../../protocol/rpc/frames';

/**
 * Transport backlog from which messages wait here: low enough that what sits in the transport
 * (each message with its callbacks until written) stays small, high enough that a client that
 * keeps up never sees its deltas merged. stdout carries lines batched into few large writes (and
 * is the one client there is); a socket holds a frame and its callback per message, so less.
 */
const HIGH_WATER_BYTES = { socket: 2 * 1024 * 1024, sole: 8 * 1024 * 1024 };
/** Waiting messages (their estimated size) beyond which a client is dropped: a WebSocket, or stdout. */
const MAX_QUEUED_BYTES = { socket: 64 * 1024 * 1024, sole: 256 * 1024 * 1024 };
/** How long a client that falls behind may take nothing at all before it is dropped (never stdout). */
const MAX_STALL_MS = 20_000;
/** How often waiting messages are offered to the transport again. */
const PUMP_MS = 10;

/** Notifications that carry text to append to an item: consecutive ones of one item merge. */
const MERGEABLE = new Set([
  'item/agentMessage/delta',
  'item/commandExecution/outputDelta',
  'item/reasoning/summaryTextDelta',
]);

interface DeltaParams {
  threadId: string;
  turnId: string;
  itemId: string;
  delta: string;
  summaryIndex?: number;
}

interface Waiting {
  message: Message;
  bytes: number;
  /** Our own copy of a delta's params, which later deltas of its item append to. */
  delta?: DeltaParams;
  key?: string;
  /** For messages whose sender waits for them (responses, requests); notifications have none. */
  done?: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void };
}

/** A delta notification's merge key and params, or undefined for any other message. */
function asDelta(message: Message): { key: string; params: DeltaParams } | undefined {
  const m = message as { id?: unknown; method?: unknown; params?: Partial<DeltaParams> };
  if (m.id !== undefined || typeof m.method !== 'string' || !MERGEABLE.has(m.method)) return undefined;
  const p = m.params;
  if (!p || typeof p.delta !== 'string' || typeof p.itemId !== 'string') return undefined;
  return { key: `${m.method}\0${p.threadId}\0${p.itemId}\0${p.summaryIndex ?? ''}`, params: p as DeltaParams };
}

/** What waiting costs: a delta's text, or for anything else its JSON (measured only while behind). */
function sizeOf(message: Message): number {
  try {
    return JSON.stringify(message).length;
  } catch {
    return 0;
  }
}

export class Outbox {
  private queue: Waiting[] = [];
  /** Queue positions by merge key since the last message that is not a delta (order is kept across it). */
  private readonly mergeable = new Map<string, Waiting>();
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The backlog after the last pump, and when the client last took anything. */
  private lastBacklog = 0;
  private lastProgress = 0;
  private closed = false;
  private readonly highWater: number;

  constructor(
    private readonly write: (message: Message) => Promise<void>,
    private readonly flow: ChannelFlow,
    /** Called once, when the client is too far behind to wait for; the connection then closes. */
    private readonly giveUp: (reason: string) => void,
  ) {
    this.highWater = flow.soleReader ? HIGH_WATER_BYTES.sole : HIGH_WATER_BYTES.socket;
  }

  /** Whether messages wait here now (the client is behind). */
  get behind(): boolean {
    return this.queue.length > 0;
  }

  /** Every outgoing message passes here, responses included, so that their order holds. */
  send(message: Message): Promise<void> {
    if (this.queue.length === 0 && this.flow.backlog() < this.highWater) return this.write(message);
    if (this.closed) return Promise.reject(new Error('connection closed'));
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.enqueue(message, { promise, resolve, reject });
    return promise;
  }

  /**
   * A notification while the client is behind, nothing waiting on it: a stalled client costs the
   * text of what it has not read, not a promise and its callbacks per delta.
   */
  post(message: Message): void {
    if (this.closed) return;
    if (this.queue.length === 0 && this.flow.backlog() < this.highWater) this.write(message).catch(() => undefined);
    else this.enqueue(message, undefined);
  }

  /** The connection is gone: whatever waits is dropped. */
  dispose(): void {
    this.closed = true;
    this.stopPump();
    const queue = this.queue;
    this.queue = [];
    this.mergeable.clear();
    this.queuedBytes = 0;
    for (const w of queue) w.done?.reject(new Error('connection closed'));
  }

  private enqueue(message: Message, done: Waiting['done']): void {
    const incoming = asDelta(message);
    if (incoming) {
      const into = this.mergeable.get(incoming.key);
      if (into?.delta && !done) {
        into.delta.delta += incoming.params.delta;
        into.bytes += incoming.params.delta.length;
        this.queuedBytes += incoming.params.delta.length;
        this.checkSize();
        return;
      }
    } else {
      // Anything else (an item completing, a response) is a point deltas do not merge across.
      this.mergeable.clear();
    }
    let waiting: Waiting;
    if (incoming) {
      // The params object is shared by every connection the notification went to: append to a copy.
      const params = { ...incoming.params };
      waiting = {
        message: { ...message, params } as Message,
        bytes: params.delta.length + 200,
        delta: params,
        key: incoming.key,
        done,
      };
      this.mergeable.set(incoming.key, waiting);
    } else {
      waiting = { message, bytes: sizeOf(message), done };
    }
    this.queue.push(waiting);
    this.queuedBytes += waiting.bytes;
    if (!this.timer) {
      // Falling behind starts now.
      this.lastProgress = Date.now();
      this.lastBacklog = this.flow.backlog();
      this.timer = setInterval(() => this.pump(), PUMP_MS);
    }
    this.checkSize();
  }

  private pump(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.flow.backlog() < this.lastBacklog) this.lastProgress = now;
    while (this.queue.length > 0 && this.flow.backlog() < this.highWater) {
      const w = this.queue.shift() as Waiting;
      if (w.key !== undefined && this.mergeable.get(w.key) === w) this.mergeable.delete(w.key);
      this.queuedBytes -= w.bytes;
      const written = this.write(w.message);
      if (w.done) written.then(w.done.resolve, w.done.reject);
      else written.catch(() => undefined);
    }
    this.lastBacklog = this.flow.backlog();
    if (this.queue.length === 0) {
      this.stopPump();
      return;
    }
    if (!this.flow.soleReader && now - this.lastProgress > MAX_STALL_MS) {
      this.fail(
        `client stopped reading: nothing taken for ${Math.round((now - this.lastProgress) / 1000)} s with ${mib(this.flow.backlog() + this.queuedBytes)} MiB unsent`,
      );
    }
  }

  private checkSize(): void {
    const limit = this.flow.soleReader ? MAX_QUEUED_BYTES.sole : MAX_QUEUED_BYTES.socket;
    if (this.queuedBytes > limit) this.fail(`client too slow: over ${mib(limit)} MiB waiting to be sent`);
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.giveUp(reason);
  }

  private stopPump(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(0);
