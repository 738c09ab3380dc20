/**
 * WebSocket transport on loopback: one JSON-RPC message per text frame, or, for a client that
 * offers the `tandem.jsonl` subprotocol, the messages of one event-loop turn in one frame, a
 * line each (see JSONL_SUBPROTOCOL). The upgrade is refused
 * with 401 without the connection token, and with 403 when a browser `Origin` (or a `Host`)
 * is not this server's own, which stops other web pages and DNS-rebinding tricks.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Emitter } from 'vscode-jsonrpc/node';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { MAX_MESSAGE_BYTES, TOO_LARGE_HEAD_BYTES } from '../../protocol/rpc/envelope';
import {
  frameTransport,
  JSONL_SUBPROTOCOL,
  messagesOf,
  type Frame,
  type FrameChannel,
  type MessageTransport,
} from '../../protocol/rpc/frames';

/** Outgoing bytes a slow client may leave unread before we stop reading from it. */
const HIGH_WATER_BYTES = 8 * 1024 * 1024;

/** The most a JSONL frame carries before it is sent (more than this becomes the next frame). */
const FRAME_BYTES = 64 * 1024;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A new random 128-bit token, hex-encoded. */
export const newToken = (): string => randomBytes(16).toString('hex');

export interface WebSocketListenOptions {
  host?: string;
  port: number;
  token: string;
  /** Called for each accepted client. */
  onConnection(transport: MessageTransport): void;
  /** An existing HTTP server to attach to (web mode serves the UI from the same port). */
  server?: Server;
}

export interface WebSocketListener {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host);
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: 401 | 403 | 400, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}

/** Check an upgrade request; returns the refusal status, or undefined when it may connect. */
function checkUpgrade(
  req: IncomingMessage,
  token: string,
  port: number,
): { status: 401 | 403; text: string } | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? null;
  if (!tokenMatches(url.searchParams.get('token') ?? bearer, token)) return { status: 401, text: 'Unauthorized' };
  const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  // No Host is foreign too: every client of ours (browser, ws library) sends one.
  if (!own.has(req.headers.host ?? '')) return { status: 403, text: 'Forbidden' };
  // The app's own pages are served over http from this port; anything else is another site.
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && own.has(origin.slice('http://'.length)))) {
    return { status: 403, text: 'Forbidden' };
  }
  return undefined;
}

export function socketChannel(ws: WebSocket): FrameChannel {
  const frames = new Emitter<Frame>();
  const closed = new Emitter<void>();
  const jsonl = ws.protocol === JSONL_SUBPROTOCOL;
  ws.on('message', (data: RawData) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (bytes.length > MAX_MESSAGE_BYTES)
      frames.fire({ tooLarge: bytes.length, head: bytes.subarray(0, TOO_LARGE_HEAD_BYTES).toString('utf8') });
    else for (const text of messagesOf(bytes.toString('utf8'), jsonl)) frames.fire(text);
  });
  ws.on('close', () => closed.fire());
  ws.on('error', () => ws.terminate());

  const sendFrame = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (ws.readyState !== ws.OPEN) {
        reject(new Error('socket closed'));
        return;
      }
      // While the client does not read what we send, stop reading what it sends.
      if (ws.bufferedAmount > HIGH_WATER_BYTES && !ws.isPaused) ws.pause();
      ws.send(text, (err) => {
        if (ws.isPaused && ws.bufferedAmount <= HIGH_WATER_BYTES) ws.resume();
        if (err) reject(err);
        else resolve();
      });
    });

  // JSONL frames: what is sent in one turn of the event loop goes out as one frame, up to
  // FRAME_BYTES — a browser handles each frame in one task, and a long task is a dropped frame.
  interface Batch {
    texts: string[];
    bytes: number;
    sent: Promise<void>;
    /** Sends the batch (in a microtask, so batches leave in the order they were closed). */
    close: () => void;
  }
  let open: Batch | undefined;
  const sendBatched = (text: string): Promise<void> => {
    if (ws.readyState !== ws.OPEN) return Promise.reject(new Error('socket closed'));
    if (!open) {
      let go = (): void => {};
      const batch: Batch = {
        texts: [],
        bytes: 0,
        sent: new Promise<void>((resolve) => (go = resolve)).then(() => sendFrame(batch.texts.join('\n'))),
        close: () => {},
      };
      const timer = setImmediate(() => batch.close());
      batch.close = () => {
        clearImmediate(timer);
        if (open === batch) open = undefined;
        go();
      };
      open = batch;
    }
    const batch = open;
    batch.texts.push(text);
    batch.bytes += text.length;
    if (batch.bytes >= FRAME_BYTES) batch.close();
    return batch.sent;
  };

  return {
    onFrame: (l) => frames.event(l),
    onClose: (l) => closed.event(l),
    send: jsonl ? sendBatched : sendFrame,
    close: () => ws.close(),
    flow: {
      backlog: () => ws.bufferedAmount + (open?.bytes ?? 0),
      soleReader: false,
      giveUp: (reason) => giveUp(ws, reason),
    },
  };
}

/** How long a client we gave up on has to read up to our close frame before its socket is cut. */
const GIVE_UP_CLOSE_MS = 30_000;

/**
 * Close with 1008 (policy violation) and the reason. The close frame waits behind what the
 * client left unread, so it reads everything up to the reason if it wakes up; a client that
 * never does is cut off when ws's closing handshake times out.
 */
function giveUp(ws: WebSocket, reason: string): void {
  if (ws.readyState !== ws.OPEN) return;
  // Close reasons are at most 123 bytes.
  ws.close(
    1008,
    Buffer.from(reason)
      .subarray(0, 123)
      .toString('utf8')
      .replace(/\uFFFD$/, ''),
  );
  setTimeout(() => ws.terminate(), GIVE_UP_CLOSE_MS).unref();
}

/** Listen on loopback; only the loopback interface is ever bound. */
export async function listenWebSocket(options: WebSocketListenOptions): Promise<WebSocketListener> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    throw new Error(`Refusing to listen on ${host}: the WebSocket transport binds loopback only`);
  // requireHostHeader off: a request without Host gets our 403, not Node's 400.
  const http =
    options.server ??
    createServer({ requireHostHeader: false }, (_req, res) => res.writeHead(426).end('Upgrade Required'));
  // Frames over the limit still get a JSON-RPC error; far bigger ones drop the socket.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES * 4,
    // Our subprotocol when offered; any other offer is accepted with none (plain frames).
    handleProtocols: (offered) => (offered.has(JSONL_SUBPROTOCOL) ? JSONL_SUBPROTOCOL : false),
  });
  let port = options.port;
  http.on('upgrade', (req, socket, head) => {
    const refusal = checkUpgrade(req, options.token, port);
    if (refusal) {
      refuse(socket, refusal.status, refusal.text);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      options.onConnection(frameTransport(socketChannel(ws), { stampNotifications: true }));
    });
  });
  if (!http.listening) {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
    });
  }
  port = (http.address() as AddressInfo).port;
  const shownHost = host === '::1' || host === '[::1]' ? '[::1]' : '127.0.0.1';
  return {
    port,
    url: `ws://${shownHost}:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
}
