/**
 * Electron IPC transport: one channel (protocol/bridge.ts) per window. Messages from any frame
 * other than the window's own main frame are dropped — an embedded page cannot speak for it —
 * and so are those from a main frame showing anything but the app's own pages (`trusted`, the
 * frame's URL checked at each message: were the window ever taken elsewhere, that page gets no
 * server). Written against the small surface it uses, so it stays testable without Electron.
 */
import { Emitter } from 'vscode-jsonrpc/node';
import { BRIDGE_CHANNEL } from '../../protocol/bridge';
import type { Frame, FrameChannel, MessageTransport } from '../../protocol/rpc/frames';
import { frameTransport } from '../../protocol/rpc/frames';
import { MAX_MESSAGE_BYTES } from '../../protocol/rpc/envelope';

/** What we need of a window's webContents. */
export interface WebContentsLike {
  readonly mainFrame: unknown;
  send(channel: string, message: string): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(
    event: 'did-start-navigation',
    listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
  ): unknown;
}

/** What we need of an IPC event: who sent it (Electron's senderFrame is null once the frame is gone). */
export interface IpcEventLike {
  sender: unknown;
  senderFrame: { readonly url: string } | null;
}

/** What we need of ipcMain. */
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
}

/** Whether a page at this URL may speak to the server (the app's own origin). */
export type TrustedUrl = (url: string) => boolean;

export function ipcChannel(ipc: IpcMainLike, contents: WebContentsLike, trusted: TrustedUrl): FrameChannel {
  const frames = new Emitter<Frame>();
  const closed = new Emitter<void>();
  let open = true;
  const listener = (event: IpcEventLike, message: unknown): void => {
    if (
      event.sender !== contents ||
      !event.senderFrame ||
      event.senderFrame !== contents.mainFrame ||
      !trusted(event.senderFrame.url)
    )
      return;
    if (typeof message !== 'string') return;
    frames.fire(
      message.length > MAX_MESSAGE_BYTES ? { tooLarge: message.length, head: message.slice(0, 1024) } : message,
    );
  };
  const close = (): void => {
    if (!open) return;
    open = false;
    ipc.removeListener(BRIDGE_CHANNEL, listener);
    closed.fire();
  };
  ipc.on(BRIDGE_CHANNEL, listener);
  contents.once('destroyed', close);
  return {
    onFrame: (l) => frames.event(l),
    onClose: (l) => closed.event(l),
    send: async (text) => {
      if (!open || contents.isDestroyed()) throw new Error('window closed');
      contents.send(BRIDGE_CHANNEL, text);
    },
    close,
  };
}

/**
 * The server side of a window, one transport per page: a reload (or any navigation of the main
 * frame to another document) is a new page that initializes again, so it gets a new connection
 * and the old page's ends — a pending approval stays pending for the new page to resume. (One
 * connection for the window's life answered the reloaded page "Already initialized".) Changes
 * within the document (the address's fragment) keep the connection.
 */
export function ipcPageTransports(
  ipc: IpcMainLike,
  contents: WebContentsLike,
  trusted: TrustedUrl,
  onTransport: (transport: MessageTransport) => void,
  /** What the shell takes off each page's channel first (main/window-attention.ts). */
  wrap: (channel: FrameChannel) => FrameChannel = (c) => c,
): void {
  let channel = ipcChannel(ipc, contents, trusted);
  onTransport(frameTransport(wrap(channel), { stampNotifications: true }));
  contents.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument || contents.isDestroyed()) return;
    channel.close();
    channel = ipcChannel(ipc, contents, trusted);
    onTransport(frameTransport(wrap(channel), { stampNotifications: true }));
  });
}
