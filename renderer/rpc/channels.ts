/**
 * Frame channels for the renderer: the Electron preload bridge when it exists, else a WebSocket
 * to web mode's server (same host and port as the page, token from the address's fragment).
 */
import { Emitter } from 'vscode-jsonrpc/browser';
import { BRIDGE_GLOBAL, type TandemBridge } from '../../protocol/bridge';
import { JSONL_SUBPROTOCOL, messagesOf, type Frame, type FrameChannel } from '../../protocol/rpc/frames';

function bridgeChannel(bridge: TandemBridge): FrameChannel {
  const frames = new Emitter<Frame>();
  const closed = new Emitter<void>();
  const unsubscribe = bridge.onMessage((text) => frames.fire(text));
  return {
    onFrame: (l) => frames.event(l),
    onClose: (l) => closed.event(l),
    send: async (text) => bridge.send(text),
    close: () => {
      unsubscribe();
      closed.fire();
    },
  };
}

function webSocketChannel(url: string): Promise<FrameChannel> {
  return new Promise((resolve, reject) => {
    // Several messages a frame: a streaming turn's deltas cost the page one frame per event-loop
    // turn of the server, not one each.
    const ws = new WebSocket(url, [JSONL_SUBPROTOCOL]);
    const frames = new Emitter<Frame>();
    const closed = new Emitter<void>();
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      for (const text of messagesOf(e.data, ws.protocol === JSONL_SUBPROTOCOL)) frames.fire(text);
    };
    ws.onclose = () => closed.fire();
    ws.onerror = () => reject(new Error('Could not connect to the Tandem server. Is `tandem serve` still running?'));
    ws.onopen = () =>
      resolve({
        onFrame: (l) => frames.event(l),
        onClose: (l) => closed.event(l),
        send: async (text) => {
          if (ws.readyState !== WebSocket.OPEN) throw new Error('connection closed');
          ws.send(text);
        },
        close: () => ws.close(),
      });
  });
}

/** The channel this page should use: the bridge in Electron, the WebSocket in web mode. */
export async function connectChannel(): Promise<FrameChannel> {
  const bridge = (window as unknown as Record<string, TandemBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return bridgeChannel(bridge);
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) throw new Error('This page needs the address `tandem serve` printed (it carries the connection token).');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketChannel(`${scheme}://${location.host}/?token=${encodeURIComponent(token)}`);
}
