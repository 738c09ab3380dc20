/**
 * New threads' settings: what the Settings screen saved (settings.json), read at each use so a
 * change applies without a restart, over the server's own defaults. The server applies them when
 * `thread/start` leaves a setting out, as Codex applies its config, so every client gets them.
 */
import { AskForApproval, SandboxMode } from '../../protocol/schema/common';
import { readSettings, type SettingsFile } from '../model/config';
import type { ServerOptions, ThreadDefaults } from './options';

export function currentDefaults(options: Pick<ServerOptions, 'home' | 'defaults'>): ThreadDefaults {
  const base = options.defaults;
  let s: SettingsFile;
  try {
    s = readSettings(options.home);
  } catch {
    return base; // a broken file is reported when a turn needs it
  }
  const policy = AskForApproval.safeParse(s.approvalPolicy);
  const sandbox = SandboxMode.safeParse(s.sandbox);
  return {
    ...base,
    ...(s.model ? { model: s.model } : {}),
    ...(s.reasoningEffort !== undefined ? { reasoningEffort: s.reasoningEffort } : {}),
    ...(policy.success ? { approvalPolicy: policy.data } : {}),
    ...(sandbox.success ? { sandbox: sandbox.data } : {}),
  };
}
