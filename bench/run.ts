/**
 * One measured run against one freshly spawned server: initialize, thread/start, the full turn,
 * the 20,000-delta stream and the interrupt, in that order, each with its own thread.
 */
import { performance } from 'node:perf_hooks';
import { fullTurnScript } from '../tests/helpers/scenario';
import type { FakeModel } from './fake-model';
import type { Message } from './jsonl-client';
import type { Peer } from './peers';
import { peakRssMiB, rssMiB } from './proc';
import { STREAM_DELTAS, STREAM_TEXT } from './stream-text';

export const FIGURES = {
  spawnToInitializeMs: 'spawn → initialize response (ms)',
  threadStartMs: 'thread/start (ms)',
  fullTurnMs: 'full turn, approvals accepted (ms)',
  deltasPerSecond: '20,000-delta stream (deltas/s)',
  rssAfterInitializeMiB: 'RSS after initialize (MiB)',
  peakRssFullTurnMiB: 'peak RSS in the full turn (MiB)',
  interruptMs: 'turn/interrupt → turn/completed (ms)',
  deltasAfterInterrupt: 'deltas after turn/interrupt',
} as const;
export type Figure = keyof typeof FIGURES;
export type RunFigures = Record<Figure, number>;

const isDelta = (m: Message): boolean => m.method === 'item/agentMessage/delta';
const deltaText = (m: Message): string => String(m.params?.delta ?? '');
const turnId = (result: Record<string, unknown>): string => (result.turn as { id: string }).id;
const threadId = (result: Record<string, unknown>): string => (result.thread as { id: string }).id;

export async function measureRun(peer: Peer, fake: FakeModel): Promise<RunFigures> {
  const spawnedAt = performance.now();
  const server = await peer.launch(fake.baseURL);
  const { client, cwd } = server;
  try {
    await client.request('initialize', { clientInfo: { name: 'tandem-bench', version: '0.0.0' }, capabilities: {} });
    const spawnToInitializeMs = performance.now() - spawnedAt;
    client.notify('initialized');
    const pid = server.memoryPid();
    const rssAfterInitializeMiB = rssMiB(pid);

    const startThread = async (): Promise<string> =>
      threadId(await client.request('thread/start', { cwd, approvalPolicy: 'untrusted', sandbox: 'workspace-write' }));
    const threadStartedAt = performance.now();
    const fullTurnThread = await startThread();
    const threadStartMs = performance.now() - threadStartedAt;

    // Full turn: VmHWM read at turn/completed is the peak up to then, which the turn dominates.
    await fake.queue(fullTurnScript());
    const turnStartedAt = performance.now();
    const fullTurnDone = client.notification('turn/completed');
    await client.request('turn/start', {
      threadId: fullTurnThread,
      input: [{ type: 'text', text: 'Greet tandem and add a todo' }],
    });
    await fullTurnDone;
    const fullTurnMs = performance.now() - turnStartedAt;
    const peakRssFullTurnMiB = peakRssMiB(pid);

    const deltasPerSecond = await streamThroughput(client, await startThread(), fake);
    const interrupt = await interruptLatency(client, await startThread(), fake);
    return {
      spawnToInitializeMs,
      threadStartMs,
      fullTurnMs,
      deltasPerSecond,
      rssAfterInitializeMiB,
      peakRssFullTurnMiB,
      ...interrupt,
    };
  } finally {
    await server.cleanup();
  }
}

type Client = Awaited<ReturnType<Peer['launch']>>['client'];

/** Deltas per second from the first delta the client receives to the last; the text must be exact. */
async function streamThroughput(client: Client, thread: string, fake: FakeModel): Promise<number> {
  await fake.queue([{ outputs: [{ type: 'message', text: STREAM_TEXT, chunks: STREAM_DELTAS }] }]);
  const parts: string[] = [];
  let first = 0;
  let last = 0;
  client.onMessage = (m) => {
    if (!isDelta(m)) return;
    last = performance.now();
    if (parts.length === 0) first = last;
    parts.push(deltaText(m));
  };
  const done = client.notification('turn/completed');
  await client.request('turn/start', { threadId: thread, input: [{ type: 'text', text: 'Stream a long answer' }] });
  await done;
  client.onMessage = () => {};
  const text = parts.join('');
  if (text !== STREAM_TEXT) {
    throw new Error(
      `streamed text is not exact: got ${text.length} chars in ${parts.length} deltas, expected ${STREAM_TEXT.length} chars`,
    );
  }
  return (parts.length - 1) / ((last - first) / 1000);
}

/** A slow stream that never ends on its own, interrupted after its first deltas. */
async function interruptLatency(
  client: Client,
  thread: string,
  fake: FakeModel,
): Promise<Pick<RunFigures, 'interruptMs' | 'deltasAfterInterrupt'>> {
  await fake.queue([
    {
      outputs: [{ type: 'message', text: STREAM_TEXT.slice(0, 6000), chunks: 2000 }],
      eventDelayMs: 5,
      hangAfterEvents: 1000,
    },
  ]);
  let seen = 0;
  let interrupted = false;
  let afterInterrupt = 0;
  client.onMessage = (m) => {
    if (!isDelta(m)) return;
    seen++;
    if (interrupted) afterInterrupt++;
  };
  const started = await client.request('turn/start', {
    threadId: thread,
    input: [{ type: 'text', text: 'Stream slowly' }],
  });
  await client.waitFor(() => seen >= 3);
  const done = client.notification('turn/completed');
  const sentAt = performance.now();
  interrupted = true;
  await client.request('turn/interrupt', { threadId: thread, turnId: turnId(started) });
  const completed = await done;
  const interruptMs = performance.now() - sentAt;
  client.onMessage = () => {};
  const status = (completed.params?.turn as { status?: string } | undefined)?.status;
  if (status !== 'interrupted') throw new Error(`interrupted turn completed with status ${status}`);
  return { interruptMs, deltasAfterInterrupt: afterInterrupt };
}
