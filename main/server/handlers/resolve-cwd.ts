/** A request's `cwd`: resolved against the folder it is relative to, and required to be a folder. */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { invalidCwd } from '../../../protocol/rpc/errors';

/** The absolute folder `input` names (relative ones against `base`); invalidCwd when it is none. */
export async function resolveCwd(input: string, base: string): Promise<string> {
  const cwd = isAbsolute(input) ? resolve(input) : resolve(base, input);
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw invalidCwd(cwd);
  return cwd;
}
