/**
 * Codex's config, provider and account methods over Tandem's settings.json: the same file, the
 * same validation and the same `settings` lock as `tandem/settings/*` (settings-handlers.ts), so a
 * change made one way is read back the other. The API key is never sent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configUnreadable, configWriteRefused } from '../../../protocol/rpc/errors';
import type { ConfigEdit, ConfigWriteResponse } from '../../../protocol/schema/config';
import { rateLimitsView } from '../rate-limits-view';
import {
  readSettings,
  settingsPath,
  settingsText,
  settingsWritten,
  writeSettings,
  type SettingsFile,
} from '../../settings';
import type { HandlerTable } from '../handler';
import type { ServerOptions } from '../options';
import {
  accountOf,
  configView,
  fileLayer,
  layerMeta,
  originsOf,
  providerSummary,
  settingsPatchOf,
  versionOf,
  type ConfigContext,
} from './codex-config';

type ConfigMethods =
  | 'config/read'
  | 'config/value/write'
  | 'config/batchWrite'
  | 'modelProvider/list'
  | 'account/read'
  | 'account/rateLimits/read';

export interface ConfigHandlersDeps {
  options: Pick<ServerOptions, 'home' | 'defaults' | 'env' | 'secrets' | 'rateLimits'>;
}

/** The file as read: its settings and its text (for the version). */
function load(home: string): { settings: SettingsFile; text: string } {
  let text = '';
  try {
    text = readFileSync(settingsPath(home), 'utf8');
  } catch {
    // no file: empty settings, and the version of an empty file
  }
  try {
    return { settings: readSettings(home), text };
  } catch (e) {
    throw configUnreadable(e instanceof Error ? e.message : String(e));
  }
}

export function configHandlers({ options }: ConfigHandlersDeps): Pick<HandlerTable, ConfigMethods> {
  const { home, defaults } = options;
  const env = options.env ?? process.env;
  const file = resolve(settingsPath(home));
  const context = (text: string): ConfigContext => ({ defaults, env, file, text });

  // Writes run one at a time with tandem/settings/write (the method table's `lock: 'settings'`).
  const write = async (
    edits: ConfigEdit[],
    target: { filePath?: string | null; expectedVersion?: string | null },
  ): Promise<ConfigWriteResponse> => {
    if (target.filePath && resolve(target.filePath) !== file)
      throw configWriteRefused(
        'configLayerReadonly',
        `Only Tandem's settings file (${file}) can be written, not ${target.filePath}`,
      );
    const { settings, text } = load(home);
    if (target.expectedVersion && target.expectedVersion !== versionOf(text))
      throw configWriteRefused(
        'configVersionConflict',
        'The settings changed since this version was read; read them again (config/read) and retry',
      );
    const next = settingsWritten(settings, settingsPatchOf(edits), options.secrets);
    await writeSettings(home, next);
    return { status: 'ok', version: versionOf(settingsText(next)), filePath: file, overriddenMetadata: null };
  };

  return {
    'config/read': async (p) => {
      const { settings, text } = load(home);
      const ctx = context(text);
      return {
        config: configView(settings, ctx),
        origins: originsOf(settings, ctx),
        ...(p.includeLayers ? { layers: [{ ...layerMeta(ctx), config: fileLayer(settings, defaults) }] } : {}),
      };
    },

    'config/value/write': async (p) => write([p], p),

    'config/batchWrite': async (p) => write(p.edits, p),

    'modelProvider/list': async () => {
      const summary = providerSummary(load(home).settings, { defaults, env });
      // One endpoint: choosing another provider is configuring this one (config/value/write).
      return { data: [summary], defaultProviderId: summary.id, canChangeDefault: false };
    },

    'account/read': async () => {
      const { hasKey, requiresOpenaiAuth } = accountOf(load(home).settings, env);
      return { account: hasKey ? { type: 'apiKey' } : null, requiresOpenaiAuth };
    },

    'account/rateLimits/read': async () => rateLimitsView(options.rateLimits?.snapshot ?? null),
  };
}
