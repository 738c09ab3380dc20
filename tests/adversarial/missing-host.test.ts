/**
 * A request without a Host header is foreign: the web server's pages and the WebSocket upgrade
 * (in web mode and in `app-server --listen ws://`) answer it 403, even with the right token.
 * Sent as raw bytes, since every HTTP client adds a Host.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type ServerProcess } from '../helpers/cli';
import { useHarness } from '../helpers/harness';
import { spawnWebMode } from '../helpers/serve';

const h = useHarness();
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** The status line's code of what the server answers to `head` (a request without a body). */
function rawStatus(port: number, head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (m) {
        resolve(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('end', () => reject(new Error(`no status line: ${text}`)));
  });
}

const upgrade = (version: string, token: string, host: string | null): string =>
  [
    `GET /?token=${token} HTTP/${version}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');

describe('a request without a Host header', () => {
  it('is refused 403 by the app server WebSocket, while the same upgrade with its Host is accepted', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    expect(await rawStatus(server.port, upgrade('1.1', server.token, `127.0.0.1:${server.port}`))).toBe(101);
    expect(await rawStatus(server.port, upgrade('1.1', server.token, null))).toBe(403);
    expect(await rawStatus(server.port, upgrade('1.0', server.token, null))).toBe(403);
  });

  it('is refused 403 by web mode, for pages and for the upgrade', async () => {
    server = await spawnWebMode({ TANDEM_HOME: await h.tempDir() });
    expect(await rawStatus(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)).toBe(200);
    expect(await rawStatus(server.port, 'GET / HTTP/1.1\r\n\r\n')).toBe(403);
    expect(await rawStatus(server.port, 'GET / HTTP/1.0\r\n\r\n')).toBe(403);
    expect(await rawStatus(server.port, upgrade('1.1', server.token, null))).toBe(403);
    expect(await rawStatus(server.port, upgrade('1.0', server.token, null))).toBe(403);
  });
});
