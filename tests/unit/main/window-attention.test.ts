/**
 * The page's messages to the desktop shell (protocol/shell.ts, main/window-attention.ts): taken
 * off the window's channel before the server reads it, checked, and handed to the shell — the
 * badge count and "focus the window". Everything else passes through untouched.
 */
import { Emitter } from 'vscode-jsonrpc/node';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../main/app-origin';
import { ipcPageTransports, type IpcEventLike, type WebContentsLike } from '../../../main/transports/ipc';
import { withShellMessages } from '../../../main/window-attention';
import type { Frame, FrameChannel } from '../../../protocol/rpc/frames';
import { readShellMessage, shellMessageText } from '../../../protocol/shell';
import { useHarness } from '../../helpers/harness';
import { TestClient } from '../../helpers/test-client';

const h = useHarness();

function fakeChannel(): { channel: FrameChannel; receive: (f: Frame) => void } {
  const frames = new Emitter<Frame>();
  const closed = new Emitter<void>();
  return {
    channel: {
      onFrame: (l) => frames.event(l),
      onClose: (l) => closed.event(l),
      send: async () => {},
      close: () => closed.fire(),
    },
    receive: (f) => frames.fire(f),
  };
}

describe('shell messages', () => {
  it('reads the two methods, checked, and nothing else', () => {
    expect(readShellMessage(shellMessageText({ method: 'tandem/shell/badge', params: { count: 3 } }))).toEqual({
      method: 'tandem/shell/badge',
      params: { count: 3 },
    });
    expect(readShellMessage('{"method":"tandem/shell/focusWindow","params":{}}')).toEqual({
      method: 'tandem/shell/focusWindow',
      params: {},
    });
    expect(readShellMessage('{"method":"thread/list","id":1,"params":{}}')).toBeNull();
    expect(
      readShellMessage('{"method":"turn/start","id":2,"params":{"input":[{"text":"tandem/shell/badge"}]}}'),
    ).toBeNull();
    expect(readShellMessage('not json "tandem/shell/')).toBeNull();
    for (const bad of [
      '{"method":"tandem/shell/badge","params":{"count":-1}}',
      '{"method":"tandem/shell/badge","params":{"count":1.5}}',
      '{"method":"tandem/shell/badge","params":{"count":1,"extra":true}}',
      '{"method":"tandem/shell/badge","id":1,"params":{"count":1}}', // a request: the shell answers none
      '{"method":"tandem/shell/openExternal","params":{"url":"https://example.com"}}',
    ])
      expect(readShellMessage(bad), bad).toBe('invalid');
  });

  it('the channel the server reads has the shell’s messages taken off it, handed to the shell', () => {
    const { channel, receive } = fakeChannel();
    const badges: number[] = [];
    let focused = 0;
    const wrapped = withShellMessages(channel, { setBadge: (n) => badges.push(n), focus: () => focused++ });
    const seen: Frame[] = [];
    wrapped.onFrame((f) => seen.push(f));
    receive('{"method":"thread/list","id":1,"params":{}}');
    receive(shellMessageText({ method: 'tandem/shell/badge', params: { count: 2 } }));
    receive(shellMessageText({ method: 'tandem/shell/focusWindow', params: {} }));
    receive('{"method":"tandem/shell/badge","params":{"count":"lots"}}');
    receive({ tooLarge: 99_000_000 });
    receive(shellMessageText({ method: 'tandem/shell/badge', params: { count: 0 } }));
    expect(seen).toEqual(['{"method":"thread/list","id":1,"params":{}}', { tooLarge: 99_000_000 }]);
    expect(badges).toEqual([2, 0]);
    expect(focused).toBe(1);
  });
});

describe('a window with the shell in front of its server', () => {
  it('the page’s badge and focus reach the shell, never the server, on every page of the window', async () => {
    type Listener = (event: IpcEventLike, message: unknown) => void;
    const listeners = new Set<Listener>();
    let navigate: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void = () => {};
    let page: TestClient | undefined;
    const contents: WebContentsLike = {
      mainFrame: { url: 'app://tandem/index.html' },
      send: (_channel, m) => page?.receive(m),
      isDestroyed: () => false,
      once: () => undefined,
      on: (_e, l) => (navigate = l),
    };
    const fromPage = (text: string): void =>
      listeners.forEach((l) =>
        l({ sender: contents, senderFrame: contents.mainFrame as IpcEventLike['senderFrame'] }, text),
      );
    const newPage = (): TestClient => (page = new TestClient(fromPage, async () => {}));
    const badges: number[] = [];
    let focused = 0;
    const server = await h.server();
    const first = newPage();
    ipcPageTransports(
      { on: (_c, l) => listeners.add(l), removeListener: (_c, l) => listeners.delete(l) },
      contents,
      isAppUrl,
      (t) => server.connect(t),
      (channel) => withShellMessages(channel, { setBadge: (n) => badges.push(n), focus: () => focused++ }),
    );
    await first.initialize('page');
    fromPage(shellMessageText({ method: 'tandem/shell/badge', params: { count: 4 } }));
    fromPage(shellMessageText({ method: 'tandem/shell/focusWindow', params: {} }));
    // The server still answers the page on the same channel.
    await first.request('thread/list', {});
    expect(badges).toEqual([4]);
    expect(focused).toBe(1);
    expect(first.received.filter((m) => m.error)).toEqual([]);

    navigate({ isMainFrame: true, isSameDocument: false });
    const second = newPage();
    await second.initialize('reloaded page');
    fromPage(shellMessageText({ method: 'tandem/shell/badge', params: { count: 0 } }));
    await second.request('thread/list', {});
    expect(badges).toEqual([4, 0]);
    expect(second.received.filter((m) => m.error)).toEqual([]);
  });
});
