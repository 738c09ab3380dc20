import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import { initialState, reduceApp } from '../../../../renderer/state/app';
import { composerOf, composersFromSaved, composersToSave, retryInputOf } from '../../../../renderer/state/composer';
import type { TurnView } from '../../../../renderer/state/transcript';

const T = 'thread-1';
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const user = (clientId: string, text: string) => ({
  type: 'userMessage' as const,
  id: `u-${clientId}`,
  content: [{ type: 'text' as const, text }],
  clientId,
});
const ended = (status: string) => n('turn/completed', { threadId: T, turn: { id: 'turn-1', items: [], status } });

describe('composer state', () => {
  it('keeps each thread’s draft apart', () => {
    let s = reduceApp(initialState, { type: 'composer/draft', threadId: T, text: 'half a thought' });
    s = reduceApp(s, { type: 'composer/draft', threadId: 'other', text: 'elsewhere' });
    expect(composerOf(s.composers, T).draft).toBe('half a thought');
    expect(composerOf(s.composers, 'other').draft).toBe('elsewhere');
  });

  it('shows a steered message as queued until the model takes it', () => {
    let s = reduceApp(initialState, { type: 'composer/draft', threadId: T, text: 'also this' });
    s = reduceApp(s, {
      type: 'composer/queued',
      threadId: T,
      message: { clientId: 'c1', turnId: 'turn-1', text: 'also this' },
    });
    expect(composerOf(s.composers, T)).toEqual({
      draft: '',
      queued: [{ clientId: 'c1', turnId: 'turn-1', text: 'also this' }],
    });
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('item/started', { threadId: T, turnId: 'turn-1', item: user('c1', 'also this'), startedAtMs: 1 }),
        ended('completed'),
      ],
    });
    expect(composerOf(s.composers, T)).toEqual({ draft: '', queued: [] });
  });

  it('puts what the turn never took back into the composer, before the draft, when the turn ends', () => {
    let s = reduceApp(initialState, {
      type: 'composer/queued',
      threadId: T,
      message: { clientId: 'c1', turnId: 'turn-1', text: 'first' },
    });
    s = reduceApp(s, {
      type: 'composer/queued',
      threadId: T,
      message: { clientId: 'c2', turnId: 'turn-1', text: 'second' },
    });
    s = reduceApp(s, { type: 'composer/draft', threadId: T, text: 'typing on' });
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('item/completed', { threadId: T, turnId: 'turn-1', item: user('c1', 'first'), completedAtMs: 1 }),
        ended('interrupted'),
      ],
    });
    expect(composerOf(s.composers, T)).toEqual({ draft: 'second\ntyping on', queued: [] });
  });

  it('a refused message comes back once, even if the turn’s end brought it back first', () => {
    let s = reduceApp(initialState, {
      type: 'composer/queued',
      threadId: T,
      message: { clientId: 'c1', turnId: 'turn-1', text: 'late' },
    });
    s = reduceApp(s, { type: 'notifications', at: 0, batch: [ended('completed')] });
    s = reduceApp(s, { type: 'composer/returned', threadId: T, text: 'late', clientId: 'c1' });
    expect(composerOf(s.composers, T).draft).toBe('late');
    s = reduceApp(s, { type: 'composer/returned', threadId: T, text: 'a failed start' });
    expect(composerOf(s.composers, T).draft).toBe('a failed start\nlate');
  });

  it('keeps drafts across a reload, queued messages folded back in first', () => {
    let s = reduceApp(initialState, {
      type: 'composer/queued',
      threadId: T,
      message: { clientId: 'c1', turnId: 'turn-1', text: 'queued' },
    });
    s = reduceApp(s, { type: 'composer/draft', threadId: T, text: 'draft' });
    s = reduceApp(s, { type: 'composer/draft', threadId: 'empty', text: '' });
    const saved = composersToSave(s.composers);
    expect(saved).toEqual({ [T]: 'queued\ndraft' });
    expect(composersFromSaved(JSON.parse(JSON.stringify(saved)))).toEqual({
      [T]: { draft: 'queued\ndraft', queued: [] },
    });
    expect(composersFromSaved('nonsense')).toEqual({});
    expect(composersFromSaved({ a: 3, b: 'ok' })).toEqual({ b: { draft: 'ok', queued: [] } });
  });

  it('retries a turn with everything the user said in it', () => {
    const turn = {
      id: 't',
      status: 'failed',
      error: null,
      startedAt: 1,
      plan: null,
      diff: '',
      errors: [],
      items: [
        { item: user('a', 'one'), done: true },
        { item: { type: 'agentMessage', id: 'm', text: 'x' }, done: true },
        { item: user('b', 'two'), done: true },
      ],
    } as TurnView;
    expect(retryInputOf(turn)).toEqual([
      { type: 'text', text: 'one' },
      { type: 'text', text: 'two' },
    ]);
  });
});
