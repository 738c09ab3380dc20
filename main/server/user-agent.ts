/**
 * `initialize`'s `userAgent`, in the form Codex 0.169.0 answers it:
 * `<originator>/<version> (<os> <os version>; <arch>) <terminal> (<client name>; <client version>)`,
 * e.g. `tandem/0.169.0 (Debian 12.0.0; x86_64) xterm-256color (my_client; 1.2.3)`. The version is
 * the Codex protocol version Tandem implements, so clients that parse it and compare it with a
 * minimum accept Tandem; the originator names Tandem (its own version goes in `tandem`).
 */
import { readFileSync } from 'node:fs';
import { arch, release, type as osType } from 'node:os';
import { CODEX_PROTOCOL_VERSION } from '../../protocol/codex-version';

/** Codex's os_info names for Node's architectures. */
const ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'x86', arm: 'arm' };

/** `1.2` → `1.2.0`, as os_info prints versions; anything else as it is. */
const semverish = (v: string): string => (/^\d+(\.\d+)?$/.test(v) ? `${v}${'.0'.repeat(3 - v.split('.').length)}` : v);

/** Linux: the distribution from /etc/os-release, as Codex reports it (`Debian 12.0.0`). */
function linuxOs(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (k: string): string | undefined =>
      text.match(new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm'))?.[1]?.trim() || undefined;
    const name = (field('NAME') ?? 'Linux').replace(/\s*GNU\/Linux$/, '').replace(/\s*Linux$/, '') || 'Linux';
    const version = field('VERSION_ID');
    return version ? `${name} ${semverish(version)}` : `${name} Rolling Release`;
  } catch {
    return `Linux ${release()}`;
  }
}

function osPart(): string {
  const os = osType();
  if (os === 'Linux') return linuxOs();
  if (os === 'Darwin') return `Mac OS ${release()}`;
  if (os === 'Windows_NT') return `Windows ${release()}`;
  return `${os} ${release()}`;
}

/** Codex's terminal token: TERM_PROGRAM[/version], else TERM, else `unknown`; header-safe. */
function terminalPart(env: NodeJS.ProcessEnv): string {
  const program = env.TERM_PROGRAM?.trim();
  const raw = program
    ? env.TERM_PROGRAM_VERSION
      ? `${program}/${env.TERM_PROGRAM_VERSION.trim()}`
      : program
    : env.TERM?.trim() || 'unknown';
  return headerSafe(raw) || 'unknown';
}

/** Only what an HTTP header value may carry, as Codex sanitizes it. */
const headerSafe = (s: string): string => s.replace(/[^\x21-\x7e ]/g, '_');

let platform: string | undefined;

export function userAgent(client: { name: string; version: string }, env: NodeJS.ProcessEnv = process.env): string {
  platform ??= `(${osPart()}; ${ARCH[arch()] ?? arch()})`;
  const suffix = `(${headerSafe(client.name)}; ${headerSafe(client.version)})`;
  return `tandem/${CODEX_PROTOCOL_VERSION} ${platform} ${terminalPart(env)} ${suffix}`;
}
