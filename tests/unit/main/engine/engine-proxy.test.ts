/**
 * The engine proxy between a UI connection and another engine, in memory: what the UI sends
 * reaches the engine as Codex's clients send it (no "jsonrpc" member), Tandem's extensions are
 * refused without reaching it, and the desktop menu's commands (WindowCommands, as Electron's
 * shell attaches them) reach the page once the engine answered its initialize.
 */
import { describe, expect, it } from 'vitest';
import { frameTransport, type Frame } from '../../../../protocol/rpc/frames';
import { createLinkedChannels } from '../../../../protocol/rpc/memory';
import { EngineProxy } from '../../../../main/engine/engine-proxy';
import { memoryLogger } from '../../../../main/server/log';
import { WindowCommands } from '../../../../main/window-commands';

const CODEX_INIT = {
  userAgent: 'tandem-ui/0.169.0 (Debian; x86_64)',
  codexHome: '/c',
  platformFamily: 'unix',
  platformOs: 'linux',
};

function setUp(backlog?: () => number) {
  const [engineSide, proxyEngineSide] = createLinkedChannels();
  const [page, proxyUiSide] = createLinkedChannels();
  const toEngine: Record<string, unknown>[] = [];
  engineSide.onFrame((f: Frame) => {
    const m = JSON.parse(f as string) as { id?: number; method?: string };
    toEngine.push(m);
    if (m.method === 'initialize') void engineSide.send(JSON.stringify({ id: m.id, result: CODEX_INIT }));
  });
  const toPage: Array<{ id?: number; method?: string; result?: unknown; error?: { code: number; data?: unknown } }> =
    [];
  page.onFrame((f: Frame) => toPage.push(JSON.parse(f as string) as (typeof toPage)[number]));
  const reading: boolean[] = [];
  const ui = frameTransport(proxyUiSide, { stampNotifications: true });
  const proxy = new EngineProxy({
    ui: backlog ? { ...ui, flow: { backlog, soleReader: false, giveUp: () => undefined } } : ui,
    link: Promise.resolve({
      channel: proxyEngineSide,
      stderrTail: () => '',
      stop: () => proxyEngineSide.close(),
      pause: () => reading.push(false),
      resume: () => reading.push(true),
    }),
    local: () => {
      throw new Error('the built-in server is not asked in these tests');
    },
    engineName: 'Codex (`codex app-server`)',
    log: memoryLogger(),
  });
  const until = async (done: () => boolean): Promise<void> => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(done()).toBe(true);
  };
  return { page, proxy, toEngine, toPage, until, engineSide, reading };
}

describe('EngineProxy', () => {
  it('forwards requests to the engine as Codex clients send them, and its answers back', async () => {
    const { page, toEngine, toPage, until } = setUp();
    await page.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { clientInfo: { name: 'ui', version: '1' } },
      }),
    );
    await until(() => toPage.length === 1);
    expect(toEngine[0]).toEqual({ id: 1, method: 'initialize', params: { clientInfo: { name: 'ui', version: '1' } } });
    expect(toPage[0]).toMatchObject({ id: 1, result: CODEX_INIT });
  });

  it("refuses Tandem's other extensions without asking the engine", async () => {
    const { page, toEngine, toPage, until } = setUp();
    await page.send(
      JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'ui', version: '1' } } }),
    );
    await page.send(JSON.stringify({ id: 2, method: 'tandem/turn/diff', params: { threadId: 't' } }));
    await until(() => toPage.length === 2);
    expect(toPage.find((m) => m.id === 2)?.error).toMatchObject({
      code: -32601,
      data: { reason: 'notOnThisEngine', method: 'tandem/turn/diff' },
    });
    expect(toEngine.map((m) => m.method)).toEqual(['initialize']);
  });

  it("delivers the desktop menu's commands once the engine answered initialize, in order", async () => {
    const { page, proxy, toPage, until } = setUp();
    const commands = new WindowCommands();
    commands.attach(proxy);
    commands.send({ command: 'settings' });
    commands.send({ command: 'openFolder', path: '/p' });
    await new Promise((r) => setTimeout(r, 20));
    expect(toPage).toEqual([]); // held: the page has not initialized yet
    await page.send(
      JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'ui', version: '1' } } }),
    );
    await until(() => toPage.length === 3);
    expect(toPage.map((m) => m.method ?? `answer ${m.id}`)).toEqual([
      'answer 1',
      'tandem/ui/command',
      'tandem/ui/command',
    ]);
    expect(toPage.slice(1).map((m) => (m as { params?: unknown }).params)).toEqual([
      { command: 'settings' },
      { command: 'openFolder', path: '/p' },
    ]);
  });

  it('closes the page when the engine goes away after initialize', async () => {
    const { page, toPage, until, proxy, engineSide } = setUp();
    let disposed = false;
    proxy.onDispose(() => (disposed = true));
    let pageClosed = false;
    page.onClose(() => (pageClosed = true));
    await page.send(
      JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'ui', version: '1' } } }),
    );
    await until(() => toPage.length === 1);
    engineSide.close(); // the child exited

    await until(() => disposed && pageClosed);
  });

  it('stops reading the engine while the page is far behind, and goes on once it caught up', async () => {
    let behind = 0;
    const { page, toPage, until, reading } = setUp(() => behind);
    behind = 9 * 1024 * 1024;
    await page.send(
      JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'ui', version: '1' } } }),
    );
    await until(() => toPage.length === 1 && reading.length === 1);
    expect(reading).toEqual([false]);
    await new Promise((r) => setTimeout(r, 120));
    expect(reading).toEqual([false]); // still behind: still paused
    behind = 0;
    await until(() => reading.length === 2);
    expect(reading).toEqual([false, true]);
  });
});
