import { describe, expect, it } from 'vitest';
import type { TurnView } from '../../../../renderer/state/transcript';
import { formatElapsed, workingLabel } from '../../../../renderer/state/working';

describe('working indicator and pickers', () => {
  it('formats elapsed time and names what the agent is doing', () => {
    expect([formatElapsed(800), formatElapsed(12_400), formatElapsed(65_000), formatElapsed(3_725_000)]).toEqual([
      '0s',
      '12s',
      '1m 05s',
      '1h 02m',
    ]);
    const turn = {
      id: 't',
      status: 'inProgress',
      error: null,
      startedAt: 1,
      plan: null,
      diff: '',
      errors: [],
      items: [],
    } as TurnView;
    expect(workingLabel(turn, false)).toBe('Waiting for the model');
    expect(
      workingLabel(
        {
          ...turn,
          items: [
            {
              item: {
                type: 'commandExecution',
                id: 'c',
                command: 'ls',
                cwd: '/',
                status: 'inProgress',
                commandActions: [],
              },
              done: false,
            },
          ],
        } as TurnView,
        false,
      ),
    ).toBe('Running a command');
    expect(workingLabel(turn, true)).toBe('Waiting for your approval');
  });
});
