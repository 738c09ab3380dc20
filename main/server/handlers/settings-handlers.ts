/**
 * The settings screen's methods (Tandem extensions): read and write settings.json in the home
 * folder — the API key encrypted with the OS keychain where the desktop app can, never sent
 * back — and test the connection with what is configured.
 */
import { configUnreadable } from '../../../protocol/rpc/errors';
import { readSettings, settingsView, settingsWritten, writeSettings, type SettingsFile } from '../../settings';
import type { HandlerTable } from '../handler';
import type { ServerOptions } from '../options';

type SettingsMethods = 'tandem/settings/read' | 'tandem/settings/write' | 'tandem/settings/testConnection';

function load(home: string): SettingsFile {
  try {
    return readSettings(home);
  } catch (e) {
    throw configUnreadable(e instanceof Error ? e.message : String(e));
  }
}

/** What the settings handlers use of the server. */
export interface SettingsHandlersDeps {
  options: Pick<ServerOptions, 'home' | 'defaults' | 'env' | 'secrets' | 'createModel'>;
}

export function settingsHandlers({ options }: SettingsHandlersDeps): Pick<HandlerTable, SettingsMethods> {
  const { home, defaults } = options;
  const env = options.env ?? process.env;
  return {
    'tandem/settings/read': async () => settingsView(load(home), defaults, env),

    // Writes run one at a time (the method table's `lock: 'settings'`): each reads, changes, writes the file.
    'tandem/settings/write': async (p) => {
      const next = settingsWritten(load(home), p, options.secrets);
      await writeSettings(home, next);
      return settingsView(next, defaults, env);
    },

    'tandem/settings/testConnection': async () => {
      try {
        const models = await options
          .createModel(load(home).model ?? defaults.model)
          .listModels(AbortSignal.timeout(15_000));
        return {
          ok: true,
          message: `Connected: the endpoint lists ${models.length} model${models.length === 1 ? '' : 's'}.`,
          models: models.map((m) => m.id),
        };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e), models: [] };
      }
    },
  };
}
