import { describe, expect, it } from 'vitest';
import { conversationOf } from '../../../../main/agent/conversation';

describe('conversationOf', () => {
  it('answers a call whose output never came as aborted, and drops outputs without a call', () => {
    const history = [
      { turnId: 't1', item: { type: 'user' as const, text: 'go' } },
      { turnId: 't1', item: { type: 'functionCall' as const, callId: 'c1', name: 'exec_command', arguments: '{}' } },
      { turnId: 't1', item: { type: 'toolOutput' as const, callId: 'zz', output: 'stray', custom: false } },
      { turnId: 't2', item: { type: 'user' as const, text: 'again' } },
      { turnId: 't2', item: { type: 'customToolCall' as const, callId: 'c2', name: 'apply_patch', input: 'p' } },
      { turnId: 't2', item: { type: 'toolOutput' as const, callId: 'c2', output: 'ok', custom: true } },
    ];
    const out = conversationOf(history);
    expect(out.map((i) => i.type)).toEqual([
      'user',
      'functionCall',
      'toolOutput',
      'user',
      'customToolCall',
      'toolOutput',
    ]);
    expect(out[2]).toMatchObject({ callId: 'c1', output: expect.stringMatching(/^aborted/) });
    expect(out[5]).toMatchObject({ callId: 'c2', output: 'ok' });
  });
});
