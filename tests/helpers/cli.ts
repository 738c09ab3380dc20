/** Spawning the built CLI as a network server (WebSocket app-server, or web mode) and reading the address it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CLI } from './test-client';

export interface ServerProcess {
  child: ChildProcess;
  /** The printed address (token included). */
  url: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}
export type WsServerProcess = ServerProcess;

/** Run `tandem ARGS` and wait for the first address matching `pattern` on its stderr. */
export async function spawnCliServer(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed; stderr: ${stderr}`)), 10_000);
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const m = stderr.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    child,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export function spawnWsServer(env: Record<string, string>): Promise<ServerProcess> {
  return spawnCliServer(
    ['app-server', '--listen', 'ws://127.0.0.1:0'],
    env,
    /ws:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/,
  );
}
