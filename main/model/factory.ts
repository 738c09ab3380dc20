/** The model client the server uses by default: settings.json and the environment, read per turn. */
import { readSettings, type SecretStore } from '../settings';
import { DEFAULT_BASE_URL, resolveModelConfig, type ModelConfig } from './config';
import type { RateLimitLog } from './rate-limits';
import {
  ModelError,
  type ListedModel,
  type ModelClient,
  type ModelEvent,
  type ModelRequest,
  type WireApi,
} from './types';

/** Makes the model client for a turn: the model's name, and the thread's model provider id. */
export type ModelFactory = (model: string, provider?: string) => ModelClient;

/** A model provider the command line configured (`-c model_providers.<id>.base_url=…`), over settings. */
export interface ProviderOverride {
  baseUrl?: string;
  wireApi?: WireApi;
  /** Its own key; null: none (the key of settings or OPENAI_API_KEY is never sent to another provider). */
  apiKey?: string | null;
}

/**
 * The `openai` package loads on the first model call, not at start-up: a fresh server answers
 * `initialize` sooner and holds less memory until it is used.
 */
class LazyOpenAIClient implements ModelClient {
  readonly wireApi;
  readonly secrets: readonly string[];
  private inner: Promise<ModelClient> | undefined;

  constructor(
    private readonly config: ModelConfig,
    private readonly rateLimits?: RateLimitLog,
  ) {
    if (!config.apiKey && config.baseUrl === DEFAULT_BASE_URL) {
      throw new ModelError('config', 'No API key is set: set OPENAI_API_KEY, or add your key in Settings.', {
        retryable: false,
      });
    }
    this.wireApi = config.wireApi;
    this.secrets = config.apiKey ? [config.apiKey] : [];
  }

  private client(): Promise<ModelClient> {
    this.inner ??= import('./openai-client').then((m) => new m.OpenAIModelClient(this.config, this.rateLimits));
    return this.inner;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent[]> {
    yield* (await this.client()).stream(request, signal);
  }

  async listModels(signal?: AbortSignal): Promise<ListedModel[]> {
    return (await this.client()).listModels(signal);
  }
}

/**
 * Reads the settings on every call, so a change in Settings applies to the next turn. A thread
 * whose provider is one of `providers` gets that endpoint instead. Every client it makes reports
 * the endpoint's rate-limit headers to `rateLimits`.
 */
export function defaultModelFactory(
  home: string,
  env: NodeJS.ProcessEnv = process.env,
  secrets?: SecretStore,
  rateLimits?: RateLimitLog,
  providers: Readonly<Record<string, ProviderOverride>> = {},
): ModelFactory {
  return (model, provider) => {
    let settings;
    try {
      settings = readSettings(home);
    } catch (e) {
      throw new ModelError('config', e instanceof Error ? e.message : String(e), { retryable: false });
    }
    const config = resolveModelConfig(settings, env, model, secrets);
    const chosen = provider !== undefined && Object.hasOwn(providers, provider) ? providers[provider] : undefined;
    return new LazyOpenAIClient(
      {
        ...config,
        ...(chosen?.baseUrl !== undefined ? { baseUrl: chosen.baseUrl.replace(/\/+$/, '') } : {}),
        ...(chosen?.wireApi !== undefined ? { wireApi: chosen.wireApi } : {}),
        ...(chosen?.apiKey !== undefined ? { apiKey: chosen.apiKey ?? undefined } : {}),
        model,
      },
      rateLimits,
    );
  };
}
