/**
 * Codex configuration keys (config.toml's, as `codex app-server -c key=value` and the `config`
 * param of `thread/start` / `thread/resume` give them) mapped to Tandem's settings. One mapping for
 * both places, so a key means the same wherever a client sets it. Keys with no Tandem meaning are
 * returned as `ignored`, for the caller to name once; a known key with a value Codex would refuse
 * is an error, as in Codex.
 */
import { AskForApproval, SandboxMode } from '../../protocol/schema/common';
import type { WireApi } from '../model/types';

/** A model endpoint a `model_providers.<id>` table describes. */
interface ProviderEndpoint {
  baseUrl?: string;
  wireApi?: WireApi;
  /** The environment variable holding its API key (Codex's `env_key`). */
  envKey?: string;
}

/** What a Codex configuration sets, in Tandem's terms. */
interface CodexConfigSettings {
  model?: string;
  reasoningEffort?: string | null;
  approvalPolicy?: AskForApproval;
  sandbox?: SandboxMode;
  baseInstructions?: string;
  developerInstructions?: string;
  modelProvider?: string;
  /** `model_providers.<id>.*`, by id. */
  providers: Record<string, ProviderEndpoint>;
}

export interface CodexConfigReading {
  settings: CodexConfigSettings;
  /** Dotted keys Tandem has no use for. */
  ignored: string[];
  /** Known keys with values that cannot be used, each with why. */
  invalid: string[];
}

/** Codex's reasoning efforts (ReasoningEffort in its schema). */
const EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/**
 * Keys Tandem satisfies by what it is: it has no analytics, no feedback upload, no update check,
 * and a provider's display name changes nothing. Accepted without a warning.
 */
const SATISFIED = [/^analytics\./, /^feedback\./, /^check_for_update_on_startup$/, /^model_providers\.[^.]+\.name$/];

/** Dotted keys and nested tables, as one flat list of leaf paths (arrays and granular policies stay whole). */
function leaves(config: Record<string, unknown>, prefix: string[] = []): Array<[string[], unknown]> {
  return Object.entries(config).flatMap(([key, value]): Array<[string[], unknown]> => {
    const path = [...prefix, ...key.split('.')];
    const whole = path.join('.') === 'approval_policy';
    if (!whole && typeof value === 'object' && value !== null && !Array.isArray(value))
      return leaves(value as Record<string, unknown>, path);
    return [[path, value]];
  });
}

const text = (v: unknown): v is string => typeof v === 'string';

/** Read a Codex configuration: `config` is `{ "a.b": v }`, `{ a: { b: v } }`, or a mix. */
export function readCodexConfig(config: Record<string, unknown>): CodexConfigReading {
  const settings: CodexConfigSettings = { providers: {} };
  const ignored: string[] = [];
  const invalid: string[] = [];
  const bad = (key: string, why: string): void => void invalid.push(`${key}: ${why}`);

  for (const [path, value] of leaves(config)) {
    const key = path.join('.');
    const [head, id, field] = path;
    switch (key) {
      case 'model':
        if (text(value) && value.trim()) settings.model = value.trim();
        else bad(key, 'expected a model name');
        continue;
      case 'model_reasoning_effort':
        if (text(value) && EFFORTS.has(value)) settings.reasoningEffort = value;
        else bad(key, `expected one of ${[...EFFORTS].join(', ')}`);
        continue;
      case 'approval_policy': {
        const policy = AskForApproval.safeParse(value);
        if (policy.success) settings.approvalPolicy = policy.data;
        else bad(key, 'expected untrusted, on-failure, on-request or never');
        continue;
      }
      case 'sandbox_mode': {
        const mode = SandboxMode.safeParse(value);
        if (mode.success) settings.sandbox = mode.data;
        else bad(key, 'expected read-only, workspace-write or danger-full-access');
        continue;
      }
      case 'developer_instructions':
        if (text(value)) settings.developerInstructions = value;
        else bad(key, 'expected a string');
        continue;
      // `instructions` is the older name Codex still reads for the base instructions.
      case 'base_instructions':
      case 'instructions':
        if (text(value)) settings.baseInstructions = value;
        else bad(key, 'expected a string');
        continue;
      case 'model_provider':
        if (text(value) && value.trim()) settings.modelProvider = value.trim();
        else bad(key, 'expected a provider id');
        continue;
    }
    if (head === 'model_providers' && id !== undefined && path.length === 3) {
      const endpoint = (settings.providers[id] ??= {});
      if (field === 'base_url') {
        if (text(value) && URL.canParse(value)) endpoint.baseUrl = value;
        else bad(key, 'expected a URL');
        continue;
      }
      if (field === 'wire_api') {
        if (value === 'responses' || value === 'chat') endpoint.wireApi = value;
        else bad(key, 'expected responses or chat');
        continue;
      }
      if (field === 'env_key') {
        if (text(value) && value) endpoint.envKey = value;
        else bad(key, 'expected an environment variable name');
        continue;
      }
    }
    if (!SATISFIED.some((re) => re.test(key))) ignored.push(key);
  }
  return { settings, ignored, invalid };
}

/** What a thread's `config` param means for the thread: the settings fields a thread carries. */
export interface ThreadConfig {
  model?: string;
  modelProvider?: string;
  reasoningEffort?: string | null;
  approvalPolicy?: AskForApproval;
  sandbox?: SandboxMode;
  baseInstructions?: string;
  developerInstructions?: string;
}

/**
 * A thread's `config` param as thread settings. Endpoints (`model_providers.*`) stay the server's
 * to configure (`-c` or Settings): a client choosing where the API key is sent for one thread is
 * not something Tandem offers, so those keys count as ignored here; `model_provider` may pick one
 * of the server's providers.
 */
export function threadConfigOf(config: Record<string, unknown>): {
  config: ThreadConfig;
  ignored: string[];
  invalid: string[];
} {
  const { settings, ignored, invalid } = readCodexConfig(config);
  const { providers, ...thread } = settings;
  const providerKeys = Object.entries(providers).flatMap(([id, e]) =>
    Object.keys(e).map(
      (k) => `model_providers.${id}.${k === 'baseUrl' ? 'base_url' : k === 'wireApi' ? 'wire_api' : 'env_key'}`,
    ),
  );
  return { config: thread, ignored: [...ignored, ...providerKeys], invalid };
}
