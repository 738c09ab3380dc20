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
      this.head = Buffer.concat([...this.parts, bytes]).subarray(0, TOO_LARGE_HEAD_BYTES).toString('utf8');
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

/** A frame channel over a readable and a writable byte stream. */
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
  let pending: string[] = [];
  let flushing: Promise<void> | undefined;
  input.on('data', (chunk: Buffer | string) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  input.on('end', () => {
    splitter.end();
    close();
  });
  input.on('close', close);
  input.on('error', close);
  output.on('error', () => {
    outputClosed = true;
    close();
  });

  return {
    onFrame: (l) => frames.event(l),
    onClose: (l) => closed.event(l),
    send(text) {
      if (outputClosed || output.destroyed) return Promise.reject(new Error('output closed'));
      // Lines sent in the same turn of the event loop go out in one write: a streaming model
      // produces thousands of small notifications, and one syscall each is most of their cost.
      pending.push(text);
      flushing ??= new Promise<void>((resolve) => {
        setImmediate(() => {
          const batch = pending.join('\n') + '\n';
          pending = [];
          flushing = undefined;
          if (outputClosed || output.destroyed) return resolve();
          // While the client is not reading what we write, stop reading what it sends: both
          // directions stay bounded.
          if (output.write(batch)) return resolve();
          input.pause();
          output.once('drain', () => {
            input.resume();
            resolve();
          });
        });
      });
      return flushing;
    },
    close() {
      close();
    },
  };
}

/** The server side of stdio: this process's stdin and stdout. */
export function stdioTransport(input: Readable = process.stdin, output: Writable = process.stdout): MessageTransport & { channel: FrameChannel } {
  const channel = streamChannel(input, output);
  return { ...frameTransport(channel, { stampNotifications: true }), channel };
}

