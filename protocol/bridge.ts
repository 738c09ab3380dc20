/**
 * The preload's whole surface: one IPC channel carrying JSON-RPC messages as text, and the
 * object exposed to the renderer as `window.tandem`. Nothing else crosses the bridge.
 */

/** The single IPC channel between a window and the main process. */
export const BRIDGE_CHANNEL = 'tandem:rpc';

/** The name under which the bridge is exposed on `window`. */
export const BRIDGE_GLOBAL = 'tandem';

export interface TandemBridge {
  /** Send one JSON-RPC message (serialised JSON text) to the server. */
  send(message: string): void;
  /** Receive each JSON-RPC message (text) from the server; returns the unsubscribe. */
  onMessage(callback: (message: string) => void): () => void;
}
