/**
 * The command sandbox on Linux: bubblewrap (`bwrap`), as Codex uses.
 *
 * read-only and workspace-write: the whole filesystem read-only (workspace-write: the workspace
 * writable, but not the agent configuration in it, see agent-config.ts), a private /tmp, no
 * network (every socket family: a network namespace of its own), no Unix socket outside the
 * writable roots (sandbox-sockets.ts), a user namespace with every capability dropped (root inside
 * has no power outside: no remounting, no unmounting /proc), a /proc of its own, and resource
 * limits (command-limits.ts).
 *
 * danger-full-access: the filesystem and network as they are, but still in a PID namespace with
 * its own /proc and Tandem's home hidden, so a command cannot read the server's environment (the
 * API key) through /proc/<pid>/environ, and nothing it starts outlives it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { SandboxMode } from '../../protocol/schema/common';
import { findProtectedConfig, missingConfigMountpoints } from './agent-config';
import { DEFAULT_LIMITS, limitedShell, type CommandLimits } from './command-limits';
import { processGroup } from './process-cgroup';
import { isWithin } from './paths';
import { socketsToMask } from './sandbox-sockets';
import { commandsTmp } from './sandbox-tmp';

let available: boolean | undefined;

/** Whether bwrap exists and can make a sandbox here (user namespaces allowed). Checked once. */
export function sandboxAvailable(): boolean {
  if (available === undefined) {
    if (process.platform !== 'linux' || process.env.TANDEM_NO_SANDBOX === '1') available = false;
    else {
      const probe = spawnSync(
        'bwrap',
        [
          '--unshare-user',
          '--cap-drop',
          'ALL',
          '--ro-bind',
          '/',
          '/',
          '--dev',
          '/dev',
          '--proc',
          '/proc',
          '--unshare-pid',
          '--unshare-net',
          'true',
        ],
        {
          stdio: 'ignore',
          timeout: 5000,
        },
      );
      available = probe.status === 0;
    }
  }
  return available;
}

let fullAccessWrap: boolean | undefined;

/** Whether a full-access command can be given a PID namespace of its own here. Checked once. */
function fullAccessWrapAvailable(): boolean {
  if (fullAccessWrap === undefined) {
    fullAccessWrap =
      sandboxAvailable() &&
      spawnSync('bwrap', [...fullAccessArgs(), 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  }
  return fullAccessWrap;
}

/**
 * Everything as it is, but no view of the processes outside (their environments) and no
 * mounting: the one power root would need to bring the host's /proc or Tandem's home back.
 */
function fullAccessArgs(): string[] {
  return [
    '--dev-bind',
    '/',
    '/',
    '--unshare-pid',
    '--proc',
    '/proc',
    ...KERNEL_SETTINGS_READ_ONLY,
    '--ro-bind',
    '/sys',
    '/sys',
    ...(isRoot() ? ROOT_CAPS_DROPPED : []),
  ];
}

/**
 * The kernel's settings stay read-only in every mode. Root's uid inside a sandbox is root's
 * outside, and /proc/sys files are writable by uid 0 without any capability: a command could
 * set kernel.core_pattern to a program, crash, and have the kernel run it as host root outside
 * every namespace (a review found exactly that). bwrap covers /proc/irq and /proc/bus itself.
 */
const KERNEL_SETTINGS_READ_ONLY = [
  '--ro-bind-try',
  '/proc/sys',
  '/proc/sys',
  '--ro-bind-try',
  '/proc/sysrq-trigger',
  '/proc/sysrq-trigger',
];

/**
 * Full access as root keeps root's access to files, but not the powers that reach the kernel or
 * other processes' memory: mounting, tracing, raw memory and I/O, modules, BPF, rebooting.
 */
const ROOT_CAPS_DROPPED = [
  'CAP_SYS_ADMIN',
  'CAP_SYS_PTRACE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_MODULE',
  'CAP_BPF',
  'CAP_PERFMON',
  'CAP_SYS_BOOT',
  'CAP_MKNOD',
].flatMap((c) => ['--cap-drop', c]);

export interface SandboxSpec {
  mode: SandboxMode;
  /** Real paths that may be written under workspace-write (the workspace first). */
  writableRoots: string[];
  /** Folders sandboxed commands must not even see (Tandem's home, which holds the API key). */
  hidden: string[];
  /** Resource limits of read-only and workspace-write commands (defaults when left out). */
  limits?: CommandLimits;
}

export interface SandboxedCommand {
  argv: string[];
  /** Whether the command gets a /tmp of its own (so a TMPDIR elsewhere may not exist in it). */
  privateTmp: boolean;
  /** Whether it runs under bubblewrap, which passes no signal on to the processes inside. */
  wrapped: boolean;
  /** Call once the command is over: removes the stand-in mount points (and cgroup) made for it. */
  release(): void;
}

const isRoot = (): boolean => process.getuid?.() === 0;
const TMP_BYTES = Math.max(2 ** 30, Math.floor(totalmem() / 4));
let sizeOption: boolean | undefined;

/** `--size BYTES` for the next tmpfs, where this bwrap knows it (0.7.0 and later), else nothing. */
function tmpfsSize(bytes: number): string[] {
  sizeOption ??=
    spawnSync('bwrap', ['--unshare-user', '--ro-bind', '/', '/', '--size', '1048576', '--tmpfs', '/tmp', 'true'], {
      stdio: 'ignore',
      timeout: 5000,
    }).status === 0;
  return sizeOption ? ['--size', String(bytes)] : [];
}

/** Folders that hold the sockets of the user's session and the system's services. */
function socketDirs(): string[] {
  const dirs = ['/tmp', '/run', '/var/run', process.env.XDG_RUNTIME_DIR].filter(
    (d): d is string => !!d && d.startsWith('/'),
  );
  const out: string[] = [];
  for (const d of dirs) {
    if (out.some((o) => isWithin(o, d))) continue;
    try {
      if (lstatSync(d).isDirectory()) out.push(d); // /var/run is usually a link to /run: hidden with it
    } catch {
      // Not there.
    }
  }
  return out;
}

/** The argv that runs `bash -lc command` under the sandbox (or plainly, without bwrap). */
export async function sandboxedCommand(spec: SandboxSpec, command: string, cwd: string): Promise<SandboxedCommand> {
  const hideTandem = spec.hidden.filter((d) => existsSync(d)).flatMap((d) => ['--tmpfs', d]);
  const tail = ['--die-with-parent', '--new-session', '--chdir', cwd, '--'];
  if (spec.mode === 'danger-full-access') {
    const shell = ['bash', '-lc', command];
    if (!fullAccessWrapAvailable()) return { argv: shell, privateTmp: false, wrapped: false, release: () => {} };
    return {
      argv: ['bwrap', ...fullAccessArgs(), ...hideTandem, ...tail, ...shell],
      privateTmp: false,
      wrapped: true,
      release: () => {},
    };
  }

  const limits = spec.limits ?? DEFAULT_LIMITS;
  const args = [
    'bwrap',
    '--unshare-user',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    ...KERNEL_SETTINGS_READ_ONLY,
  ];
  const hiddenDirs = socketDirs();
  // workspace-write: /tmp is the server's folder for commands, kept between them. Otherwise
  // empty, in memory, and bounded: /tmp a quarter of it (builds use it), the others a little.
  const keptTmp = spec.mode === 'workspace-write' ? commandsTmp() : null;
  for (const d of hiddenDirs) {
    if (d === '/tmp' && keptTmp !== null) args.push('--bind', keptTmp, '/tmp');
    else args.push(...tmpfsSize(d === '/tmp' ? TMP_BYTES : 64 * 2 ** 20), '--tmpfs', d);
  }
  const releases: Array<() => void> = [];
  const writable = spec.mode === 'workspace-write' ? spec.writableRoots : [];
  if (spec.mode === 'workspace-write') {
    for (const root of spec.writableRoots) {
      args.push('--bind', root, root);
      // Agent configuration stays read-only (writing it needs the user's approval): the folders
      // that exist, at any depth, and empty stand-ins for the missing top-level ones, so that a
      // command cannot create `.codex/` or `.git/` either.
      const missing = missingConfigMountpoints(root);
      releases.push(missing.release);
      // The stand-ins exist by now, so the scan finds them too: each folder mounted once.
      const config = new Set([...(await findProtectedConfig(root)), ...missing.paths]);
      // A `.git` file's gitdir outside the writable roots is read-only already.
      for (const dir of config) if (spec.writableRoots.some((r) => isWithin(r, dir))) args.push('--ro-bind', dir, dir);
    }
  } else {
    // The workspace stays visible (read-only) where a hidden folder like /tmp holds it.
    for (const root of spec.writableRoots)
      if (hiddenDirs.some((d) => isWithin(d, root))) args.push('--ro-bind', root, root);
  }
  for (const socket of socketsToMask(writable, [...hiddenDirs, ...spec.hidden], spec.writableRoots))
    args.push('--ro-bind', '/dev/null', socket);
  // No network of any kind, and no System V or POSIX IPC shared with the processes outside.
  args.push(
    ...hideTandem,
    '--unshare-net',
    '--unshare-ipc',
    '--unshare-pid',
    ...tail,
    ...limitedShell(command, limits),
  );
  // Root is exempt from RLIMIT_NPROC: a pids cgroup of the command's own holds its processes.
  const group = isRoot() ? processGroup(limits.processes) : null;
  if (group) releases.push(() => group.release());
  return {
    argv: [...(group?.enter ?? []), ...args],
    privateTmp: true,
    wrapped: true,
    release: () => releases.forEach((r) => r()),
  };
}
