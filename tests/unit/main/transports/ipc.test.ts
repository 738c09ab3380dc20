import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNEL } from '../../../../protocol/bridge';
import { isAppUrl } from '../../../../main/app-origin';
import {
  ipcChannel,
  ipcPageTransports,
  type IpcEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../../main/transports/ipc';
import { useHarness } from '../../../helpers/harness';
import { TestClient } from '../../../helpers/test-client';

const h = useHarness();

type Listener = (event: IpcEventLike, message: unknown) => void;
type FrameLike = IpcEventLike['senderFrame'];

function fakes() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcMainLike = {
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const sent: string[] = [];
  let destroyed = () => {};
  let navigate: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void = () => {};
  const mainFrame = { url: 'app://tandem/index.html' };
  const contents: WebContentsLike & { mainFrame: { url: string } } = {
    mainFrame,
    send: (_c, m) => sent.push(m),
    isDestroyed: () => false,
    once: (_e, l) => (destroyed = l),
    on: (_e, l) => (navigate = l),
  };
  const emit = (sender: unknown, senderFrame: FrameLike, message: unknown) =>
    listeners.get(BRIDGE_CHANNEL)?.forEach((l) => l({ sender, senderFrame }, message));
  return {
    ipc,
    contents,
    sent,
    emit,
    listeners,
    destroy: () => destroyed(),
    navigate: (d: { isMainFrame: boolean; isSameDocument: boolean }) => navigate(d),
  };
}

describe('the IPC channel', () => {
  it('takes messages only from its own window’s main frame', () => {
    const f = fakes();
    const channel = ipcChannel(f.ipc, f.contents, isAppUrl);
    const got: unknown[] = [];
    channel.onFrame((m) => got.push(m));
    f.emit(f.contents, f.contents.mainFrame, '{"id":1,"method":"thread/list"}');
    f.emit(f.contents, { url: 'app://tandem/index.html' }, '{"from":"subframe"}');
    f.emit({ other: 'window' }, f.contents.mainFrame, '{"from":"other window"}');
    f.emit(f.contents, null, '{"from":"a frame already gone"}');
    f.emit(f.contents, f.contents.mainFrame, { not: 'text' });
    expect(got).toEqual(['{"id":1,"method":"thread/list"}']);
  });

  it('takes nothing from its main frame while that frame shows a page that is not the app’s own', () => {
    const f = fakes();
    const channel = ipcChannel(f.ipc, f.contents, isAppUrl);
    const got: unknown[] = [];
    channel.onFrame((m) => got.push(m));
    for (const url of [
      'https://example.com/',
      'file:///tmp/index.html',
      'app://tandem.evil/index.html',
      'app://user@tandem/index.html',
      'http://tandem/index.html',
      '',
    ]) {
      f.contents.mainFrame.url = url;
      f.emit(f.contents, f.contents.mainFrame, JSON.stringify({ from: url }));
    }
    f.contents.mainFrame.url = 'app://tandem/index.html#thread=1';
    f.emit(f.contents, f.contents.mainFrame, '{"from":"the app"}');
    expect(got).toEqual(['{"from":"the app"}']);
  });

  it('sends on the bridge channel, and closes (detaching its listener) when the window goes', async () => {
    const f = fakes();
    const channel = ipcChannel(f.ipc, f.contents, isAppUrl);
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

describe('a window’s pages', () => {
  it('gives a reloaded page a connection of its own, which initializes again; a fragment change keeps it', async () => {
    const f = fakes();
    const server = await h.server();
    ipcPageTransports(f.ipc, f.contents, isAppUrl, (t) => server.connect(t));
    // The page: what it sends goes through ipcMain; what the server sends arrives by contents.send.
    const page = new TestClient(
      (text) => f.emit(f.contents, f.contents.mainFrame, text),
      async () => {},
    );
    f.contents.send = (_c, m) => page.receive(m);
    await page.initialize('first page');
    const { thread } = await page.request('thread/start', {});

    f.navigate({ isMainFrame: true, isSameDocument: true }); // history.replaceState of the fragment
    await expect(page.request('thread/list', {})).resolves.toMatchObject({ data: [{ id: thread.id }] });
    f.navigate({ isMainFrame: false, isSameDocument: false }); // an iframe
    await expect(page.request('initialize', { clientInfo: { name: 'again', version: '0' } })).rejects.toMatchObject({
      message: /Already initialized/,
    });

    f.navigate({ isMainFrame: true, isSameDocument: false }); // reload
    await page.initialize('reloaded page');
    await expect(page.request('thread/read', { threadId: thread.id })).resolves.toMatchObject({
      thread: { id: thread.id },
    });
    expect(f.listeners.get(BRIDGE_CHANNEL)?.size).toBe(1); // the old page's channel let go
    await expect.poll(() => server.connectionCount).toBe(1);
  });
});
