/**
 * What settings.json says about commands — the extra environment variables they get and their
 * resource limits — read at each command, so a change applies without a restart.
 */
import { readSettings } from '../settings';
import { DEFAULT_LIMITS, type CommandLimits } from './command-limits';

export interface CommandSettings {
  allowEnv: string[];
  limits: CommandLimits;
}

export function commandSettings(home: string): CommandSettings {
  let s: ReturnType<typeof readSettings>;
  try {
    s = readSettings(home);
  } catch {
    // A broken settings.json is reported where the model settings are read; commands keep the defaults.
    return { allowEnv: [], limits: DEFAULT_LIMITS };
  }
  const l = s.commandLimits ?? {};
  return {
    allowEnv: s.commandEnv ?? [],
    limits: {
      processes: l.processes ?? DEFAULT_LIMITS.processes,
      memoryMb: l.memoryMb ?? DEFAULT_LIMITS.memoryMb,
      fileSizeMb: l.fileSizeMb ?? DEFAULT_LIMITS.fileSizeMb,
      cpuSeconds: l.cpuSeconds === undefined ? DEFAULT_LIMITS.cpuSeconds : l.cpuSeconds,
    },
  };
}
