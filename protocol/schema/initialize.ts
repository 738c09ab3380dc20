/** The `initialize` handshake (Codex v1 shapes, still used by v2 clients). */
import { z } from 'zod';
import { AbsolutePath } from './common';

/** Who the client is. */
const ClientInfo = z.object({
  /** Machine name of the client, e.g. `tandem-desktop`. */
  name: z.string(),
  /** Human-readable title. */
  title: z.string().nullable().optional(),
  /** Client version. */
  version: z.string(),
});
type ClientInfo = z.infer<typeof ClientInfo>;

/** Capabilities the client declares. Unknown capabilities are ignored. */
const InitializeCapabilities = z.looseObject({
  /** Opt into experimental methods and fields (Tandem offers none yet). */
  experimentalApi: z.boolean().optional(),
  /** Notification methods this connection does not want to receive. */
  optOutNotificationMethods: z.array(z.string()).nullable().optional(),
});
type InitializeCapabilities = z.infer<typeof InitializeCapabilities>;

/** Params of `initialize`. */
export const InitializeParams = z.object({
  clientInfo: ClientInfo,
  capabilities: InitializeCapabilities.nullable().optional(),
});
export type InitializeParams = z.infer<typeof InitializeParams>;

/** Result of `initialize`. */
export const InitializeResponse = z.object({
  /** The server's home folder (Codex calls it `codexHome`): threads and settings live here. */
  codexHome: AbsolutePath,
  /** `unix` or `windows`. */
  platformFamily: z.string(),
  /** `linux`, `macos` or `windows`. */
  platformOs: z.string(),
  /**
   * In Codex's form, carrying the Codex protocol version Tandem implements (clients compare it
   * with a minimum): `tandem/0.169.0 (Debian 12.0.0; x86_64) xterm-256color (my_client; 1.2.3)`.
   */
  userAgent: z.string(),
  /** Tandem extension: which server this is, for clients that tell Tandem and Codex apart. */
  tandem: z
    .object({
      /** Tandem's own version. */
      version: z.string(),
      /** The Codex app-server protocol version Tandem implements (the one in `userAgent`). */
      codexProtocolVersion: z.string(),
    })
    .optional(),
});
export type InitializeResponse = z.infer<typeof InitializeResponse>;
