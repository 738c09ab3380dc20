/**
 * settings.json in the home folder, owned here: its schema, reading and writing it, what it sets
 * for new threads, and the view the Settings screen gets. Read at each use, so a change applies
 * without a restart. Below main/model (which reads its endpoint and key from here), so it imports
 * only protocol/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { policyName } from '../protocol/policy';
import { AskForApproval, SandboxMode } from '../protocol/schema/common';
import { BUILTIN_ENGINE, EngineChoice } from '../protocol/schema/engine';
import type { Settings, SettingsWriteParams } from '../protocol/schema/tandem';

/**
 * What `settings.json` may hold. Unknown keys are kept for other parts of the app.
 * Built on first use, not at start-up: a server answering `initialize` never reads settings, and
 * each schema built at start-up counts toward zod's constructor getting hot enough for V8 to
 * optimise it there, which pages the optimising compiler into memory (4 MiB of RSS; bench).
 */
const settingsSchema = () =>
  z.looseObject({
    model: z.string().min(1).optional(),
    baseUrl: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
    /** The key encrypted with the OS keychain (Electron's safeStorage), base64; preferred over apiKey. */
    apiKeyEncrypted: z.string().min(1).optional(),
    wireApi: z.enum(['responses', 'chat']).optional(),
    reasoningEffort: z.string().min(1).nullable().optional(),
    /** The endpoint's provider id and display name, as Codex's config/* methods name them. */
    modelProvider: z.string().min(1).optional(),
    modelProviderName: z.string().min(1).optional(),
    /** Kept as text: a value the server does not know leaves the default in place, not a broken file. */
    approvalPolicy: z.string().optional(),
    sandbox: z.string().optional(),
    /** Which engine the UI talks to (protocol/schema/engine.ts); kept as given, checked where it is used. */
    engine: z.unknown().optional(),
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

/** Keeps the API key encrypted at rest where the platform can (the desktop app's safeStorage). */
export interface SecretStore {
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

export const settingsPath = (home: string): string => join(home, 'settings.json');

/** Read `settings.json`; a missing file is empty settings, a broken one is an error that says where. */
export function readSettings(home: string): SettingsFile {
  const path = settingsPath(home);
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

/**
 * The file with a Settings-screen write applied: only the fields given change, `null` removes one;
 * a new API key is stored encrypted where `secrets` can, and replaces the old key in either form.
 */
export function settingsWritten(current: SettingsFile, p: SettingsWriteParams, secrets?: SecretStore): SettingsFile {
  const next: SettingsFile = { ...current };
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
  set('modelProvider', p.modelProvider);
  set('modelProviderName', p.modelProviderName);
  set('reasoningEffort', p.reasoningEffort);
  set('engine', p.engine);
  if (p.apiKey !== undefined) {
    delete next.apiKey;
    delete next.apiKeyEncrypted;
    if (p.apiKey !== null) {
      if (secrets?.available()) next.apiKeyEncrypted = secrets.encrypt(p.apiKey);
      else next.apiKey = p.apiKey;
    }
  }
  return next;
}

/** Replace `settings.json` at once (never half-written); only the user may read it: it can hold the key. */
export async function writeSettings(home: string, file: SettingsFile): Promise<void> {
  await writeFileAtomic(settingsPath(home), settingsText(file), { mode: 0o600 });
}

/** The text `writeSettings` writes for `file`. */
export const settingsText = (file: SettingsFile): string => JSON.stringify(file, null, 2) + '\n';

/** What settings.json sets for new threads; what it leaves out (or holds invalid), the server's own defaults decide. */
interface SettingsThreadDefaults {
  model?: string;
  reasoningEffort?: string | null;
  approvalPolicy?: AskForApproval;
  sandbox?: SandboxMode;
}

export function threadDefaultsOf(s: SettingsFile): SettingsThreadDefaults {
  const policy = AskForApproval.safeParse(s.approvalPolicy);
  const sandbox = SandboxMode.safeParse(s.sandbox);
  return {
    ...(s.model ? { model: s.model } : {}),
    ...(s.reasoningEffort !== undefined ? { reasoningEffort: s.reasoningEffort } : {}),
    ...(policy.success ? { approvalPolicy: policy.data } : {}),
    ...(sandbox.success ? { sandbox: sandbox.data } : {}),
  };
}

/**
 * What the Settings screen shows: the file's values over the server's defaults (the policy and
 * sandbox new threads get), and where the key comes from — never the key.
 */
export function settingsView(
  s: SettingsFile,
  defaults: { approvalPolicy: AskForApproval; sandbox: SandboxMode },
  env: NodeJS.ProcessEnv,
): Settings {
  const saved = threadDefaultsOf(s);
  return {
    baseUrl: s.baseUrl ?? null,
    model: s.model ?? null,
    wireApi: s.wireApi ?? 'responses',
    approvalPolicy: policyName(saved.approvalPolicy ?? defaults.approvalPolicy),
    sandbox: saved.sandbox ?? defaults.sandbox,
    apiKey: s.apiKeyEncrypted ? 'encrypted' : s.apiKey ? 'stored' : env.OPENAI_API_KEY ? 'environment' : 'missing',
    engine: engineOf(s),
  };
}

/**
 * The engine settings.json chooses; the built-in server when it chooses none, or one this build
 * cannot use (a hand-edited file must never lock the user out of the UI that changes it).
 */
export function engineOf(s: SettingsFile): EngineChoice {
  const parsed = EngineChoice.safeParse(s.engine);
  return parsed.success ? parsed.data : BUILTIN_ENGINE;
}
