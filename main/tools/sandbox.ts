/**
 * The command sandbox on Linux: bubblewrap (`bwrap`), as Codex uses. read-only: the whole
 * filesystem read-only; workspace-write: the workspace and /tmp writable, but not the agent
 * configuration folders in it (`.git`, `.codex`, … at any depth, see agent-config.ts); both without
 * network. danger-full-access runs commands as they are.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SandboxMode } from '../../protocol/schema/common';
import { findAgentConfigDirs, missingConfigMountpoints } from './agent-config';

let available: boolean | undefined;

/** Whether bwrap exists and can make a sandbox here (user namespaces allowed). Checked once. */
export function sandboxAvailable(): boolean {
  if (available === undefined) {
    if (process.platform !== 'linux' || process.env.TANDEM_NO_SANDBOX === '1') available = false;
    else {
      const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--unshare-net', 'true'], { stdio: 'ignore', timeout: 5000 });
      available = probe.status === 0;
    }
  }
  return available;
}

export interface SandboxSpec {
  mode: SandboxMode;
  /** Real paths that may be written under workspace-write (the workspace first). */
  writableRoots: string[];
  /** Folders sandboxed commands must not even see (Tandem's home, which holds the API key). */
  hidden: string[];
}

export interface SandboxedCommand {
  argv: string[];
  /** Call once the command is over: removes the stand-in mount points made for it. */
  release(): void;
}

/** The argv that runs `bash -lc command` under the sandbox (or plainly, for full access). */
export async function sandboxedCommand(spec: SandboxSpec, command: string, cwd: string): Promise<SandboxedCommand> {
  const shell = ['bash', '-lc', command];
  if (spec.mode === 'danger-full-access') return { argv: shell, release: () => {} };
  const args = ['bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  const releases: Array<() => void> = [];
  if (spec.mode === 'workspace-write') {
    args.push('--bind', '/tmp', '/tmp');
    for (const root of spec.writableRoots) {
      args.push('--bind', root, root);
      // Agent configuration stays read-only (writing it needs the user's approval): the folders
      // that exist, at any depth, and empty stand-ins for the missing top-level ones, so that a
      // command cannot create `.codex/` or `.git/` either.
      const missing = missingConfigMountpoints(root);
      releases.push(missing.release);
      for (const dir of [...(await findAgentConfigDirs(root)), ...missing.paths]) args.push('--ro-bind', dir, dir);
    }
  }
  // An empty tmpfs over each hidden folder: a sandboxed command cannot read the settings (and key).
  for (const dir of spec.hidden) if (existsSync(dir)) args.push('--tmpfs', dir);
  args.push('--unshare-net', '--unshare-pid', '--die-with-parent', '--new-session', '--chdir', cwd, '--', ...shell);
  return { argv: args, release: () => releases.forEach((r) => r()) };
}
