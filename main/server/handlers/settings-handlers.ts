/**
 * The settings screen's methods (Tandem extensions): read and write settings.json in the home
 * folder — the API key encrypted with the OS keychain where the desktop app can, never sent
 * back — and test the connection with what is configured.
 */
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { configUnreadable } from '../../../protocol/rpc/errors';
import type { Settings } from '../../../protocol/schema/tandem';
import { readSettings, type SettingsFile } from '../../model/config';
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
  const view = (s: SettingsFile): Settings => ({
    baseUrl: s.baseUrl ?? null,
    model: s.model ?? null,
    wireApi: s.wireApi ?? 'responses',
    approvalPolicy: (s.approvalPolicy as Settings['approvalPolicy'] | undefined) ?? (typeof defaults.approvalPolicy === 'string' ? defaults.approvalPolicy : 'on-request'),
    sandbox: (s.sandbox as Settings['sandbox'] | undefined) ?? defaults.sandbox,
    apiKey: s.apiKeyEncrypted ? 'encrypted' : s.apiKey ? 'stored' : env.OPENAI_API_KEY ? 'environment' : 'missing',
  });
  return {
    'tandem/settings/read': async () => view(load(home)),

    // Writes run one at a time (the method table's `lock: 'settings'`): each reads, changes, writes the file.
    'tandem/settings/write': async (p) => {
        const next: SettingsFile = { ...load(home) };
        const set = <K extends keyof SettingsFile>(key: K, value: SettingsFile[K] | null | undefined): void => {
          if (value === undefined) return;
          if (value === null) delete next[key];
          else next[key] = value;
        };
        set('baseUrl', p.baseUrl);
        set('model', p.model);
        set('wireApi', p.wireApi);
        set('approvalPolicy', p.approvalPolicy);
        set('sandbox', p.sandbox);
        if (p.apiKey !== undefined) {
          delete next.apiKey;
          delete next.apiKeyEncrypted;
          const secrets = options.secrets;
          if (p.apiKey !== null) {
            if (secrets?.available()) next.apiKeyEncrypted = secrets.encrypt(p.apiKey);
            else next.apiKey = p.apiKey;
          }
        }
        // Only the user may read it: it can hold the key.
        await writeFileAtomic(join(home, 'settings.json'), JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
        return view(next);
    },

    'tandem/settings/testConnection': async () => {
      try {
        const models = await options.createModel(load(home).model ?? defaults.model).listModels(AbortSignal.timeout(15_000));
        return { ok: true, message: `Connected: the endpoint lists ${models.length} model${models.length === 1 ? '' : 's'}.`, models };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e), models: [] };
      }
    },
  };
}
