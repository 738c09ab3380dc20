/**
 * What a window's page tells the desktop shell itself (never the app server), over the bridge's
 * one channel (protocol/bridge.ts) as JSON-RPC notifications of Tandem's `tandem/shell/…`
 * methods: the dock/taskbar badge, and "bring this window to the front" (a notification was
 * clicked). The shell takes them off the channel before the server's transport sees them
 * (main/window-attention.ts); in web mode there is no shell and they are never sent.
 */
import { z } from 'zod';

const shellNotifications = {
  /** The badge: how many approvals and questions wait for the user. */
  'tandem/shell/badge': z.object({ count: z.number().int().min(0).max(100_000) }).strict(),
  /** Show and focus the page's window. */
  'tandem/shell/focusWindow': z.object({}).strict(),
} as const;

type ShellMethod = keyof typeof shellNotifications;
export type ShellMessage = {
  [M in ShellMethod]: { method: M; params: z.infer<(typeof shellNotifications)[M]> };
}[ShellMethod];

const isShellMethod = (m: unknown): m is ShellMethod => typeof m === 'string' && Object.hasOwn(shellNotifications, m);

/** The message as the page sends it. */
export const shellMessageText = (m: ShellMessage): string => JSON.stringify({ method: m.method, params: m.params });

/**
 * A frame that is a shell message, read and checked; null for anything else (the server's
 * messages). A `tandem/shell/…` frame that does not validate is dropped too ('invalid').
 */
export function readShellMessage(text: string): ShellMessage | 'invalid' | null {
  // Cheap test first: every frame of a streaming turn passes through here.
  if (!text.includes('"tandem/shell/')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { method, params, id } = value as Record<string, unknown>;
  if (typeof method !== 'string' || !method.startsWith('tandem/shell/')) return null;
  if (!isShellMethod(method) || id !== undefined) return 'invalid';
  const parsed = shellNotifications[method].safeParse(params ?? {});
  if (!parsed.success) return 'invalid';
  return { method, params: parsed.data } as ShellMessage;
}
