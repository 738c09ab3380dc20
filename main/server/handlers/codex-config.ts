/**
 * Codex's config, as config.toml keys it, over Tandem's settings.json: the view `config/read`
 * and `modelProvider/list` show, and Codex key-path edits turned into the same settings write
 * `tandem/settings/write` makes (validated by the same schema), so the two ways read each other's
 * changes. Tandem has one endpoint: the provider `model_provider` names is it.
 */
import { createHash } from 'node:crypto';
import { wireApprovalPolicy } from '../../../protocol/policy';
import { configWriteRefused } from '../../../protocol/rpc/errors';
import { AskForApproval } from '../../../protocol/schema/common';
import type { Config, ConfigEdit, ConfigLayerMetadata, ModelProviderSummary } from '../../../protocol/schema/config';
import { SettingsWriteParams } from '../../../protocol/schema/tandem';
import { DEFAULT_BASE_URL } from '../../model/config';
import { knownModel } from '../../model/known-models';
import { policyName } from '../../../protocol/policy';
import { threadDefaultsOf, type SettingsFile } from '../../settings';
import type { ThreadDefaults } from '../options';

/** Where the view's values come from besides the file. */
export interface ConfigContext {
  defaults: ThreadDefaults;
  env: NodeJS.ProcessEnv;
  /** The settings file's absolute path and its text as read ('' when there is none). */
  file: string;
  text: string;
}

/** A file's version as Codex writes it: `sha256:` and the hex digest of its bytes. */
export const versionOf = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const providerIdOf = (s: SettingsFile, defaults: ThreadDefaults): string => s.modelProvider ?? defaults.modelProvider;
const baseUrlOf = (s: SettingsFile, env: NodeJS.ProcessEnv): string =>
  (s.baseUrl ?? (env.OPENAI_BASE_URL || DEFAULT_BASE_URL)).replace(/\/+$/, '');
const hasKey = (s: SettingsFile, env: NodeJS.ProcessEnv): boolean =>
  Boolean(s.apiKey ?? s.apiKeyEncrypted ?? env.OPENAI_API_KEY);

/** The Codex key path each settings field is read and written as. */
function keyPathsOf(s: SettingsFile, defaults: ThreadDefaults): Partial<Record<keyof SettingsFile, string>> {
  const provider = `model_providers.${providerIdOf(s, defaults)}`;
  return {
    model: 'model',
    reasoningEffort: 'model_reasoning_effort',
    approvalPolicy: 'approval_policy',
    sandbox: 'sandbox_mode',
    modelProvider: 'model_provider',
    baseUrl: `${provider}.base_url`,
    wireApi: `${provider}.wire_api`,
    modelProviderName: `${provider}.name`,
  };
}

/** The effective config: the file's values over the server's defaults, keyed as Codex's. Never the key. */
export function configView(s: SettingsFile, ctx: ConfigContext): Config {
  const saved = threadDefaultsOf(s);
  const id = providerIdOf(s, ctx.defaults);
  const model = saved.model ?? ctx.defaults.model;
  return {
    model,
    model_provider: id,
    model_reasoning_effort: saved.reasoningEffort ?? ctx.defaults.reasoningEffort,
    model_context_window: knownModel(model)?.contextWindow ?? null,
    approval_policy: wireApprovalPolicy(saved.approvalPolicy ?? ctx.defaults.approvalPolicy),
    sandbox_mode: saved.sandbox ?? ctx.defaults.sandbox,
    model_providers: {
      [id]: {
        name: s.modelProviderName ?? id,
        base_url: baseUrlOf(s, ctx.env),
        wire_api: s.wireApi ?? (ctx.env.TANDEM_WIRE_API === 'chat' ? 'chat' : 'responses'),
        // Only where the key comes from, never the key: the environment's variable, when that is it.
        env_key: !s.apiKey && !s.apiKeyEncrypted && ctx.env.OPENAI_API_KEY ? 'OPENAI_API_KEY' : null,
        requires_openai_auth: baseUrlOf(s, ctx.env) === DEFAULT_BASE_URL,
      },
    },
  };
}

/** What the file itself sets, keyed as Codex's (a layer's `config`). */
export function fileLayer(s: SettingsFile, defaults: ThreadDefaults): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(keyPathsOf(s, defaults))) {
    const value = s[field as keyof SettingsFile];
    if (value === undefined || !path) continue;
    let node = out;
    const parts = path.split('.');
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1) ?? path] = value;
  }
  return out;
}

/** For each key path the file sets, the (one) layer that set it. */
export function originsOf(s: SettingsFile, ctx: ConfigContext): Record<string, ConfigLayerMetadata> {
  const meta = layerMeta(ctx);
  const origins: Record<string, ConfigLayerMetadata> = {};
  for (const [field, path] of Object.entries(keyPathsOf(s, ctx.defaults)))
    if (path && s[field as keyof SettingsFile] !== undefined) origins[path] = meta;
  return origins;
}

export const layerMeta = (ctx: Pick<ConfigContext, 'file' | 'text'>): ConfigLayerMetadata => ({
  name: { type: 'user', file: ctx.file, profile: null },
  version: versionOf(ctx.text),
});

/** The one endpoint, as `modelProvider/list` describes a provider. */
export function providerSummary(s: SettingsFile, ctx: Pick<ConfigContext, 'defaults' | 'env'>): ModelProviderSummary {
  const id = providerIdOf(s, ctx.defaults);
  const baseUrl = baseUrlOf(s, ctx.env);
  const openai = baseUrl === DEFAULT_BASE_URL;
  const fromEnv = !s.apiKey && !s.apiKeyEncrypted && Boolean(ctx.env.OPENAI_API_KEY);
  return {
    id,
    name: s.modelProviderName ?? (openai && id === 'openai' ? 'OpenAI' : id),
    baseUrl: openai ? null : baseUrl,
    canEdit: true,
    settings: openai
      ? { type: 'openai' }
      : {
          type: 'customGateway',
          auth: !hasKey(s, ctx.env)
            ? { mode: 'none' }
            : fromEnv
              ? { mode: 'environmentVariable', envKey: 'OPENAI_API_KEY' }
              : { mode: 'externallyConfigured', envKey: null },
        },
  };
}

/** Whether an API key is configured, and whether the endpoint is OpenAI's own (which needs one). */
export function accountOf(s: SettingsFile, env: NodeJS.ProcessEnv): { hasKey: boolean; requiresOpenaiAuth: boolean } {
  return { hasKey: hasKey(s, env), requiresOpenaiAuth: baseUrlOf(s, env) === DEFAULT_BASE_URL };
}

const MAPPED = [
  'model',
  'model_reasoning_effort',
  'approval_policy',
  'sandbox_mode',
  'model_provider',
  'openai_base_url',
  'model_providers.<id>.base_url',
  'model_providers.<id>.wire_api',
  'model_providers.<id>.name',
];

const unknownKey = (keyPath: string): Error =>
  configWriteRefused(
    'configSchemaUnknownKey',
    `Tandem has no setting for "${keyPath}"; the keys it maps onto its settings are: ${MAPPED.join(', ')}`,
    keyPath,
  );

/** A provider table's fields, and how each is written. */
const PROVIDER_FIELDS: Record<string, (v: unknown, patch: Record<string, unknown>) => void> = {
  base_url: (v, patch) => (patch.baseUrl = v),
  wire_api: (v, patch) => (patch.wireApi = v),
  name: (v, patch) => (patch.modelProviderName = v),
  // Tandem reads the key from OPENAI_API_KEY (or its Settings): naming that variable changes nothing.
  env_key: (v, patch) => {
    if (v !== null && v !== 'OPENAI_API_KEY')
      throw configWriteRefused(
        'configValidationError',
        `Tandem reads the API key from OPENAI_API_KEY or its Settings, not from ${String(v)}`,
        'env_key',
      );
    void patch;
  },
};

/** One edit applied to the patch (later edits of a field win). */
function applyEdit(edit: ConfigEdit, patch: Record<string, unknown>): void {
  const parts = edit.keyPath.split('.');
  const [head] = parts;
  const value = edit.value ?? null;
  if (parts.length === 1) {
    switch (head) {
      case 'model':
        patch.model = value;
        return;
      case 'model_reasoning_effort':
        patch.reasoningEffort = value;
        return;
      case 'approval_policy': {
        // Codex's granular form is accepted and kept as the policy it acts as.
        const policy = value === null ? null : AskForApproval.safeParse(value);
        patch.approvalPolicy = policy === null ? null : policy.success ? policyName(policy.data) : value;
        return;
      }
      case 'sandbox_mode':
        patch.sandbox = value;
        return;
      case 'model_provider':
        patch.modelProvider = value;
        return;
      case 'openai_base_url':
        patch.baseUrl = value;
        return;
    }
  }
  if (head === 'model_providers' && parts.length >= 2 && parts[1]) {
    const id = parts[1];
    patch.modelProvider = id;
    if (parts.length === 3 && parts[2] && Object.hasOwn(PROVIDER_FIELDS, parts[2])) {
      PROVIDER_FIELDS[parts[2]]?.(value, patch);
      return;
    }
    if (parts.length === 2 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const table = value as Record<string, unknown>;
      for (const key of Object.keys(table))
        if (!Object.hasOwn(PROVIDER_FIELDS, key)) throw unknownKey(`${edit.keyPath}.${key}`);
      // replace: the fields it leaves out are cleared; upsert: they stay.
      for (const [key, write] of Object.entries(PROVIDER_FIELDS))
        if (key in table) write(table[key] ?? null, patch);
        else if (edit.mergeStrategy === 'replace' && key !== 'env_key') write(null, patch);
      return;
    }
  }
  throw unknownKey(edit.keyPath);
}

/**
 * The settings write these edits make: every edit mapped, then the whole checked by the schema
 * `tandem/settings/write` uses. Throws (nothing written) on an unknown key or an invalid value.
 */
export function settingsPatchOf(edits: ConfigEdit[]): SettingsWriteParams {
  const patch: Record<string, unknown> = {};
  for (const edit of edits) applyEdit(edit, patch);
  const parsed = SettingsWriteParams.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const keyPath = edits.find((e) => e.keyPath.split('.').at(-1) === codexName(field))?.keyPath ?? field;
    throw configWriteRefused(
      'configValidationError',
      `Invalid value for ${keyPath}: ${issue?.message ?? 'not accepted'}`,
      keyPath,
    );
  }
  return parsed.data;
}

const codexName = (field: string): string =>
  ({
    model: 'model',
    reasoningEffort: 'model_reasoning_effort',
    approvalPolicy: 'approval_policy',
    sandbox: 'sandbox_mode',
    modelProvider: 'model_provider',
    baseUrl: 'base_url',
    wireApi: 'wire_api',
    modelProviderName: 'name',
  })[field] ?? field;
