/**
 * Web mode: the built renderer served over http on loopback, and the app server's WebSocket on
 * the same port. Only this server's own Host is answered (no DNS rebinding); files are served
 * only from the renderer bundle; the page gets a strict Content-Security-Policy whose
 * connect-src names exactly this server's WebSocket.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { MessageTransport } from '../../protocol/rpc/frames';
import { listenWebSocket, type WebSocketListener } from './websocket';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The bundle file a request path names, or undefined when it names none — including every path
 * that would lead outside the bundle (`..`, encoded or not). Shared with Electron's app:// scheme.
 */
export async function bundleFile(root: string, url: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/** The Content-Type of a bundle file. */
export const contentType = (file: string): string => TYPES[extname(file)] ?? 'application/octet-stream';

export function contentSecurityPolicy(port: number | null): string {
  const ws = port === null ? '' : ` ws://127.0.0.1:${port} ws://localhost:${port}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // Monaco sets inline styles
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    `connect-src 'self'${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface WebServerOptions {
  /** The built renderer (out/renderer). */
  root: string;
  port: number;
  token: string;
  onConnection(transport: MessageTransport): void;
}

export interface WebServer {
  readonly port: number;
  /** The page's address, with the token in the fragment (never sent to any server). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = resolve(options.root);
  let port = options.port;
  const send = (res: ServerResponse, status: number, text: string): void => {
    res
      .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
      .end(text);
  };
  // requireHostHeader off: a request without Host gets our 403 (foreign), not Node's 400.
  const http = createServer({ requireHostHeader: false }, (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const own = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!own.includes(req.headers.host ?? '')) return send(res, 403, 'Forbidden');
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed');
      const file = await bundleFile(root, req.url ?? '/');
      if (!file) return send(res, 404, 'Not Found');
      const headers = {
        'content-type': contentType(file),
        'content-security-policy': contentSecurityPolicy(port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': file.endsWith('index.html') ? 'no-cache' : 'max-age=31536000, immutable',
      };
      if (file.endsWith('.html')) {
        // The page's own CSP meta tag must allow this server's WebSocket too.
        const html = (await readFile(file, 'utf8')).replace(
          "connect-src 'self'",
          `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
        );
        res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : html);
        return;
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    })().catch(() => send(res, 500, 'Internal Server Error'));
  });
  const ws: WebSocketListener = await listenWebSocket({
    port: options.port,
    token: options.token,
    onConnection: options.onConnection,
    server: http,
  });
  port = ws.port;
  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () => ws.close(),
  };
}
