/**
 * Tandem and the real Codex app-server, given the same scripted model, produce the same
 * repository result, the same item types and the same approval requests in the same order.
 * Runs where the Codex CLI is installed (`npm run codex-peer`, or CODEX_BIN); skipped, saying
 * so, where it is not.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codexBinary, spawnCodex } from '../helpers/codex-peer';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { fullTurnScript, INITIAL_FILES } from '../helpers/scenario';
import type { StdioClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
const codex = codexBinary();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function workspace(): Promise<string> {
  const dir = await h.tempDir('tandem-parity-');
  for (const [path, text] of Object.entries(INITIAL_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

interface Trace {
  messages: WireMessage[];
  files: Record<string, string | null>;
}

async function play(client: StdioClient, cwd: string): Promise<Trace> {
  client.onServerRequest = () => ({ decision: 'accept' });
  await client.initialize('parity');
  const { thread } = await client.request('thread/start', {
    cwd,
    approvalPolicy: 'untrusted',
    sandbox: 'workspace-write',
  });
  await client.request('turn/start', {
    threadId: thread.id,
    input: [{ type: 'text', text: 'Greet tandem and add a todo' }],
  });
  await client.notification('turn/completed', () => true);
  const files: Record<string, string | null> = {};
  for (const path of ['hello.txt', 'notes/todo.md', 'log.txt'])
    files[path] = await readFile(join(cwd, path), 'utf8').catch(() => null);
  return { messages: client.received, files };
}

/** What must match: item lifecycles and approvals in order (deltas, usage and status aside). */
function shape(messages: WireMessage[]): string[] {
  return messages.flatMap((m) => {
    const p = (m.params ?? {}) as { item?: { type: string; status?: string; id?: string }; itemId?: string };
    if (m.method === 'item/started' || m.method === 'item/completed') {
      const status = m.method === 'item/completed' && p.item?.status ? `:${p.item.status}` : '';
      return [`${m.method}:${p.item?.type}${status}`];
    }
    if (m.method?.endsWith('/requestApproval')) return [`${m.method}:${p.itemId}`];
    if (m.method === 'turn/started' || m.method === 'turn/completed') return [m.method];
    return [];
  });
}

describe.skipIf(!codex)('parity with the Codex app-server', () => {
  it('gives the same repository result, item types and approval requests in the same order', async () => {
    const fakeCodex = await FakeOpenAI.start(fullTurnScript());
    fakes.push(fakeCodex);
    const peer = await spawnCodex(codex ?? '', fakeCodex.baseURL);
    const codexTrace = await play(peer, await workspace());
    await peer.close();
    await rm(peer.home, { recursive: true, force: true });

    const fakeTandem = await FakeOpenAI.start(fullTurnScript());
    fakes.push(fakeTandem);
    const tandem = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fakeTandem.baseURL,
      OPENAI_API_KEY: 'test-key',
    });
    const tandemTrace = await play(tandem, await workspace());

    expect(tandemTrace.files).toEqual(codexTrace.files);
    expect(shape(tandemTrace.messages)).toEqual(shape(codexTrace.messages));
    expect(fakeTandem.modelCalls).toHaveLength(fakeCodex.modelCalls.length);
  });
});

if (!codex) {
  describe('parity with the Codex app-server', () => {
    it.skip('skipped: the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)', () => {});
  });
}
