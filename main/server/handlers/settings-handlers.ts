/**
 * The settings screen's methods (Tandem extensions): read and write settings.json in the home
 * folder — the API key encrypted with the OS keychain where the desktop app can, never sent
 * back — and test the connection with what is configured.
 */
import { AppError, ErrorCode } from '../../../protocol/rpc/errors';
import { readSettings, settingsView, settingsWritten, writeSettings, type SettingsFile } from '../../settings';
import type { AppServer } from '../app-server';
import type { HandlerTable } from '../handler';

type SettingsMethods = 'tandem/settings/read' | 'tandem/settings/write' | 'tandem/settings/testConnection';

function load(home: string): SettingsFile {
  try {
    return readSettings(home);
  } catch (e) {
    throw new AppError(ErrorCode.InvalidTarget, e instanceof Error ? e.message : String(e), { reason: 'config' });
  }
}

export function settingsHandlers(server: AppServer): Pick<HandlerTable, SettingsMethods> {
  const { home, defaults } = server.options;
  const env = server.options.env ?? process.env;
  return {
    'tandem/settings/read': async () => settingsView(load(home), defaults, env),

    'tandem/settings/write': (p) =>
      server.exclusive('settings', async () => {
        const next = settingsWritten(load(home), p, server.options.secrets);
        await writeSettings(home, next);
        return settingsView(next, defaults, env);
      }),

    'tandem/settings/testConnection': async () => {
      try {
        const models = await server.options.createModel(load(home).model ?? defaults.model).listModels(AbortSignal.timeout(15_000));
        return { ok: true, message: `Connected: the endpoint lists ${models.length} model${models.length === 1 ? '' : 's'}.`, models };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e), models: [] };
      }
    },
  };
}
