/** `tandem/folders/complete`: the folder picker of web mode, where no native dialog exists. */
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { HandlerTable } from '../handler';

export function folderHandlers(): Pick<HandlerTable, 'tandem/folders/complete'> {
  return {
    'tandem/folders/complete': async (p) => {
      const raw = p.prefix.trim() === '' ? homedir() + sep : p.prefix.replace(/^~(?=$|\/)/, homedir());
      const path = isAbsolute(raw) ? raw : resolve(homedir(), raw);
      // "/a/b/" lists b's children; "/a/b" lists a's children that start with "b".
      const parent = path.endsWith(sep) ? resolve(path) : dirname(path);
      const start = path.endsWith(sep) ? '' : basename(path);
      const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
      const folders = entries
        .filter(
          (e) => e.isDirectory() && e.name.startsWith(start) && (start.startsWith('.') || !e.name.startsWith('.')),
        )
        .map((e) => join(parent, e.name))
        .sort((a, b) => a.localeCompare(b))
        .slice(0, p.limit ?? 50);
      return { parent, folders };
    },
  };
}
