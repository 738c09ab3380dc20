/**
 * The environment a command gets: an allow-list, not a deny-list. The server's environment holds
 * whatever the user's session had (cloud credentials, tokens under any name, a database URL) and
 * the ways out of a sandbox (SSH_AUTH_SOCK, DBUS_SESSION_BUS_ADDRESS, DISPLAY, DOCKER_HOST,
 * XDG_RUNTIME_DIR): a command — and so the model — gets only what a shell needs to behave, plus
 * Tandem's own settings for it and the names the user lists in settings.json (`commandEnv`).
 */
import { isWithin } from './paths';

/** What a shell and the usual tools need; none of it is a secret or a way to reach a service. */
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  'COLORTERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'PWD',
  'COLUMNS',
  'LINES',
]);
const ALLOWED_PREFIXES = ['LC_'];

export interface CommandEnvOptions {
  /** Names (or `PREFIX_*`) the user allows on top of the list (settings.json `commandEnv`). */
  allow?: readonly string[];
  /** Tandem's own variables for this command, set last (e.g. git's safety settings). */
  extra?: Readonly<Record<string, string>>;
  /**
   * The writable roots of a sandbox with a private /tmp, or null without one: a TMPDIR the
   * command cannot write there is dropped, so tools fall back to the sandbox's own /tmp.
   */
  privateTmpRoots?: readonly string[] | null;
}

function allowed(name: string, extra: readonly string[]): boolean {
  if (ALLOWED.has(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p))) return true;
  return extra.some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name));
}

export function commandEnv(base: NodeJS.ProcessEnv, opts: CommandEnvOptions = {}): NodeJS.ProcessEnv {
  const allow = opts.allow ?? [];
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && allowed(k, allow)) env[k] = v;
  const roots = opts.privateTmpRoots;
  if (roots && env.TMPDIR && env.TMPDIR !== '/tmp' && !roots.some((r) => isWithin(r, env.TMPDIR ?? '')))
    delete env.TMPDIR;
  return { ...env, ...opts.extra };
}
