/**
 * Model settings: `settings.json` in the home folder, then `OPENAI_API_KEY` / `OPENAI_BASE_URL`,
 * then defaults. The key stays in memory here; nothing else in the server sees it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { WireApi } from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * What `settings.json` may hold. Unknown keys are kept for other parts of the app.
 * Built on first use, not at start-up: a server answering `initialize` never reads settings, and
 * each schema built at start-up counts toward zod's constructor getting hot enough for V8 to
 * optimise it there, which pages the optimising compiler into memory (4 MiB of RSS; bench).
 */
const settingsSchema = () => z.looseObject({
  model: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  /** The key encrypted with the OS keychain (Electron's safeStorage), base64; preferred over apiKey. */
  apiKeyEncrypted: z.string().min(1).optional(),
  wireApi: z.enum(['responses', 'chat']).optional(),
  reasoningEffort: z.string().min(1).nullable().optional(),
  approvalPolicy: z.string().optional(),
  sandbox: z.string().optional(),
  /** More environment variables commands get (names, or `PREFIX_*`), beyond the allow-list. */
  commandEnv: z.array(z.string().min(1)).optional(),
  /** Resource limits of sandboxed commands, over the defaults (main/tools/command-limits.ts). */
  commandLimits: z
    .object({
      processes: z.number().int().positive().optional(),
      memoryMb: z.number().int().positive().optional(),
      fileSizeMb: z.number().int().positive().optional(),
      cpuSeconds: z.number().int().positive().nullable().optional(),
    })
    .optional(),
});
let settingsFile: ReturnType<typeof settingsSchema> | undefined;
export type SettingsFile = z.infer<ReturnType<typeof settingsSchema>>;

export interface ModelConfig {
  baseUrl: string;
  /** Undefined when none is configured. */
  apiKey: string | undefined;
  wireApi: WireApi;
  model: string;
  reasoningEffort: string | null;
}

/** Read `settings.json`; a missing file is empty settings, a broken one is an error that says where. */
export function readSettings(home: string): SettingsFile {
  const path = join(home, 'settings.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = (settingsFile ??= settingsSchema()).safeParse(value);
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Keeps the API key encrypted at rest where the platform can (the desktop app's safeStorage). */
export interface SecretStore {
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

/** The key from settings (decrypted if it was stored encrypted), else from the environment. */
export function apiKeyOf(settings: SettingsFile, env: NodeJS.ProcessEnv, secrets?: SecretStore): string | undefined {
  if (settings.apiKeyEncrypted && secrets?.available()) return secrets.decrypt(settings.apiKeyEncrypted);
  return settings.apiKey ?? (env.OPENAI_API_KEY || undefined);
}

export function resolveModelConfig(settings: SettingsFile, env: NodeJS.ProcessEnv, defaultModel: string, secrets?: SecretStore): ModelConfig {
  return {
    baseUrl: (settings.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiKey: apiKeyOf(settings, env, secrets),
    wireApi: settings.wireApi ?? (env.TANDEM_WIRE_API === 'chat' ? 'chat' : 'responses'),
    model: settings.model ?? defaultModel,
    reasoningEffort: settings.reasoningEffort ?? null,
  };
}
