/**
 * New threads' settings: what the Settings screen saved (settings.json, main/settings.ts), read at
 * each use so a change applies without a restart, over the server's own defaults. The server
 * applies them when `thread/start` leaves a setting out, as Codex applies its config, so every
 * client gets them.
 */
import { readSettings, threadDefaultsOf, type SettingsFile } from '../settings';
import type { ServerOptions, ThreadDefaults } from './options';

export function currentDefaults(options: Pick<ServerOptions, 'home' | 'defaults' | 'overrides'>): ThreadDefaults {
  let s: SettingsFile;
  try {
    s = readSettings(options.home);
  } catch {
    return { ...options.defaults, ...options.overrides }; // a broken file is reported when a turn needs it
  }
  return { ...options.defaults, ...threadDefaultsOf(s), ...options.overrides };
}
