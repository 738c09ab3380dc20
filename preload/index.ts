/** The preload exposes exactly the bridge in protocol/bridge.ts: one channel, send and onMessage. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_CHANNEL, BRIDGE_GLOBAL, type TandemBridge } from '../protocol/bridge';

const bridge: TandemBridge = {
  send(message) {
    if (typeof message === 'string') ipcRenderer.send(BRIDGE_CHANNEL, message);
  },
  onMessage(callback) {
    const listener = (_event: IpcRendererEvent, message: unknown): void => {
      if (typeof message === 'string') callback(message);
    };
    ipcRenderer.on(BRIDGE_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(BRIDGE_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
