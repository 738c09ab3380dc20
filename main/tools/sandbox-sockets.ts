/**
 * Unix sockets a sandboxed command must not reach. connect() needs no write access, so a
 * read-only bind does not stop it: one socket (Docker's, a session bus, an SSH agent, an X server)
 * is a full escape. The sandbox hides the folders they usually live in (/run, /var/run,
 * $XDG_RUNTIME_DIR, a private /tmp) and masks every other socket the kernel lists as bound
 * (/proc/net/unix) with /dev/null, wherever it is — in $HOME, in /var, anywhere.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isWithin } from './paths';

/**
 * The filesystem paths of bound Unix sockets, as bound (abstract ones, `@…`, live in the network
 * namespace). A socket bound by a relative path is listed without its folder, so is not found
 * here: only the hidden folders cover it.
 */
export function boundSocketPaths(): string[] {
  let table: string;
  try {
    table = readFileSync('/proc/net/unix', 'utf8');
  } catch {
    return [];
  }
  const paths = new Set<string>();
  for (const line of table.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path — the path is the rest (it may hold spaces).
    const m = /^\S+:\s+(?:\S+\s+){5}\d+\s(\/.*)$/.exec(line);
    if (m?.[1]) paths.add(m[1]);
  }
  return [...paths];
}

/**
 * The sockets to mask: bound ones that exist as sockets, are not inside a writable root, and are
 * not already hidden (inside a folder the sandbox replaces with an empty one, and not brought
 * back by a bind of a root).
 */
export function socketsToMask(
  writable: readonly string[],
  hiddenDirs: readonly string[],
  rebound: readonly string[],
): string[] {
  const out = new Set<string>();
  for (const bound of boundSocketPaths()) {
    let p: string;
    try {
      // As the sandbox sees it: /var/run/x is /run/x, a link into the workspace is the workspace.
      p = realpathSync(bound);
      if (!lstatSync(p).isSocket()) continue;
    } catch {
      continue; // gone, or not reachable by this user (nor by its commands)
    }
    if (writable.some((r) => isWithin(r, p))) continue;
    if (hiddenDirs.some((d) => isWithin(d, p)) && !rebound.some((r) => isWithin(r, p))) continue;
    out.add(p);
  }
  return [...out];
}
