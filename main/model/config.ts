/**
 * Model settings: `settings.json` in the home folder (main/settings.ts), then `OPENAI_API_KEY` /
 * `OPENAI_BASE_URL`, then defaults. The key stays in memory here; nothing else in the server sees it.
 */
import type { SecretStore, SettingsFile } from '../settings';
import type { WireApi } from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface ModelConfig {
  baseUrl: string;
  /** Undefined when none is configured. */
  apiKey: string | undefined;
  wireApi: WireApi;
  model: string;
  reasoningEffort: string | null;
}

/** The key from settings (decrypted if it was stored encrypted), else from the environment. */
function apiKeyOf(settings: SettingsFile, env: NodeJS.ProcessEnv, secrets?: SecretStore): string | undefined {
  if (settings.apiKeyEncrypted && secrets?.available()) return secrets.decrypt(settings.apiKeyEncrypted);
  return settings.apiKey ?? (env.OPENAI_API_KEY || undefined);
}

export function resolveModelConfig(
  settings: SettingsFile,
  env: NodeJS.ProcessEnv,
  defaultModel: string,
  secrets?: SecretStore,
): ModelConfig {
  return {
    baseUrl: (settings.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiKey: apiKeyOf(settings, env, secrets),
    wireApi: settings.wireApi ?? (env.TANDEM_WIRE_API === 'chat' ? 'chat' : 'responses'),
    model: settings.model ?? defaultModel,
    reasoningEffort: settings.reasoningEffort ?? null,
  };
}
