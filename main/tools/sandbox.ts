/**
 * The command sandbox on Linux: bubblewrap (`bwrap`), as Codex uses. read-only: the whole
 * filesystem read-only; workspace-write: the workspace (but its `.git`) and /tmp writable;
 * both without network. danger-full-access runs commands as they are.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxMode } from '../../protocol/schema/common';

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

/** The argv that runs `bash -lc command` under the sandbox (or plainly, for full access). */
export function sandboxedArgv(spec: SandboxSpec, command: string, cwd: string): string[] {
  const shell = ['bash', '-lc', command];
  if (spec.mode === 'danger-full-access') return shell;
  const args = ['bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  if (spec.mode === 'workspace-write') {
    args.push('--bind', '/tmp', '/tmp');
    for (const root of spec.writableRoots) {
      args.push('--bind', root, root);
      // Git's own folder stays read-only: rewriting history needs the user's approval.
      const git = join(root, '.git');
      if (existsSync(git)) args.push('--ro-bind', git, git);
    }
  }
  // An empty tmpfs over each hidden folder: a sandboxed command cannot read the settings (and key).
  for (const dir of spec.hidden) if (existsSync(dir)) args.push('--tmpfs', dir);
  args.push('--unshare-net', '--unshare-pid', '--die-with-parent', '--new-session', '--chdir', cwd, '--', ...shell);
  return args;
}
