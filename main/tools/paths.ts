/**
 * Path confinement: every path a tool touches is resolved against the thread's folder and must
 * stay inside it. Resolution follows symlinks (of the path and of its nearest existing
 * ancestor), so `..`, absolute paths elsewhere, sibling folders that share a prefix, and links
 * that lead out are all refused.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A path the agent may not use, with a reason the model and the user can read. */
export class PathRefused extends Error {}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
async function realpathLoose(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch (e) {
    const parent = dirname(p);
    if (parent === p || (e as { code?: string }).code !== 'ENOENT') throw e;
    return join(await realpathLoose(parent), basename(p));
  }
}

/** Whether `child` is `root` or inside it (both real, absolute). */
export function isWithin(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export interface Confinement {
  /** The thread's folder, as the user sees it. */
  cwd: string;
  /** Folders that may be used (real paths); the first is the workspace itself. */
  roots: string[];
  /** Folders no tool may touch even inside the roots (Tandem's home: settings, key, threads). */
  protected: string[];
}

export async function confinementFor(
  cwd: string,
  extraRoots: readonly string[] = [],
  protectedPaths: readonly string[] = [],
): Promise<Confinement> {
  const real = (p: string): Promise<string> => realpathLoose(resolve(p));
  const roots = await Promise.all([cwd, ...extraRoots].map(real));
  return { cwd, roots, protected: await Promise.all(protectedPaths.map(real)) };
}

/**
 * Resolve `p` (relative to the thread's folder, or absolute) to a real absolute path inside the
 * workspace, or throw PathRefused saying why not.
 */
export async function confine(c: Confinement, p: string): Promise<string> {
  if (p.includes('\0')) throw new PathRefused(`Refused path ${JSON.stringify(p)}: it contains a NUL byte`);
  const wanted = resolve(c.cwd, p);
  const real = await realpathLoose(wanted);
  if (c.protected.some((p) => isWithin(p, real))) {
    throw new PathRefused(
      `Refused path ${p}: it is inside Tandem's own data folder (settings, credentials, threads), which tools may not touch.`,
    );
  }
  if (c.roots.some((root) => isWithin(root, real))) return real;
  const how = real !== wanted ? ` (it resolves to ${real} through a symbolic link)` : '';
  throw new PathRefused(
    `Refused path ${p}${how}: it is outside the workspace ${c.cwd}. Only files inside the workspace may be used.`,
  );
}
