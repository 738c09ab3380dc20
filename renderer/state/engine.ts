/**
 * Which engine the page is connected to, from the `initialize` answer, and what of Tandem's own
 * extensions it may therefore use. Tandem marks its answer (a `tandem` field; older builds a
 * `tandem/…` userAgent); any other Codex-compatible engine (Codex's app-server itself) offers
 * only the Codex protocol, so the UI hides or replaces what rests on `tandem/` methods.
 */
import type { InitializeResponse } from '../../protocol/schema/initialize';

export interface EngineInfo {
  /** `tandem`: Tandem's own server, every extension. `codex`: a Codex-compatible engine. */
  kind: 'tandem' | 'codex';
  /** For the user: "Codex 0.169.0", or the userAgent's product. */
  name: string;
}

/** Assumed until the first `initialize` is answered: Tandem, the default engine. */
export const TANDEM_ENGINE: EngineInfo = { kind: 'tandem', name: 'Tandem' };

export function engineOf(init: InitializeResponse): EngineInfo {
  const marked = (init as InitializeResponse & { tandem?: unknown }).tandem;
  if ((marked !== undefined && marked !== null) || init.userAgent.startsWith('tandem/')) return TANDEM_ENGINE;
  // Codex: "<originator>/<version> (<os>; <arch>) …"; the product is the client's originator, the version Codex's.
  const version = /^[^/\s]+\/(\d+\.\d+\.\d+\S*)/.exec(init.userAgent)?.[1];
  return { kind: 'codex', name: version ? `Codex ${version}` : 'a Codex-compatible engine' };
}
