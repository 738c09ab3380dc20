/**
 * Ways out of the command sandbox, probed through the BUILT CLI with real bubblewrap: a turn whose
 * (fake) model runs probe commands, and what they could reach. Unix sockets outside the writable
 * roots (and shared memory), the server's environment (planted secrets, the API key through /proc), and root's powers
 * inside the sandbox (remounting, unmounting /proc, joining the server's network namespace).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { describeWithBwrap, itWithBwrap } from '../helpers/bwrap';
import { useHarness } from '../helpers/harness';
import { homeWith, MODES, probeTurn } from '../helpers/sandbox-probes';
import { outsideDir, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const NODE = process.execPath;

const listeners: Server[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A Unix socket listening at `path` (a filesystem path, or `\0name` for an abstract one). */
async function listen(path: string): Promise<void> {
  const server = createServer((c) => c.on('error', () => {}).end('hello\n'));
  listeners.push(server);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
}

/** A command printing, for each socket path, CONNECTED or the error connect() gave. */
const connectProbe = (paths: string[]): string =>
  `${NODE} -e 'const net=require("net");let n=0;for(const p of JSON.parse(process.argv[1])){const s=net.connect(p);` +
  `s.on("connect",()=>{console.log("CONNECTED",JSON.stringify(p));s.destroy();if(++n===JSON.parse(process.argv[1]).length)process.exit(0)});` +
  `s.on("error",(e)=>{console.log("REFUSED",JSON.stringify(p),e.code);if(++n===JSON.parse(process.argv[1]).length)process.exit(0)})}' '${JSON.stringify(paths)}'`;

describeWithBwrap('sandbox escapes (built CLI, bubblewrap)', () => {
  itWithBwrap(
    'no Unix socket outside the writable roots can be reached, nor an abstract one',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const away = await outsideDir(); // like a socket in $HOME or /var
      const tmpSide = await h.tempDir('tandem-sockdir-'); // in /tmp, beside the workspace
      await mkdir(join(cwd, 'run'));
      const outside = [join(away, 'agent.sock'), join(tmpSide, 'bus.sock')];
      const inside = join(cwd, 'run/dev.sock');
      const abstract = `\0tandem-probe-${process.pid}-${Date.now()}`;
      for (const p of [...outside, inside, abstract]) await listen(p);
      const probe = connectProbe([...outside, inside, abstract]);
      // And System V shared memory, the other channel to the processes outside.
      const shm = /id: (\d+)/.exec(execFileSync('ipcmk', ['-M', '4096'], { encoding: 'utf8' }))?.[1] ?? '';
      const ipc = 'ipcs -m | grep -c "^0x" || true';
      try {
        for (const mode of ['read-only', 'workspace-write'] as const) {
          const { out } = await probeTurn(h, fakeModel, cwd, mode, [probe, ipc]);
          const text = out[probe] ?? '';
          for (const p of [...outside, abstract])
            expect(text, `${mode}: ${JSON.stringify(p)}`).toContain(`REFUSED ${JSON.stringify(p)}`);
          if (mode === 'workspace-write') expect(text).toContain(`CONNECTED ${JSON.stringify(inside)}`);
          expect(out[ipc], `${mode}: shared memory segments seen`).toBe('0\n');
        }
      } finally {
        execFileSync('ipcrm', ['-m', shm]);
      }
    },
    60_000,
  );

  itWithBwrap(
    "workspace-write commands share a /tmp of their own, kept between commands, not the machine's",
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const name = `tandem-probe-${process.pid}-${Date.now()}`;
      const hostFile = await h.tempDir('tandem-host-tmp-'); // a file of another program in /tmp
      const cmds = [`echo kept > /tmp/${name}`, `cat /tmp/${name}`, `ls ${hostFile} 2>&1 || echo NOT-THERE`];
      const { out } = await probeTurn(h, fakeModel, cwd, 'workspace-write', cmds);
      expect(out[cmds[1] ?? '']).toBe('kept\n');
      expect(out[cmds[2] ?? '']).toContain('NOT-THERE');
      expect(existsSync(join('/tmp', name)), "the machine's /tmp").toBe(false);
    },
    60_000,
  );

  itWithBwrap(
    'no command, in any mode, gets a secret from the server environment (an allow-list, plus what settings add)',
    async () => {
      const planted: Record<string, string> = {
        DATABASE_URL: 'postgres://u:pw-9f1c@db/x',
        SENTRY_DSN: 'https://plant-a1b2@sentry.example/1',
        AWS_ACCESS_KEY_ID: 'AKIAPLANTED000001',
        STRIPE_LIVE: 'sk_live_planted0002',
        NPM_AUTH: 'npm_planted0003',
        CREDS: 'planted-creds-0004',
        PASSPHRASE_FILE_CONTENT: 'planted-pass-0005',
        WEBHOOK_URL: 'https://hooks.example/planted-0006',
        SSH_AUTH_SOCK: '/tmp/ssh-planted-0007/agent.1',
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/0/bus-planted-0008',
        DOCKER_HOST: 'unix:///var/run/docker-planted-0009.sock',
        XDG_RUNTIME_DIR: '/run/user/planted-0010',
      };
      const values = Object.values(planted);
      expect(values).toHaveLength(12);
      const home = await homeWith(h, { commandEnv: ['TANDEM_PROBE_OK'] });
      const env = {
        ...planted,
        DISPLAY: ':99',
        WAYLAND_DISPLAY: 'wayland-planted',
        TANDEM_PROBE_OK: 'configured-visible',
        TANDEM_HOME: home,
      };
      const cwd = await h.tempDir('tandem-ws-');
      for (const mode of MODES) {
        const { out } = await probeTurn(h, fakeModel, cwd, mode, ['env'], env);
        const text = out.env ?? '';
        expect(text, mode).toMatch(/^PATH=/m);
        expect(text, mode).toContain('TANDEM_PROBE_OK=configured-visible');
        for (const v of values) expect(text, `${mode}: ${v}`).not.toContain(v);
        expect(text, mode).not.toMatch(/^(DISPLAY|WAYLAND_DISPLAY)=/m);
      }
    },
    60_000,
  );

  itWithBwrap(
    'root inside the sandbox has no power: no remount, no unmounting /proc, no server environment or network namespace',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const key = 'sk-root-probe-3c9e7a51';
      const probes = [
        'grep CapEff /proc/self/status',
        'mount -o remount,rw / 2>&1; touch /etc/tandem-probe && echo WROTE-ETC; rm -f /etc/tandem-probe',
        'umount -l /proc 2>&1; cat /proc/*/environ 2>/dev/null | tr "\\0" "\\n" | grep -c OPENAI_API_KEY',
        // The server, found by its command line once the host's /proc shows (if it ever does).
        'umount -l /proc 2>/dev/null; for p in /proc/[0-9]*; do grep -qs tandem.cjs $p/cmdline && nsenter --net=$p/ns/net true 2>/dev/null && echo JOINED; done; echo checked',
      ];
      for (const mode of ['read-only', 'workspace-write'] as const) {
        const { turn, out } = await probeTurn(h, fakeModel, cwd, mode, probes, { OPENAI_API_KEY: key });
        expect(out[probes[0] ?? ''], mode).toMatch(/CapEff:\s+0+\n/);
        expect(out[probes[1] ?? ''], mode).not.toContain('WROTE-ETC');
        expect(out[probes[2] ?? ''], mode).toMatch(/^0\n?$/m);
        expect(out[probes[3] ?? ''], mode).toContain('checked');
        expect(out[probes[3] ?? ''], mode).not.toContain('JOINED');
        expect(JSON.stringify(out), mode).not.toContain(key);
        expect(turn.client.child.pid).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  itWithBwrap(
    'under danger-full-access a command sees only its own processes, not the server (its /proc/<pid>/environ), nor Tandem home',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const away = await outsideDir();
      const key = 'sk-full-access-probe-77d1b2e0';
      const home = await homeWith(h, {});
      const probes = [
        'for p in /proc/[0-9]*; do tr "\\0" "\\n" < $p/environ 2>/dev/null; done | base64 -w0; echo',
        'ls /proc | grep -c "^[0-9]"',
        `ls -A ${home}; echo END`,
        `touch ${join(away, 'full-access.txt')} && echo WROTE-OUTSIDE`,
      ];
      const fakeServer = await fakeModel([]);
      const netProbe = `${NODE} -e 'fetch(process.argv[1]).then(r=>console.log("NET",r.status),e=>console.log("NONET",e.cause?.code))' '${fakeServer.baseURL}/models'`;
      const { turn, out } = await probeTurn(h, fakeModel, cwd, 'danger-full-access', [...probes, netProbe], {
        OPENAI_API_KEY: key,
        TANDEM_HOME: home,
      });
      const serverPid = turn.client.child.pid ?? 0;
      const environs = Buffer.from((out[probes[0] ?? ''] ?? '').trim(), 'base64').toString('utf8');
      expect(environs).not.toContain(key);
      expect(environs).not.toContain(`TANDEM_HOME=${home}`); // the server's own environment is not there at all
      expect(Number((out[probes[1] ?? ''] ?? '').trim())).toBeLessThan(10);
      expect(out[probes[2] ?? '']).not.toContain('settings.json');
      expect(out[probes[3] ?? '']).toContain('WROTE-OUTSIDE'); // still full access to the filesystem
      expect(out[netProbe]).toContain('NET 200'); // and to the network
      expect(serverPid).toBeGreaterThan(0);
    },
    60_000,
  );
});
