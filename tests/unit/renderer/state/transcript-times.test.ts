/** The transcript keeps when each turn began and ended, for the relative timestamps (issue 13). */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import type { Turn } from '../../../../protocol/schema/turn';
import { emptyTranscript, reduceTranscript } from '../../../../renderer/state/transcript';

const T = 'thread-1';
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const turn = (over: Partial<Turn>): Turn => ({ id: 'turn-1', items: [], status: 'inProgress', ...over });

describe('turn times', () => {
  it('keeps startedAt from turn/started and completedAt from turn/completed', () => {
    let s = reduceTranscript(emptyTranscript(T), n('turn/started', { threadId: T, turn: turn({ startedAt: 100 }) }));
    expect(s.turns[0]?.startedAt).toBe(100);
    expect(s.turns[0]?.completedAt).toBeNull();
    s = reduceTranscript(
      s,
      n('turn/completed', { threadId: T, turn: turn({ status: 'completed', startedAt: 100, completedAt: 160 }) }),
    );
    expect(s.turns[0]?.completedAt).toBe(160);
  });
});
