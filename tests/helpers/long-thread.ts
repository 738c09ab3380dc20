/**
 * A persisted thread of 5,000 items of every kind (bench:ui, and the e2e test of paging back
 * through a long thread), written with the server's own thread store, so the file is exactly what
 * a long-lived thread looks like on disk: 500 turns of a user message, reasoning, agent messages
 * with Markdown and code, commands with output, file changes. Turn n's question starts "Turn n:".
 */
import { v7 as uuidv7 } from 'uuid';
import { FORMAT_VERSION, type ChangeRecord } from '../../main/server/threads/records';
import { silentLogger } from '../../main/server/log';
import { ThreadStore } from '../../main/server/threads/thread-store';
import type { ThreadItem } from '../../protocol/schema/item';

const LONG_THREAD_ITEMS = 5_000;
const ITEMS_PER_TURN = 10;
export const LONG_THREAD_NAME = 'A long thread';
/** The text of the thread's very last item: the one the bench waits to see painted. */
export const LAST_ITEM_TEXT = 'This is the last item of the long thread.';

function turnItems(turn: number, cwd: string, last: boolean): ThreadItem[] {
  const id = (k: number): string => `item-${turn}-${k}`;
  const code = [
    '```ts',
    `export function step${turn}(n: number): number {`,
    `  return n * ${turn} + 1;`,
    '}',
    '```',
  ].join('\n');
  const diff = [
    `@@ -${turn},3 +${turn},3 @@`,
    ` const a = ${turn};`,
    `-const b = a + 1;`,
    `+const b = a + 2;`,
    ` export { a, b };`,
  ].join('\n');
  const command = (k: number, cmd: string, output: string): ThreadItem => ({
    type: 'commandExecution',
    id: id(k),
    command: cmd,
    cwd,
    status: 'completed',
    commandActions: [{ type: 'unknown', command: cmd }],
    aggregatedOutput: output,
    exitCode: 0,
    durationMs: 42,
  });
  return [
    {
      type: 'userMessage',
      id: id(0),
      content: [{ type: 'text', text: `Turn ${turn}: please look at module ${turn} and fix the off-by-one.` }],
    },
    {
      type: 'reasoning',
      id: id(1),
      summary: [`Looking at module ${turn}`, 'The bound is inclusive where it should not be.'],
    },
    { type: 'agentMessage', id: id(2), text: `I will **check** \`module${turn}.ts\` first, then fix it:\n\n${code}` },
    command(
      3,
      `rg -n "step${turn}" src`,
      Array.from({ length: 5 }, (_, i) => `src/module${turn}.ts:${i + 1}: step${turn}(${i})`).join('\n'),
    ),
    { type: 'agentMessage', id: id(4), text: `Found it. The loop in module ${turn} runs once too often.` },
    {
      type: 'fileChange',
      id: id(5),
      status: 'completed',
      changes: [{ path: `src/module${turn}.ts`, kind: { type: 'update' }, diff }],
    },
    command(6, 'npm test', `> test\n\n ✓ module${turn} (3 tests)\n\nTests  3 passed`),
    { type: 'reasoning', id: id(7), summary: ['The tests pass.'] },
    {
      type: 'agentMessage',
      id: id(8),
      text: `- fixed the bound\n- ran the tests: 3 passed\n\n> Module ${turn} is done.`,
    },
    { type: 'agentMessage', id: id(9), text: last ? LAST_ITEM_TEXT : `Ready for the next one (${turn + 1}).` },
  ];
}

/** Writes the thread (`items` of them, 5,000 by default) into `home`'s thread store; returns its id. */
export async function writeLongThread(home: string, cwd: string, items = LONG_THREAD_ITEMS): Promise<string> {
  const store = new ThreadStore(home, silentLogger);
  const id = uuidv7();
  const turns = Math.ceil(items / ITEMS_PER_TURN);
  let at = Date.now() - turns * 60_000;
  const records: ChangeRecord[] = [{ t: 'name', at, name: LONG_THREAD_NAME }];
  for (let turn = 1; turn <= turns; turn++) {
    const turnId = `turn-${turn}`;
    records.push({ t: 'turnStarted', at: (at += 1000), turnId });
    for (const item of turnItems(turn, cwd, turn === turns))
      records.push({ t: 'item', at: (at += 1000), turnId, item });
    records.push({ t: 'turnCompleted', at: (at += 1000), turnId, status: 'completed', error: null, durationMs: 9000 });
  }
  await store.create(
    {
      t: 'thread',
      v: FORMAT_VERSION,
      at: records[0]?.at ?? Date.now(),
      id,
      sessionId: id,
      cwd,
      model: 'gpt-5.5',
      modelProvider: 'openai',
      reasoningEffort: null,
      approvalPolicy: 'on-request',
      sandbox: 'workspace-write',
      forkedFromId: null,
      cliVersion: 'bench',
    },
    records,
  );
  await store.flush();
  return id;
}
