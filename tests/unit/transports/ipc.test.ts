import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNEL } from '../../../protocol/bridge';
import { ipcChannel, type IpcMainLike, type WebContentsLike } from '../../../main/transports/ipc';

type Listener = (event: { sender: unknown; senderFrame: unknown }, message: unknown) => void;

function fakes() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcMainLike = {
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const sent: string[] = [];
  let destroyed = () => {};
  const contents: WebContentsLike = {
    mainFrame: { frame: 'main' },
    send: (_c, m) => sent.push(m),
    isDestroyed: () => false,
    once: (_e, l) => (destroyed = l),
  };
  const emit = (sender: unknown, senderFrame: unknown, message: unknown) => listeners.get(BRIDGE_CHANNEL)?.forEach((l) => l({ sender, senderFrame }, message));
  return { ipc, contents, sent, emit, listeners, destroy: () => destroyed() };
}

describe('the IPC channel', () => {
  it('takes messages only from its own window’s main frame', () => {
    const f = fakes();
    const channel = ipcChannel(f.ipc, f.contents);
    const got: unknown[] = [];
    channel.onFrame((m) => got.push(m));
    f.emit(f.contents, f.contents.mainFrame, '{"id":1,"method":"thread/list"}');
    f.emit(f.contents, { frame: 'iframe' }, '{"from":"subframe"}');
    f.emit({ other: 'window' }, { frame: 'main' }, '{"from":"other window"}');
    f.emit(f.contents, f.contents.mainFrame, { not: 'text' });
    expect(got).toEqual(['{"id":1,"method":"thread/list"}']);
  });

  it('sends on the bridge channel, and closes (detaching its listener) when the window goes', async () => {
    const f = fakes();
    const channel = ipcChannel(f.ipc, f.contents);
    let closed = false;
    channel.onClose(() => (closed = true));
    await channel.send('{"method":"thread/started"}');
    expect(f.sent).toEqual(['{"method":"thread/started"}']);
    f.destroy();
    expect(closed).toBe(true);
    expect(f.listeners.get(BRIDGE_CHANNEL)?.size).toBe(0);
    await expect(channel.send('late')).rejects.toThrow(/closed/);
  });
});
