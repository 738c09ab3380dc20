/**
 * The menu's commands reach a window's UI through its page's connection: typed by the method
 * table (and stamped like every server notification), held until the page is initialized.
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNEL } from '../../../protocol/bridge';
import { isAppUrl } from '../../../main/app-origin';
import {
  ipcPageTransports,
  type IpcEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../main/transports/ipc';
import { WindowCommands } from '../../../main/window-commands';
import { useHarness } from '../../helpers/harness';
import { TestClient } from '../../helpers/test-client';

const h = useHarness();

type Listener = (event: IpcEventLike, message: unknown) => void;

/** One window (ipcMain and its webContents, without Electron) with the server behind it, as main/index.ts wires it. */
async function windowWithServer() {
  const listeners = new Set<Listener>();
  const ipc: IpcMainLike = { on: (_c, l) => listeners.add(l), removeListener: (_c, l) => listeners.delete(l) };
  let navigate: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void = () => {};
  let page: TestClient | undefined;
  const contents: WebContentsLike = {
    mainFrame: { url: 'app://tandem/index.html' },
    send: (channel, m) => {
      expect(channel).toBe(BRIDGE_CHANNEL);
      page?.receive(m);
    },
    isDestroyed: () => false,
    once: () => undefined,
    on: (_e, l) => (navigate = l),
  };
  const newPage = (): TestClient => {
    page = new TestClient(
      (text) =>
        listeners.forEach((l) =>
          l({ sender: contents, senderFrame: contents.mainFrame as IpcEventLike['senderFrame'] }, text),
        ),
      async () => {},
    );
    return page;
  };
  const server = await h.server();
  const commands = new WindowCommands();
  const first = newPage();
  ipcPageTransports(ipc, contents, isAppUrl, (t) => commands.attach(server.connect(t)));
  return { commands, first, reload: () => (navigate({ isMainFrame: true, isSameDocument: false }), newPage()) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a window’s menu commands', () => {
  it('chosen before the page is initialized, arrive after the initialize answer, typed and in order', async () => {
    const w = await windowWithServer();
    w.commands.send({ command: 'openFolder', path: '/tmp/project' });
    w.commands.send({ command: 'settings' });
    await settle();
    expect(w.first.received).toEqual([]); // nothing written past the connection
    await w.first.initialize('page');
    await w.first.notification('tandem/ui/command', (p) => p.command === 'settings');
    const messages = w.first.received.map((m) => m.method ?? `answer ${String(m.id)}`);
    expect(messages).toEqual(['answer 1', 'tandem/ui/command', 'tandem/ui/command']);
    expect(w.first.notifications('tandem/ui/command').map((m) => m.params)).toEqual([
      { command: 'openFolder', path: '/tmp/project' },
      { command: 'settings' },
    ]);
    expect(w.first.notifications('tandem/ui/command').every((m) => typeof m.emittedAtMs === 'number')).toBe(true);
    expect(w.first.schemaProblems).toEqual([]);
  });

  it('go at once to an initialized page', async () => {
    const w = await windowWithServer();
    await w.first.initialize('page');
    w.commands.send({ command: 'newThread' });
    await expect(w.first.notification('tandem/ui/command')).resolves.toMatchObject({
      params: { command: 'newThread' },
    });
  });

  it('wait for a reloaded page to initialize', async () => {
    const w = await windowWithServer();
    await w.first.initialize('first page');
    const second = w.reload();
    w.commands.send({ command: 'newThread' });
    await settle();
    expect(second.received).toEqual([]);
    await second.initialize('reloaded page');
    await expect(second.notification('tandem/ui/command')).resolves.toMatchObject({ params: { command: 'newThread' } });
  });
});
