/** Spawning `tandem serve` (web mode) and reading the address it prints. */
import { spawnCliServer, type ServerProcess } from './cli';

/** `url` is the page address, token in the fragment. */
export type WebModeProcess = ServerProcess;

export function spawnWebMode(env: Record<string, string>, args: string[] = ['--port', '0']): Promise<WebModeProcess> {
  return spawnCliServer(['serve', ...args], env, /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/);
}
