/**
 * SIGKILL of the BUILT CLI at seeded random points of scripted turns (commands, patches, messages;
 * approval policy never, workspace-write), restarted each time on the same home. After every
 * restart the thread loads, and every item the server announced as completed (item/completed)
 * is in it; and no tool ever ran twice: each command appends its own tag to counter.txt, each
 * patch adds its own line to log.txt, and no tag appears twice. CRASH_SEED=<n> replays a run.
 */
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import type { AnyThreadItem } from '../../protocol/schema/wire-item';
import { describeWithBwrap, itWithBwrap } from '../helpers/bwrap';
import type { RecordedRequest, ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';
import { seededRandom, seedFrom } from './seeded-random';

const h = useHarness();
const fakeModel = useFakes();
const SEED = seedFrom('CRASH_SEED', process.env.CRASH_SEED);
const KILLS = 20;
/** Turns one life may run before it is killed anyway (between turns: a kill point too). */
const TURNS_PER_LIFE = 3;

const TAG = /\bt\d+\b/g;

/** How many tool results follow the last user message: the step this model call is at. */
function step(request: RecordedRequest): number {
  const input = ((request.body as { input?: unknown }).input ?? []) as Array<{ type?: string; role?: string }>;
  let lastUser = -1;
  input.forEach((item, i) => {
    if (item.role === 'user') lastUser = i;
  });
  return input
    .slice(lastUser + 1)
    .filter((i) => i.type === 'function_call_output' || i.type === 'custom_tool_call_output').length;
}

const patch = (tag: string): string =>
  `*** Begin Patch\n*** Update File: log.txt\n@@\n-END\n+line ${tag}\n+END\n*** End Patch\n`;

/** Each turn: a message and a command, a patch, a command, a patch, a last message. Tags are unique per model call. */
function script(request: RecordedRequest, callIndex: number): ScriptedCall {
  const tag = `t${callIndex}`;
  const exec = {
    type: 'function_call' as const,
    name: 'exec_command',
    arguments: { cmd: `echo ${tag} >> counter.txt` },
    callId: `c-${tag}`,
  };
  const edit = { type: 'custom_tool_call' as const, name: 'apply_patch', input: patch(tag), callId: `p-${tag}` };
  switch (step(request)) {
    case 0:
      return { outputs: [{ type: 'message', text: `starting ${tag}` }, exec] };
    case 1:
    case 3:
      return { outputs: [edit] };
    case 2:
      return { outputs: [exec] };
    default:
      return { outputs: [{ type: 'message', text: `done ${tag}` }] };
  }
}

function completedItems(client: StdioClient): ThreadItem[] {
  return client.received
    .filter((m) => m.method === 'item/completed')
    .map((m) => (m.params as { item: ThreadItem }).item);
}

/** Tag → how many times it appears in `text` as a line of its own kind. */
function tagCounts(text: string, prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${prefix}(t\\d+)$`).exec(line);
    if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
}

describeWithBwrap('SIGKILL during scripted turns (built CLI)', () => {
  itWithBwrap(
    `${KILLS} seeded kills: every completed item reloads, no tool runs twice`,
    async () => {
      const r = seededRandom(SEED);
      const home = await h.tempDir('tandem-home-');
      const cwd = await h.tempDir('tandem-ws-');
      await writeFile(join(cwd, 'log.txt'), 'START\nEND\n');
      await writeFile(join(cwd, 'counter.txt'), '');
      const fake = await fakeModel(script as never);
      const env = {
        TANDEM_HOME: home,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-crash',
        TANDEM_WIRE_API: 'responses',
      };

      const announced = new Map<string, ThreadItem>();
      let threadId = '';
      let midTurnKills = 0;

      /** A restart: the thread loads and holds every item announced so far. */
      const checkReload = async (client: StdioClient, life: number): Promise<void> => {
        const { thread } = await client.request('thread/read', { threadId, includeTurns: true });
        const items = new Map(thread.turns.flatMap((t) => t.items).map((i) => [i.id, i]));
        const status = (i: AnyThreadItem | undefined): unknown => (i && 'status' in i ? i.status : undefined);
        const lost = [...announced.values()]
          .filter((i) => items.get(i.id)?.type !== i.type || status(items.get(i.id)) !== status(i))
          .map((i) => `${i.type} ${i.id} (${String(status(i))})`);
        expect(lost, `seed ${SEED}, life ${life}: announced items missing after reload`).toEqual([]);
      };

      for (let life = 0; life <= KILLS; life++) {
        const client = h.stdio(env);
        const closed = once(client.child.stdout, 'close');
        await client.initialize();
        if (threadId === '') {
          ({
            thread: { id: threadId },
          } = await client.request('thread/start', { cwd, approvalPolicy: 'never', sandbox: 'workspace-write' }));
        } else {
          await checkReload(client, life);
          await client.request('thread/resume', { threadId });
        }
        if (life === KILLS) break; // the last life only checks

        // Kill after the k-th message from here on: at any point of a turn, or between turns.
        const killAt = client.received.length + r.int(1, 45);
        let inTurn = false;
        const receive = client.receive.bind(client);
        client.receive = (text: string) => {
          receive(text);
          if (client.received.length === killAt && client.child.exitCode === null) {
            if (inTurn) midTurnKills++;
            client.child.kill('SIGKILL');
          }
        };
        const died = once(client.child, 'exit');
        for (
          let turn = 0;
          turn < TURNS_PER_LIFE && client.child.exitCode === null && client.child.signalCode === null;
          turn++
        ) {
          inTurn = true;
          const started = client.request('turn/start', {
            threadId,
            input: [{ type: 'text', text: `turn ${life}.${turn}` }],
          });
          const completed = started.then(({ turn: t }) =>
            client.waitFor(
              (m) => m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === t.id,
              60_000,
            ),
          );
          // After a kill the turn never completes: its wait ends in a timeout nobody needs.
          completed.catch(() => undefined);
          await Promise.race([completed, died]);
          inTurn = false;
        }
        if (client.child.exitCode === null && client.child.signalCode === null) client.child.kill('SIGKILL');
        await died;
        await closed; // every message the server wrote before it died has been read
        for (const item of completedItems(client)) announced.set(item.id, item);
      }

      const counter = tagCounts(await readFile(join(cwd, 'counter.txt'), 'utf8'), '');
      const log = tagCounts(await readFile(join(cwd, 'log.txt'), 'utf8'), 'line ');
      const twice = [...counter, ...log].filter(([, n]) => n > 1).map(([t]) => t);
      expect(twice, `seed ${SEED}: tools that ran twice`).toEqual([]);
      for (const item of announced.values()) {
        const tags = JSON.stringify(item).match(TAG) ?? [];
        if (item.type === 'commandExecution' && item.status === 'completed')
          expect(
            tags.some((t) => counter.get(t) === 1),
            `${item.command} ran once`,
          ).toBe(true);
        if (item.type === 'fileChange' && item.status === 'completed')
          expect(
            tags.some((t) => log.get(t) === 1),
            `patch ${item.id} applied once`,
          ).toBe(true);
      }
      const kinds = new Set([...announced.values()].map((i) => i.type));
      console.log(
        `seed ${SEED}: ${KILLS} kills (${midTurnKills} mid-turn), ${announced.size} completed items, ${counter.size} commands, ${log.size} patches`,
      );
      expect(kinds, 'the turns ran commands, patches and messages').toEqual(
        new Set(['userMessage', 'agentMessage', 'commandExecution', 'fileChange']),
      );
      expect(midTurnKills, 'most kills land mid-turn').toBeGreaterThan(KILLS / 2);
    },
    150_000,
  );
});
