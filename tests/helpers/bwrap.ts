/**
 * Tests that need the bubblewrap sandbox: where bwrap is missing (or cannot make a sandbox, e.g.
 * user namespaces are off) they are skipped, and the skip says why, so `npm test` is green on a
 * fresh machine without hiding what it did not check.
 */
import { describe, it } from 'vitest';
import { sandboxAvailable } from '../../main/tools/sandbox';

/** Why sandbox tests cannot run here, or null when they can. */
const NO_BWRAP: string | null = sandboxAvailable()
  ? null
  : 'skipped: bubblewrap (bwrap) is not on PATH or cannot create a sandbox on this machine (apt-get install bubblewrap)';

/** `it`, or a skipped test whose name carries the reason when there is no sandbox. */
export function itWithBwrap(name: string, fn: () => Promise<void>, timeout?: number): void {
  if (NO_BWRAP) it.skip(`${name} (${NO_BWRAP})`, fn);
  else it(name, fn, timeout);
}

/** `describe`, skipped with the reason in its name when there is no sandbox. */
export function describeWithBwrap(name: string, fn: () => void): void {
  if (NO_BWRAP) describe.skip(`${name} (${NO_BWRAP})`, fn);
  else describe(name, fn);
}
