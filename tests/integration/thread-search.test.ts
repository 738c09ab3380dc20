/**
 * `thread/search` (Codex's experimental shape, with Tandem's `hits`) and
 * `thread/searchOccurrences` through the BUILT CLI over stdio, on threads made by real turns
 * against the fake model. Every response is checked against Codex's schema by the harness.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadSearchResponse } from '../../protocol/schema/thread-search';
import { done, execCall, patchCall } from '../helpers/cli-turns';
import type { ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const say = (text: string): ScriptedCall => ({ outputs: [{ type: 'message', text }] });
const addFile = (path: string, line: string) => `*** Begin Patch\n*** Add File: ${path}\n+${line}\n*** End Patch\n`;

/** The model's calls, turn after turn (each turn ends with a message). */
const SCRIPT: ScriptedCall[] = [
  // Thread A, turn 1: a command whose output is distinctive, a new file, an answer.
  execCall('c1', 'echo zebrafish_lantern_42'),
  patchCall('p1', addFile('src/quokka_helpers.ts', 'export const marmot = 1;')),
  say('All set: the walrus module is tidy.'),
  // Thread B, turn 1: only an answer.
  say('Pelican notes are in the README.'),
  // Thread A, turn 2 (after the index exists): a new answer.
  say('The narwhal migration is finished.'),
];

async function openServer(home: string, baseURL: string): Promise<StdioClient> {
  const client = h.stdio({ TANDEM_HOME: home, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-search-test' });
  client.onServerRequest = () => ({ decision: 'accept' });
  await client.initialize('search-test', { experimentalApi: true });
  return client;
}

async function turn(client: StdioClient, threadId: string, text: string): Promise<void> {
  const { turn: t } = await client.request('turn/start', { threadId, input: [{ type: 'text', text }] });
  await client.waitFor(
    (m) => m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === t.id,
    60_000,
  );
}

const threadIds = (r: ThreadSearchResponse): string[] => r.data.map((d) => d.thread.id);

describe('thread/search', () => {
  it('finds messages, command output and file paths, new items at once, by archive state, and after a restart', async () => {
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir('tandem-ws-');
    const fake = await fakeModel(SCRIPT);
    let client = await openServer(home, fake.baseURL);
    const start = async () =>
      (await client.request('thread/start', { cwd, approvalPolicy: 'untrusted', sandbox: 'workspace-write' })).thread
        .id;
    const a = await start();
    await turn(client, a, 'Please tidy the parser module');
    const b = await start();
    await turn(client, b, 'Write down the pelican facts');

    // A user message, in the thread that holds it only; the hit names the item and marks the word.
    const byMessage = await client.request('thread/search', { searchTerm: 'PARSER' });
    expect(threadIds(byMessage)).toEqual([a]);
    const hit = byMessage.data[0]?.hits?.[0];
    expect(hit).toMatchObject({ itemType: 'userMessage', field: 'text', snippet: 'Please tidy the parser module' });
    expect(hit?.matchRanges).toEqual([{ start: 16, end: 22 }]);
    expect(byMessage.data[0]?.snippet).toBe(hit?.snippet);

    // A command's output (a substring of a token), and a file change's path.
    const byOutput = await client.request('thread/search', { searchTerm: 'fish_lant' });
    expect(threadIds(byOutput)).toEqual([a]);
    expect(byOutput.data[0]?.hits?.map((x) => [x.itemType, x.field])).toEqual([
      ['commandExecution', 'command'],
      ['commandExecution', 'output'],
    ]);
    const byPath = await client.request('thread/search', { searchTerm: 'quokka_helpers.ts' });
    expect(byPath.data[0]?.hits?.[0]).toMatchObject({
      itemType: 'fileChange',
      field: 'path',
      path: expect.stringMatching(/\/src\/quokka_helpers\.ts$/),
    });
    // The agent's answer; several words must all occur in the thread, wherever.
    expect(threadIds(await client.request('thread/search', { searchTerm: 'pelican readme' }))).toEqual([b]);
    expect(threadIds(await client.request('thread/search', { searchTerm: 'pelican walrus' }))).toEqual([]);
    expect(threadIds(await client.request('thread/search', { searchTerm: '"walrus module"' }))).toEqual([a]);

    // An item completed after the index was built is found right away; a name too.
    await turn(client, a, 'Now migrate the data');
    const fresh = await client.request('thread/search', { searchTerm: 'narwhal' });
    expect(threadIds(fresh)).toEqual([a]);
    expect(fresh.data[0]?.hits?.[0]).toMatchObject({
      itemType: 'agentMessage',
      snippet: 'The narwhal migration is finished.',
    });
    await client.request('thread/name/set', { threadId: b, name: 'Ornithology' });
    expect(threadIds(await client.request('thread/search', { searchTerm: 'ornith' }))).toEqual([b]);

    // Archived threads only when asked for.
    await client.request('thread/archive', { threadId: b });
    expect(threadIds(await client.request('thread/search', { searchTerm: 'pelican' }))).toEqual([]);
    expect(threadIds(await client.request('thread/search', { searchTerm: 'pelican', archived: true }))).toEqual([b]);

    // Pages: one thread each, newest first, the cursor going on.
    const both = await client.request('thread/search', { searchTerm: 'the', archived: false });
    expect(threadIds(both)).toEqual([a]);
    await client.request('thread/unarchive', { threadId: b });
    const p1 = await client.request('thread/search', { searchTerm: 'the', limit: 1 });
    expect(threadIds(p1)).toEqual([b]);
    const p2 = await client.request('thread/search', { searchTerm: 'the', limit: 1, cursor: p1.nextCursor });
    expect(threadIds(p2)).toEqual([a]);
    expect(p2.nextCursor).toBeNull();

    // A restarted server builds its index from the files on disk.
    await client.close();
    client = await openServer(home, fake.baseURL);
    expect(threadIds(await client.request('thread/search', { searchTerm: 'narwhal' }))).toEqual([a]);
    expect(threadIds(await client.request('thread/search', { searchTerm: 'marmot' }))).toEqual([a]);
    expect(threadIds(await client.request('thread/search', { searchTerm: 'absent-everywhere' }))).toEqual([]);
  });

  it('is experimental, as in Codex: a client that did not opt in is refused', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') });
    await client.initialize('plain-client');
    await expect(client.request('thread/search', { searchTerm: 'x' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/experimental/),
    });
  });
});

describe('thread/searchOccurrences', () => {
  it("lists each occurrence in one thread's messages with a turns/list cursor for its turn", async () => {
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir('tandem-ws-');
    const fake = await fakeModel([say('Otters, otters everywhere.'), done]);
    const client = await openServer(home, fake.baseURL);
    const { thread } = await client.request('thread/start', { cwd });
    await turn(client, thread.id, 'Tell me about otters');
    const r = await client.request('thread/searchOccurrences', { threadId: thread.id, searchTerm: 'OTTER' });
    expect(r.data.map((o) => o.snippet.slice(o.snippetMatchRange.start, o.snippetMatchRange.end))).toEqual([
      'otter',
      'Otter',
      'otter',
    ]);
    const page = await client.request('thread/turns/list', { threadId: thread.id, cursor: r.data[0]?.turnCursor });
    expect(page.data[0]?.id).toBe(r.data[0]?.turnId);
    const first = await client.request('thread/searchOccurrences', {
      threadId: thread.id,
      searchTerm: 'otter',
      limit: 2,
    });
    expect(first.data).toHaveLength(2);
    const rest = await client.request('thread/searchOccurrences', {
      threadId: thread.id,
      searchTerm: 'otter',
      cursor: first.nextCursor,
    });
    expect(rest.data.map((o) => o.itemId)).toEqual([r.data[2]?.itemId]);
    expect(rest.nextCursor).toBeNull();
  });
});
