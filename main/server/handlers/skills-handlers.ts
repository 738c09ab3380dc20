/** `skills/list`: the skills found on disk for each working directory asked about (main/tools/skills.ts). */
import { resolve } from 'node:path';
import { discoverSkills } from '../../tools/skills';
import type { HandlerTable } from '../handler';
import type { ServerOptions } from '../options';

export function skillsHandlers({
  options,
}: {
  options: Pick<ServerOptions, 'home' | 'defaultCwd'>;
}): Pick<HandlerTable, 'skills/list'> {
  return {
    // Read from disk on every call: a listing is a few directory reads, and a cache would need
    // `forceReload` to see a skill just written.
    'skills/list': async (p) => {
      const cwds = p.cwds && p.cwds.length > 0 ? p.cwds : [options.defaultCwd];
      const data = await Promise.all(
        cwds.map(async (cwd) => {
          const abs = resolve(options.defaultCwd, cwd);
          return { cwd, ...(await discoverSkills(abs, options.home)) };
        }),
      );
      return { data };
    },
  };
}
