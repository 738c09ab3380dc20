/** What a server is configured with; the CLI and the desktop app fill this in. */
import type { AskForApproval, SandboxMode } from '../../protocol/schema/common';
import type { RetryPolicy } from '../agent/retry';
import type { ModelFactory } from '../model/factory';
import type { RateLimitLog } from '../model/rate-limits';
import type { SecretStore } from '../settings';
import type { Logger } from './log';

/** Settings a new thread gets when the client does not choose. */
export interface ThreadDefaults {
  model: string;
  modelProvider: string;
  reasoningEffort: string | null;
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
  baseInstructions?: string;
  developerInstructions?: string;
}

export interface ServerOptions {
  /** The home folder: threads and settings live here (TANDEM_HOME, or Electron's userData). */
  home: string;
  /** Tandem's version, reported in `userAgent` and recorded in each thread. */
  version: string;
  log: Logger;
  defaults: ThreadDefaults;
  /**
   * Settings that win over settings.json for new threads: the command line's `-c` overrides, as
   * Codex's win over its config.toml.
   */
  overrides?: Partial<ThreadDefaults>;
  /** Folder a thread works in when `thread/start` names none. */
  defaultCwd: string;
  /** Requests one connection may have in flight before new ones get "Server overloaded". */
  maxInFlightRequests?: number;
  /** Makes the model client for a turn (given the model name). */
  createModel: ModelFactory;
  /** The rate limits `createModel`'s clients saw last (account/rateLimits/read); absent: none known. */
  rateLimits?: RateLimitLog;
  /** How model calls are retried (tests shorten the delays). */
  retry?: RetryPolicy;
  /** Encrypts the API key at rest (the desktop app's safeStorage); absent: stored as given, file mode 0600. */
  secrets?: SecretStore;
  /** The environment settings fall back to (OPENAI_API_KEY…); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_MAX_IN_FLIGHT = 64;

export const DEFAULT_THREAD_SETTINGS: ThreadDefaults = {
  model: 'gpt-5.5',
  modelProvider: 'openai',
  reasoningEffort: null,
  approvalPolicy: 'on-request',
  sandbox: 'workspace-write',
};
