/**
 * The `config` param of `thread/start`, `thread/resume` and `thread/fork` (Codex's config
 * overrides, dotted keys or nested tables) as the thread settings it sets. The explicit params
 * win over it, as Codex's typed overrides win over its `config` map.
 */
import { invalidParams } from '../../../protocol/rpc/errors';
import type { AskForApproval, SandboxMode } from '../../../protocol/schema/common';
import { threadConfigOf, type ThreadConfig } from '../codex-config';
import type { Logger } from '../log';

/** The settings params start, resume and fork share, which `config` can fill in. */
interface ConfigurableParams {
  model?: string | null;
  modelProvider?: string | null;
  approvalPolicy?: AskForApproval | null;
  sandbox?: SandboxMode | null;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  config?: Record<string, unknown> | null;
}

export interface ConfiguredParams<P> {
  /** The params with what `config` set filled in where they left it out. */
  params: P;
  /** The reasoning effort `config` set (no start/resume param carries one). */
  reasoningEffort?: string | null;
}

/**
 * Reads `config` for one request. Keys Tandem has no use for are logged, each once per server
 * (a client that sends the same overrides with every thread is not warned every time).
 */
export function threadConfigReader(log: Logger): <P extends ConfigurableParams>(p: P) => ConfiguredParams<P> {
  const warned = new Set<string>();
  return (p) => {
    if (!p.config) return { params: p };
    const { config, ignored, invalid } = threadConfigOf(p.config);
    if (invalid.length > 0) throw invalidParams(`config: ${invalid.join('; ')}`, { keys: invalid });
    const fresh = ignored.filter((k) => !warned.has(k));
    if (fresh.length > 0) {
      for (const k of fresh) warned.add(k);
      log.warn(`thread config: Tandem does not use ${fresh.join(', ')}; ignored`);
    }
    const { reasoningEffort, ...fields } = config;
    const params = { ...p };
    for (const key of Object.keys(fields) as Array<keyof Omit<ThreadConfig, 'reasoningEffort'>>) {
      if (params[key] === undefined || params[key] === null) Object.assign(params, { [key]: fields[key] });
    }
    return reasoningEffort === undefined ? { params } : { params, reasoningEffort };
  };
}
