/**
 * stdio transport: JSONL, one JSON message per line, as Codex's app-server speaks it. Lines are
 * split on bytes with a size bound, so a huge or endless line is refused without being held in
 * memory.
 */
import type { Readable, Writable } from 'node:stream';
import { Emitter } from 'vscode-jsonrpc/node';
import { MAX_MESSAGE_BYTES, TOO_LARGE_HEAD_BYTES } from '../../protocol/rpc/envelope';
import { frameTransport, type Frame, type FrameChannel, type MessageTransport } from '../../protocol/rpc/frames';

/** Splits a byte stream into lines; a line longer than `limit` is reported by size and dropped. */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;
  /** The first bytes of a line being discarded, to find its id. */
  private head = '';

  constructor(
    private readonly limit: number,
    private readonly emit: (frame: Frame) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.take(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** A last line without a newline still counts when the stream ends. */
  end(): void {
    if (this.size > 0 || this.discarding) this.endLine();
  }

  private take(bytes: Buffer): void {
    this.size += bytes.length;
    if (this.discarding) return;
    if (this.size > this.limit) {
      this.discarding = true;
      this.head = Buffer.concat([...this.parts, bytes])
        .subarray(0, TOO_LARGE_HEAD_BYTES)
        .toString('utf8');
      this.parts = [];
      return;
    }
    if (bytes.length > 0) this.parts.push(Buffer.from(bytes));
  }

  private endLine(): void {
    if (this.discarding) {
      this.emit({ tooLarge: this.size, head: this.head });
    } else {
      const line = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
      if (line.trim() !== '') this.emit(line);
    }
    this.parts = [];
    this.size = 0;
    this.discarding = false;
    this.head = '';
  }
}

/** A frame channel over a readable and a writable byte stream (our stdio, or an engine child's). */
export function streamChannel(input: Readable, output: Writable, limit = MAX_MESSAGE_BYTES): FrameChannel {
  const frames = new Emitter<Frame>();
  const closed = new Emitter<void>();
  // Input and output close separately: after stdin ends, answers still go out on stdout.
  let inputClosed = false;
  let outputClosed = false;
  const close = (): void => {
    if (inputClosed) return;
    inputClosed = true;
    closed.fire();
  };
  const splitter = new LineSplitter(limit, (f) => frames.fire(f));
  input.on('data', (chunk: Buffer | string) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  input.on('end', () => {
    splitter.end();
    close();
  });
  input.on('close', close);
  input.on('error', close);
  const out = batchedWriter(output, {
    // While the client is not reading what we write, stop reading what it sends: both
    // directions stay bounded.
    blocked: () => input.pause(),
    unblocked: () => input.resume(),
  });
  output.on('error', () => {
    outputClosed = true;
    out.closed();
    close();
  });
  output.on('close', () => out.closed());

  return {
    onFrame: (l) => frames.event(l),
    onClose: (l) => closed.event(l),
    send(text) {
      if (outputClosed || output.destroyed) return Promise.reject(new Error('output closed'));
      return out.send(text);
    },
    close() {
      close();
    },
    flow: {
      backlog: () => out.backlog(),
      // stdout is the one client there is: it is waited for, however slow.
      soleReader: true,
      giveUp: () => {
        outputClosed = true;
        out.closed();
        close();
      },
    },
  };
}

/** What one write carries at most: larger strings live outside the young heap until a full GC. */
const WRITE_BYTES = 64 * 1024;

/**
 * Write lines, a newline after each, in writes of up to WRITE_BYTES (corked: one syscall for
 * them all where the stream can). Returns false when the stream wants a `drain` first.
 */
function writeLines(output: Writable, lines: string[]): boolean {
  let room = true;
  output.cork();
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    bytes += (lines[i] as string).length + 1;
    if (bytes >= WRITE_BYTES || i === lines.length - 1) {
      room = output.write(lines.slice(start, i + 1).join('\n') + '\n');
      start = i + 1;
      bytes = 0;
    }
  }
  output.uncork();
  return room;
}

/**
 * Lines sent in the same turn of the event loop go out in one write: a streaming model produces
 * thousands of small notifications, and one syscall each is most of their cost. While a write
 * waits for the reader (no `drain` yet), later lines wait here for the next one, so the stream's
 * own buffer never grows past one batch, and `backlog` tells the sender how much is unread.
 */
function batchedWriter(
  output: Writable,
  on: { blocked(): void; unblocked(): void },
): { send(text: string): Promise<void>; backlog(): number; closed(): void } {
  let pending: string[] = [];
  let pendingBytes = 0;
  /** The batch being gathered: settles when it was handed to the stream and the stream has room. */
  let batch: { done: Promise<void>; resolve: () => void } | undefined;
  /** Settles the batch written last, once the stream drains; set while it has not. */
  let draining: (() => void) | undefined;
  let ended = false;
  const settleAll = (): void => {
    draining?.();
    draining = undefined;
    batch?.resolve();
    batch = undefined;
    pending = [];
    pendingBytes = 0;
  };
  const flush = (): void => {
    const current = batch;
    if (!current || draining) return;
    batch = undefined;
    const lines = pending;
    pending = [];
    pendingBytes = 0;
    if (ended || output.destroyed) return current.resolve();
    if (writeLines(output, lines)) return current.resolve();
    draining = current.resolve;
    on.blocked();
    output.once('drain', () => {
      if (draining !== current.resolve) return;
      draining = undefined;
      on.unblocked();
      current.resolve();
      flush();
    });
  };
  return {
    send(text) {
      pending.push(text);
      pendingBytes += text.length + 1;
      if (!batch) {
        let resolve!: () => void;
        const done = new Promise<void>((r) => (resolve = r));
        batch = { done, resolve };
        if (!draining) setImmediate(flush);
      }
      return batch.done;
    },
    backlog: () => pendingBytes + output.writableLength,
    closed() {
      ended = true;
      settleAll();
    },
  };
}

/** The server side of stdio: this process's stdin and stdout. */
export function stdioTransport(
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): MessageTransport & { channel: FrameChannel } {
  const channel = streamChannel(input, output);
  return { ...frameTransport(channel, { stampNotifications: true }), channel };
}
