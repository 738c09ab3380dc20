/**
 * vscode-jsonrpc reader and writer over any frame channel: something that delivers whole text
 * messages and sends whole text messages (a JSONL line splitter, a WebSocket, a MessagePort).
 * Runtime-neutral: no node:*, no DOM. The transports only supply the channel.
 */
import { AbstractMessageReader, AbstractMessageWriter, Disposable } from 'vscode-jsonrpc';
import type { DataCallback, Message, MessageReader, MessageWriter } from 'vscode-jsonrpc';
import { parseFrame, stampedJson, tooLarge } from './envelope';

/**
 * The WebSocket subprotocol a client offers to receive several messages per frame, one JSON text
 * per line (Tandem's extension; Codex clients offer none and get one message per frame). A
 * streaming turn sends thousands of notifications a second, and a browser spends more on each
 * frame it receives than on the message inside it.
 */
export const JSONL_SUBPROTOCOL = 'tandem.jsonl';

/** The messages of a frame: one, or in JSONL frames one per non-empty line (JSON text has no raw newline). */
export function messagesOf(text: string, jsonl: boolean): string[] {
  if (!jsonl) return [text];
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** One received frame: its text, or the size (and first bytes) of one too large to keep. */
export type Frame = string | { tooLarge: number; head?: string };

/** The minimal duplex a transport provides. */
export interface FrameChannel {
  /** Deliver each received frame's text (or its size, when it was too large to keep). */
  onFrame(listener: (frame: Frame) => void): Disposable;
  /** Fires once when the other side goes away. */
  onClose(listener: () => void): Disposable;
  /** Send one frame; resolves once the channel accepted it (or has room for more). */
  send(text: string): Promise<void>;
  /** Close the channel. */
  close(): void;
  /** Flow control, for channels to a peer that may stop reading (a pipe, a socket). */
  flow?: ChannelFlow;
}

/**
 * How far a peer is behind, and how to drop one that stopped reading. Sending never blocks, so
 * without this whatever the peer leaves unread piles up in memory.
 */
export interface ChannelFlow {
  /** Bytes sent that the peer has not taken yet (in our buffers, not yet handed to the OS). */
  backlog(): number;
  /** The peer is the only one there is (stdout): wait for it however long it takes, never drop it for being slow. */
  readonly soleReader: boolean;
  /** Close for falling too far behind, telling the peer why where the channel can. */
  giveUp(reason: string): void;
}

export interface FrameOptions {
  /** Whether outgoing notifications get `emittedAtMs` (servers stamp, clients do not). */
  stampNotifications?: boolean;
}

/** Reads frames; answers malformed ones itself through `reply` so a bad frame never goes unanswered. */
class FrameMessageReader extends AbstractMessageReader implements MessageReader {
  private subscriptions: Disposable[] = [];

  constructor(
    private readonly channel: FrameChannel,
    private readonly reply: (response: Message) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.subscriptions.push(
      this.channel.onFrame((frame) => {
        if (typeof frame !== 'string') {
          this.reply(tooLarge(frame.tooLarge, frame.head));
          return;
        }
        const envelope = parseFrame(frame);
        if (envelope.kind === 'reject') this.reply(envelope.response);
        else callback(envelope.message);
      }),
      this.channel.onClose(() => this.fireClose()),
    );
    return Disposable.create(() => this.dispose());
  }

  override dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    super.dispose();
  }
}

/** Writes each message as one frame of JSON text. */
class FrameMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(
    private readonly channel: FrameChannel,
    private readonly options: FrameOptions = {},
  ) {
    super();
  }

  /** Not `async`: one fewer promise per message, which adds up on a streaming turn. */
  write(message: Message): Promise<void> {
    const failed = (error: unknown): never => {
      this.errorCount++;
      this.fireError(error, message, this.errorCount);
      throw error;
    };
    let text: string;
    try {
      text = this.options.stampNotifications ? stampedJson(message) : JSON.stringify(message);
    } catch (error) {
      return Promise.reject(error).catch(failed);
    }
    return this.channel.send(text).then(() => {
      this.errorCount = 0;
    }, failed);
  }

  end(): void {
    this.channel.close();
  }
}

/** Reader and writer for one connection over a channel. */
export interface MessageTransport {
  reader: MessageReader;
  writer: MessageWriter;
  /** The channel's flow control, where it has one. */
  flow?: ChannelFlow;
}

export function frameTransport(channel: FrameChannel, options: FrameOptions = {}): MessageTransport {
  const writer = new FrameMessageWriter(channel, options);
  const reader = new FrameMessageReader(channel, (response) => {
    writer.write(response).catch(() => undefined);
  });
  return channel.flow ? { reader, writer, flow: channel.flow } : { reader, writer };
}
