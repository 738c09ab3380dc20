/** The model client the server uses by default: settings.json and the environment, read per turn. */
import { readSettings, resolveModelConfig, type SecretStore } from './config';
import { OpenAIModelClient } from './openai-client';
import { ModelError, type ModelClient } from './types';

export type ModelFactory = (model: string) => ModelClient;

/** Reads the settings on every call, so a change in Settings applies to the next turn. */
export function defaultModelFactory(home: string, env: NodeJS.ProcessEnv = process.env, secrets?: SecretStore): ModelFactory {
  return (model) => {
    let settings;
    try {
      settings = readSettings(home);
    } catch (e) {
      throw new ModelError('config', e instanceof Error ? e.message : String(e), { retryable: false });
    }
    return new OpenAIModelClient({ ...resolveModelConfig(settings, env, model, secrets), model });
  };
}
