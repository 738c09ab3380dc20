/** The approval broker on the real hub and registry: fan-out, first answer wins, withdraw, resolved, status. */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import type { LoadedThread } from '../../../../main/server/threads/loaded-thread';
import { replay } from '../../../../main/server/threads/records';
import { coreParts, header, RecordingClient } from '../../../helpers/core-parts';
import { useHarness } from '../../../helpers/harness';

const h = useHarness();

async function setup() {
  const home = await h.tempDir();
  const parts = coreParts(home);
  const thread = parts.registry.adopt(replay(header(home), [], true));
  return { ...parts, thread };
}

const params = (thread: LoadedThread) => ({
  threadId: thread.id,
  turnId: 't1',
  itemId: 'i1',
  startedAtMs: 0,
  command: 'ls',
});
const ask = 'item/commandExecution/requestApproval' as const;
const statuses = (c: RecordingClient) =>
  c.notifications.flatMap((n: ServerNotification) => (n.method === 'thread/status/changed' ? [n.params.status] : []));
const tick = () => new Promise((r) => setImmediate(r));

describe('ApprovalBroker', () => {
  it('asks every initialized follower once, and the first valid answer wins for all of them', async () => {
    const { hub, broker, thread } = await setup();
    const [a, b, uninitialized, stranger] = [
      new RecordingClient(),
      new RecordingClient(),
      new RecordingClient(false),
      new RecordingClient(),
    ];
    for (const c of [a, b, uninitialized, stranger]) hub.add(c);
    for (const c of [a, b, uninitialized]) hub.subscribe(thread, c);
    const answer = broker.ask(thread, ask, params(thread), new AbortController().signal);
    expect([a.open.size, b.open.size, uninitialized.open.size, stranger.open.size]).toEqual([1, 1, 0, 0]);
    expect(thread.pendingApprovals).toBe(1);
    expect(statuses(stranger)).toEqual([{ type: 'active', activeFlags: ['waitingOnApproval'] }]);
    const [bId] = b.open.keys();
    const [aId] = a.open.keys();
    b.answer(bId!, { decision: 'accept' });
    a.answer(aId!, { decision: 'decline' }); // too late: b answered first
    await expect(answer).resolves.toEqual({ decision: 'accept' });
    // Both asked clients are told it is over and stop waiting; the others never heard of it.
    expect(a.resolved).toEqual([aId]);
    expect(b.resolved).toEqual([bId]);
    expect(a.withdrawn).toEqual([aId]);
    expect(stranger.resolved).toEqual([]);
    expect(thread.pendingApprovals).toBe(0);
    expect(thread.pendingAsks.size).toBe(0);
  });

  it('keeps the approval pending when a client leaves unanswered, and asks a client that follows later', async () => {
    const { hub, broker, thread } = await setup();
    const first = new RecordingClient();
    hub.add(first);
    hub.subscribe(thread, first);
    let settled = false;
    const answer = broker
      .ask(thread, ask, params(thread), new AbortController().signal)
      .finally(() => (settled = true));
    const [firstId] = first.open.keys();
    first.fail(firstId!, 'connection closed');
    await tick();
    expect(settled).toBe(false);
    // A reload: the same client follows again and gets the same request anew; so does a new one.
    hub.subscribe(thread, first);
    const later = new RecordingClient();
    hub.add(later);
    hub.subscribe(thread, later);
    expect(first.open.size).toBe(1);
    expect([...first.open.values()][0]?.params).toEqual(params(thread));
    const [laterId] = later.open.keys();
    later.answer(laterId!, { decision: 'acceptForSession' });
    await expect(answer).resolves.toEqual({ decision: 'acceptForSession' });
    expect(first.resolved).toHaveLength(2);
    expect(first.open.size).toBe(0);
  });

  it('is refused when a client answers with an error, as in Codex: the call fails, nothing waits', async () => {
    const { hub, broker, thread } = await setup();
    const [a, b] = [new RecordingClient(), new RecordingClient()];
    for (const c of [a, b]) {
      hub.add(c);
      hub.subscribe(thread, c);
    }
    const answer = broker.ask(thread, ask, params(thread), new AbortController().signal);
    const [aId] = a.open.keys();
    a.refuse(aId!, 'client answered with an error: the UI crashed');
    await expect(answer).resolves.toEqual({ refused: 'client answered with an error: the UI crashed' });
    expect(b.withdrawn).toHaveLength(1);
    expect(thread.pendingApprovals).toBe(0);
  });

  it('runs a client tool call by the client that can: a refusal waits for the others, the last one fails it', async () => {
    const { hub, broker, thread } = await setup();
    const tool = 'item/tool/call' as const;
    const toolParams = { threadId: thread.id, turnId: 't1', callId: 'c1', tool: 'lookup', arguments: { q: 1 } };
    const [ui, provider] = [new RecordingClient(), new RecordingClient()];
    for (const c of [ui, provider]) {
      hub.add(c);
      hub.subscribe(thread, c);
    }
    // Tandem's UI refuses every tool call; the provider's answer still wins.
    const first = broker.ask(thread, tool, toolParams, new AbortController().signal);
    const [uiId] = ui.open.keys();
    ui.refuse(uiId!, 'Unknown method: item/tool/call');
    await tick();
    const [providerId] = provider.open.keys();
    provider.answer(providerId!, { contentItems: [{ type: 'inputText', text: 'found' }], success: true });
    await expect(first).resolves.toEqual({ contentItems: [{ type: 'inputText', text: 'found' }], success: true });
    // No approval: the thread never waited on the user.
    expect(statuses(ui)).toEqual([]);

    // Once the provider leaves too, nobody can run it: the call fails instead of hanging the turn.
    const second = broker.ask(thread, tool, toolParams, new AbortController().signal);
    const [ui2] = [...ui.open.keys()];
    const [provider2] = [...provider.open.keys()];
    ui.refuse(ui2!, 'Unknown method: item/tool/call');
    provider.fail(provider2!, 'connection closed');
    await expect(second).resolves.toEqual({ refused: 'Unknown method: item/tool/call' });
  });

  it('fails a client tool call at once when no client follows the thread', async () => {
    const { broker, thread } = await setup();
    const toolParams = { threadId: thread.id, turnId: 't1', callId: 'c1', tool: 'lookup', arguments: {} };
    await expect(broker.ask(thread, 'item/tool/call', toolParams, new AbortController().signal)).resolves.toEqual({
      refused: 'no client follows the thread to run the tool',
    });
  });

  it('gives null and withdraws every copy when the turn is interrupted', async () => {
    const { hub, broker, thread } = await setup();
    const c = new RecordingClient();
    hub.add(c);
    hub.subscribe(thread, c);
    const interrupt = new AbortController();
    const answer = broker.ask(thread, ask, params(thread), interrupt.signal);
    interrupt.abort();
    await expect(answer).resolves.toBeNull();
    expect(c.withdrawn).toHaveLength(1);
    expect(c.resolved).toHaveLength(1);
  });

  it('asks nobody when the turn was interrupted already', async () => {
    const { hub, broker, thread } = await setup();
    const c = new RecordingClient();
    hub.add(c);
    hub.subscribe(thread, c);
    await expect(broker.ask(thread, ask, params(thread), AbortSignal.abort())).resolves.toBeNull();
    expect(c.notifications).toEqual([]);
    expect(thread.pendingApprovals).toBe(0);
  });

  it('ends every pending approval unanswered on shutdown (cancel)', async () => {
    const { hub, broker, thread } = await setup();
    const c = new RecordingClient();
    hub.add(c);
    hub.subscribe(thread, c);
    const signal = new AbortController().signal;
    const answers = [
      broker.ask(thread, ask, params(thread), signal),
      broker.ask(thread, 'item/fileChange/requestApproval', { ...params(thread), itemId: 'i2' }, signal),
    ];
    expect(thread.pendingAsks.size).toBe(2);
    broker.cancel(thread);
    await expect(Promise.all(answers)).resolves.toEqual([null, null]);
    expect(c.resolved).toHaveLength(2);
    expect(thread.pendingApprovals).toBe(0);
  });
});
