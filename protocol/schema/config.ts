/**
 * Codex's configuration methods over Tandem's settings: `config/read`, `config/value/write`,
 * `config/batchWrite`, `modelProvider/list`. Shapes as Codex 0.169.0's schema has them; the
 * config itself is keyed as Codex's config.toml is (snake_case key paths).
 */
import { z } from 'zod';
import { AbsolutePath, AskForApproval, ReasoningEffort, SandboxMode } from './common';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

/** Params of `config/read`. Tandem has one layer (settings.json), so `cwd` changes nothing. */
export const ConfigReadParams = z.lazy(() =>
  z.object({
    includeLayers: z.boolean().optional(),
    cwd: z.string().nullable().optional(),
  }),
);
export type ConfigReadParams = z.infer<typeof ConfigReadParams>;

/** Where a config layer comes from. Tandem has only the user's settings file. */
const ConfigLayerSource = z.lazy(() =>
  z.object({
    type: z.literal('user'),
    /** The user's settings file (Tandem: settings.json in its home). */
    file: AbsolutePath,
    profile: z.string().nullable().optional(),
  }),
);

export const ConfigLayerMetadata = z.lazy(() =>
  z.object({
    name: ConfigLayerSource,
    /** `sha256:<hex>` of the file as read: pass it as `expectedVersion` to write only over what you saw. */
    version: z.string(),
  }),
);
export type ConfigLayerMetadata = z.infer<typeof ConfigLayerMetadata>;

const ConfigLayer = z.lazy(() =>
  ConfigLayerMetadata.unwrap().extend({
    config: z.unknown(),
    disabledReason: z.string().nullable().optional(),
  }),
);

/** One configured endpoint, as config.toml's `[model_providers.<id>]` table names its fields. */
const ConfigModelProvider = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    base_url: z.string().nullable(),
    wire_api: z.enum(['responses', 'chat']),
    /** Where the key comes from when it is the environment's (the key itself is never sent). */
    env_key: z.string().nullable().optional(),
    requires_openai_auth: z.boolean().optional(),
  }),
);

/** The effective config, keyed as Codex's is; keys Tandem does not have are absent. */
export const Config = z.lazy(() =>
  z.looseObject({
    model: z.string().nullable().optional(),
    model_provider: z.string().nullable().optional(),
    model_reasoning_effort: ReasoningEffort.nullable().optional(),
    model_context_window: z.number().int().nullable().optional(),
    approval_policy: AskForApproval.nullable().optional(),
    sandbox_mode: SandboxMode.nullable().optional(),
    model_providers: z.record(z.string(), ConfigModelProvider).optional(),
  }),
);
export type Config = z.infer<typeof Config>;

export const ConfigReadResponse = z.lazy(() =>
  z.object({
    config: Config,
    /** For each key path the settings file sets: the layer that set it. */
    origins: z.record(z.string(), ConfigLayerMetadata),
    layers: z.array(ConfigLayer).nullable().optional(),
  }),
);
export type ConfigReadResponse = z.infer<typeof ConfigReadResponse>;

const MergeStrategy = z.lazy(() => z.enum(['replace', 'upsert']));

/** One edit: a dotted key path (`model`, `model_providers.local.base_url`) and its value; null clears it. */
export const ConfigEdit = z.lazy(() =>
  z.object({
    keyPath: z.string(),
    value: z.unknown(),
    mergeStrategy: MergeStrategy,
  }),
);
export type ConfigEdit = z.infer<typeof ConfigEdit>;

export const ConfigValueWriteParams = z.lazy(() =>
  ConfigEdit.unwrap().extend({
    /** Only Tandem's settings file can be written; another path is refused (configLayerReadonly). */
    filePath: z.string().nullable().optional(),
    expectedVersion: z.string().nullable().optional(),
  }),
);
export type ConfigValueWriteParams = z.infer<typeof ConfigValueWriteParams>;

export const ConfigBatchWriteParams = z.lazy(() =>
  z.object({
    edits: z.array(ConfigEdit),
    filePath: z.string().nullable().optional(),
    expectedVersion: z.string().nullable().optional(),
    /** Tandem reads its settings at each use: the next turn sees a write either way. */
    reloadUserConfig: z.boolean().optional(),
  }),
);
export type ConfigBatchWriteParams = z.infer<typeof ConfigBatchWriteParams>;

export const ConfigWriteResponse = z.lazy(() =>
  z.object({
    status: z.enum(['ok', 'okOverridden']),
    /** The file's version after the write. */
    version: z.string(),
    filePath: AbsolutePath,
    overriddenMetadata: z
      .object({ message: z.string(), overridingLayer: ConfigLayerMetadata, effectiveValue: z.unknown() })
      .nullable()
      .optional(),
  }),
);
export type ConfigWriteResponse = z.infer<typeof ConfigWriteResponse>;

/** Why a config write was refused, as Codex names it (in the error's `data.config_write_error_code`). */
export const ConfigWriteErrorCode = z.lazy(() =>
  z.enum([
    'configLayerReadonly',
    'configVersionConflict',
    'configValidationError',
    'configPathNotFound',
    'configSchemaUnknownKey',
    'userLayerNotFound',
  ]),
);
export type ConfigWriteErrorCode = z.infer<typeof ConfigWriteErrorCode>;

export const ModelProviderListParams = z.lazy(() => z.object({}));

/** How a provider is authenticated: Tandem's endpoint takes a bearer key from settings or the environment. */
const GatewayAuth = z.lazy(() =>
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('none') }),
    z.object({ mode: z.literal('environmentVariable'), envKey: z.string() }),
    z.object({ mode: z.literal('externallyConfigured'), envKey: z.string().nullable().optional() }),
  ]),
);

const ProviderSettings = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('openai') }),
    z.object({ type: z.literal('customGateway'), auth: GatewayAuth }),
  ]),
);

export const ModelProviderSummary = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    /** Null when the endpoint is the provider's own default. */
    baseUrl: z.string().nullable().optional(),
    canEdit: z.boolean(),
    settings: ProviderSettings,
  }),
);
export type ModelProviderSummary = z.infer<typeof ModelProviderSummary>;

export const ModelProviderListResponse = z.lazy(() =>
  z.object({
    data: z.array(ModelProviderSummary),
    defaultProviderId: z.string(),
    canChangeDefault: z.boolean(),
  }),
);
export type ModelProviderListResponse = z.infer<typeof ModelProviderListResponse>;
