/**
 * What the command line's `-c` overrides and `--enable/--disable` flags set, in the server's
 * terms: thread defaults over settings.json, and model providers by id. The keys Tandem has no use
 * for are named in one warning; a known key with a value Codex would refuse stops the start.
 */
import { readCodexConfig } from '../server/codex-config';
import type { ThreadDefaults } from '../server/options';
import type { ProviderOverride } from '../model/factory';
import type { AppServerArgs } from './app-server-args';
import { UsageError } from './app-server-args';

export interface CliConfig {
  overrides: Partial<ThreadDefaults>;
  providers: Record<string, ProviderOverride>;
  /** One line for stderr, or undefined when every key was used. */
  warning?: string;
}

/** The built-in provider: settings.json and OPENAI_* decide its endpoint. */
const BUILT_IN_PROVIDER = 'openai';

export function cliConfig(args: AppServerArgs, env: NodeJS.ProcessEnv): CliConfig {
  const { settings, ignored, invalid } = readCodexConfig(args.config);
  if (invalid.length > 0) throw new UsageError(`-c ${invalid.join('; ')}`);
  const providers: Record<string, ProviderOverride> = {};
  const notes: string[] = [];
  for (const [id, e] of Object.entries(settings.providers)) {
    const apiKey = e.envKey !== undefined ? env[e.envKey] || undefined : undefined;
    if (e.envKey !== undefined && !apiKey) notes.push(`model_providers.${id}.env_key: ${e.envKey} is not set`);
    providers[id] = {
      ...(e.baseUrl !== undefined ? { baseUrl: e.baseUrl } : {}),
      ...(e.wireApi !== undefined ? { wireApi: e.wireApi } : {}),
      // As in Codex, a provider's key is the one its env_key names: OpenAI's key (settings.json,
      // OPENAI_API_KEY) stays with the built-in provider and never goes to another endpoint.
      ...(apiKey ? { apiKey } : id === BUILT_IN_PROVIDER ? {} : { apiKey: null }),
    };
  }
  if (
    settings.modelProvider !== undefined &&
    settings.modelProvider !== BUILT_IN_PROVIDER &&
    providers[settings.modelProvider]?.baseUrl === undefined
  )
    throw new UsageError(
      `-c model_provider=${settings.modelProvider}: no such provider; give -c model_providers.${settings.modelProvider}.base_url=URL`,
    );
  const overrides: Partial<ThreadDefaults> = {
    ...(settings.model !== undefined ? { model: settings.model } : {}),
    ...(settings.modelProvider !== undefined ? { modelProvider: settings.modelProvider } : {}),
    ...(settings.reasoningEffort !== undefined ? { reasoningEffort: settings.reasoningEffort } : {}),
    ...(settings.approvalPolicy !== undefined ? { approvalPolicy: settings.approvalPolicy } : {}),
    ...(settings.sandbox !== undefined ? { sandbox: settings.sandbox } : {}),
    ...(settings.baseInstructions !== undefined ? { baseInstructions: settings.baseInstructions } : {}),
    ...(settings.developerInstructions !== undefined ? { developerInstructions: settings.developerInstructions } : {}),
  };
  // Tandem has no feature flags of Codex's: every --enable/--disable is accepted and named.
  const unused = [...ignored, ...Object.keys(args.features).map((f) => `features.${f}`)];
  const parts = [
    ...(unused.length > 0 ? [`Tandem does not use ${[...new Set(unused)].join(', ')}; ignored`] : []),
    ...notes,
  ];
  return { overrides, providers, ...(parts.length > 0 ? { warning: parts.join('; ') } : {}) };
}
