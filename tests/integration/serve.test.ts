/** Web mode: `tandem serve` serves the built UI and the app server on one loopback port. */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { spawnWebMode, type WebModeProcess } from '../helpers/serve';
import { upgradeStatus } from '../helpers/test-client';

const h = useHarness();
let web: WebModeProcess | undefined;
afterEach(async () => {
  await web?.stop();
  web = undefined;
});

function get(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tandem serve', () => {
  it('serves the UI with a strict CSP that allows exactly its own WebSocket', async () => {
    web = await spawnWebMode({ TANDEM_HOME: await h.tempDir() });
    const page = await get(web.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${web.port}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(page.body).toContain(`ws://127.0.0.1:${web.port}`); // the page's own CSP meta allows it too
    const script = page.body.match(/src="\.?(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const js = await get(web.port, script ?? '/');
    expect(js.status).toBe(200);
    expect(String(js.headers['content-type'])).toMatch(/javascript/);
  });

  it('serves nothing outside the bundle and answers no foreign Host', async () => {
    web = await spawnWebMode({ TANDEM_HOME: await h.tempDir() });
    for (const path of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../cli/tandem.cjs',
      '/nope.js',
    ]) {
      expect((await get(web.port, path)).status, path).toBe(404);
    }
    expect((await get(web.port, '/', `evil.example:${web.port}`)).status).toBe(403);
  });

  it('speaks the protocol on the same port with the token, and completes folder paths', async () => {
    const home = await h.tempDir();
    web = await spawnWebMode({ TANDEM_HOME: home });
    expect(await upgradeStatus(`ws://127.0.0.1:${web.port}/`)).toBe(401);
    const client = await h.ws(`ws://127.0.0.1:${web.port}/?token=${web.token}`, {
      Origin: `http://127.0.0.1:${web.port}`,
    });
    await client.initialize('browser');
    const parent = await h.tempDir();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(`${parent}/alpha`);
    await mkdir(`${parent}/alps`);
    await mkdir(`${parent}/beta`);
    await mkdir(`${parent}/.hidden`);
    const res = await client.request('tandem/folders/complete', { prefix: `${parent}/al` });
    expect(res).toEqual({ parent, folders: [`${parent}/alpha`, `${parent}/alps`] });
    const all = await client.request('tandem/folders/complete', { prefix: `${parent}/` });
    expect(all.folders).toEqual([`${parent}/alpha`, `${parent}/alps`, `${parent}/beta`]);
  });

  it('says clearly when the port is taken', async () => {
    web = await spawnWebMode({ TANDEM_HOME: await h.tempDir() });
    await expect(spawnWebMode({ TANDEM_HOME: await h.tempDir() }, ['--port', String(web.port)])).rejects.toThrow(
      /cannot listen on 127\.0\.0\.1/,
    );
  });
});
