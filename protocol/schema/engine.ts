/**
 * Which engine Tandem's UI talks to (Tandem's own setting, a Tandem extension): the built-in app
 * server, an installed `codex app-server` Tandem spawns over stdio, or any Codex-compatible server
 * at a ws:// address. A new UI connection uses the engine chosen when it connects; a change takes
 * effect on the next connection (reload, reconnect or restart).
 */
import { z } from 'zod';

/** The built-in server (the default). */
const BuiltinEngine = z.object({ kind: z.literal('builtin') });

/** `COMMAND app-server`, spawned per UI connection and spoken to over its stdio. */
const CodexEngine = z.object({
  kind: z.literal('codex'),
  /** The `codex` executable: a path, or a name looked up on PATH. Default `codex`. */
  command: z.string().min(1).max(4096).optional(),
});

/** A Codex-compatible app server already listening at a WebSocket address. */
const RemoteEngine = z.object({
  kind: z.literal('remote'),
  /** A ws:// or wss:// address, e.g. ws://127.0.0.1:4500 (a token, if any, in its query). */
  url: z
    .string()
    .max(4096)
    .regex(/^wss?:\/\/[^\s]+$/, 'expected a ws:// or wss:// address'),
});

export const EngineChoice = z.discriminatedUnion('kind', [BuiltinEngine, CodexEngine, RemoteEngine]);
export type EngineChoice = z.infer<typeof EngineChoice>;

export const BUILTIN_ENGINE: EngineChoice = { kind: 'builtin' };

/** The command an engine choice of kind `codex` runs. */
export const codexCommandOf = (e: Extract<EngineChoice, { kind: 'codex' }>): string => e.command ?? 'codex';
