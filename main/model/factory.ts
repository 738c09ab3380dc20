/** The model client the server uses by default: settings.json and the environment, read per turn. */
import { readSettings, type SecretStore } from '../settings';
import { DEFAULT_BASE_URL, resolveModelConfig, type ModelConfig } from './config';
import type { RateLimitLog } from './rate-limits';
import { ModelError, type ListedModel, type ModelClient, type ModelEvent, type ModelRequest } from './types';

export type ModelFactory = (model: string) => ModelClient;

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
 * Reads the settings on every call, so a change in Settings applies to the next turn. Every
 * client it makes reports the endpoint's rate-limit headers to `rateLimits`.
 */
export function defaultModelFactory(
  home: string,
  env: NodeJS.ProcessEnv = process.env,
  secrets?: SecretStore,
  rateLimits?: RateLimitLog,
): ModelFactory {
  return (model) => {
    let settings;
    try {
      settings = readSettings(home);
    } catch (e) {
      throw new ModelError('config', e instanceof Error ? e.message : String(e), { retryable: false });
    }
    return new LazyOpenAIClient({ ...resolveModelConfig(settings, env, model, secrets), model }, rateLimits);
  };
}
