/**
 * Items of a kind the renderer does not know (another engine's, a newer Codex's) are read, kept
 * and shown generically: one such item never makes a notification, a turn or a whole thread
 * unreadable (issue 12, section 4). Parsed with the method table's own schemas, as the
 * renderer's peer parses what the server sends.
 */
import { describe, expect, it } from 'vitest';
import { clientRequests, serverNotifications, type ServerNotification } from '../../../../protocol/methods';
import { OTHER_ITEM } from '../../../../protocol/schema/wire-item';
import { emptyTranscript, reduceTranscript, transcriptOf } from '../../../../renderer/state/transcript';

const T = 'thread-1';
const TURN = 'turn-1';

/** Codex 0.169's MCP tool call item, as it sends it. */
const mcpCall = {
  type: 'mcpToolCall',
  id: 'call_mcp_1',
  server: 'docs',
  tool: 'search',
  status: 'completed',
  arguments: { q: 'zod' },
  result: { content: [] },
  error: null,
  durationMs: 12,
};

function notification(method: 'item/started' | 'item/completed' | 'item/agentMessage/delta', params: unknown) {
  const parsed = serverNotifications[method].safeParse(params);
  if (!parsed.success) throw new Error(`${method} did not parse: ${parsed.error.message}`);
  return { method, params: parsed.data } as ServerNotification;
}

const started = (item: unknown) => notification('item/started', { threadId: T, turnId: TURN, item, startedAtMs: 1 });
const completed = (item: unknown) =>
  notification('item/completed', { threadId: T, turnId: TURN, item, completedAtMs: 2 });

function running() {
  const turnStarted = serverNotifications['turn/started'].parse({
    threadId: T,
    turn: { id: TURN, items: [], status: 'inProgress' },
  });
  return reduceTranscript(emptyTranscript(T), { method: 'turn/started', params: turnStarted });
}

describe('items of unknown kinds', () => {
  it('are read from item/started and item/completed as OtherItems with every field kept', () => {
    let s = running();
    s = reduceTranscript(s, started({ ...mcpCall, status: 'inProgress' }));
    s = reduceTranscript(s, completed(mcpCall));
    const items = s.turns[0]?.items ?? [];
    expect(items).toHaveLength(1);
    expect(items[0]?.done).toBe(true);
    expect(items[0]?.item).toEqual({ type: OTHER_ITEM, id: 'call_mcp_1', itemType: 'mcpToolCall', fields: mcpCall });
  });

  it('do not stop the items around them from streaming and completing', () => {
    let s = running();
    s = reduceTranscript(s, completed(mcpCall));
    s = reduceTranscript(s, started({ type: 'agentMessage', id: 'm1', text: '' }));
    s = reduceTranscript(
      s,
      notification('item/agentMessage/delta', { threadId: T, turnId: TURN, itemId: 'm1', delta: 'Found it.' }),
    );
    const items = s.turns[0]?.items.map((v) => v.item) ?? [];
    expect(items.map((i) => i.type)).toEqual([OTHER_ITEM, 'agentMessage']);
    expect(items[1]).toMatchObject({ text: 'Found it.' });
  });

  it('leave a resumed thread readable, known items and all', () => {
    const result = clientRequests['thread/resume'].result.parse({
      thread: {
        id: T,
        sessionId: T,
        preview: 'go',
        ephemeral: false,
        modelProvider: 'fake',
        createdAt: 1,
        updatedAt: 2,
        status: { type: 'idle' },
        cwd: '/p',
        cliVersion: '0.169.0',
        source: 'vscode',
        projectId: null,
        turns: [
          {
            id: TURN,
            status: 'completed',
            items: [
              { type: 'userMessage', id: 'u1', content: [{ type: 'text', text: 'go' }] },
              mcpCall,
              { type: 'webSearch', id: 'ws_1', query: 'zod 4', action: null },
              { type: 'agentMessage', id: 'm1', text: 'Done.' },
            ],
          },
        ],
      },
      model: 'gpt-5.5',
      modelProvider: 'fake',
      cwd: '/p',
      approvalPolicy: 'untrusted',
      approvalsReviewer: 'user',
      sandbox: { type: 'readOnly' },
    });
    const s = transcriptOf(result.thread);
    const items = s.turns[0]?.items.map((v) => v.item) ?? [];
    expect(items.map((i) => (i.type === OTHER_ITEM ? i.itemType : i.type))).toEqual([
      'userMessage',
      'mcpToolCall',
      'webSearch',
      'agentMessage',
    ]);
    expect(s.turns[0]?.items.every((v) => v.done)).toBe(true);
  });

  it('include a known kind in a shape this build cannot read (a user input kind it does not know)', () => {
    const odd = { type: 'userMessage', id: 'u2', content: [{ type: 'hologram', uri: 'x://y' }] };
    const s = reduceTranscript(running(), completed(odd));
    expect(s.turns[0]?.items[0]?.item).toEqual({ type: OTHER_ITEM, id: 'u2', itemType: 'userMessage', fields: odd });
  });

  it('still refuse what is not an item at all (no type)', () => {
    expect(
      serverNotifications['item/completed'].safeParse({
        threadId: T,
        turnId: TURN,
        item: { id: 'x' },
        completedAtMs: 1,
      }).success,
    ).toBe(false);
  });
});
