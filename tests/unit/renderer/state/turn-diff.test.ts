/** The changes panel on an engine without Tandem's changes extension: a turn's diff, reported or from its items. */
import { describe, expect, it } from 'vitest';
import type { TurnView } from '../../../../renderer/state/transcript';
import { turnDiffOf } from '../../../../renderer/state/turn-diff';

const turn = (diff: string, items: TurnView['items']): TurnView => ({
  id: 't1',
  status: 'completed',
  error: null,
  startedAt: null,
  items,
  plan: null,
  diff,
  errors: [],
});

describe('turnDiffOf', () => {
  it("is the engine's report when there is one", () => {
    expect(turnDiffOf(turn('diff --git a/x b/x\n', []))).toBe('diff --git a/x b/x\n');
  });

  it("is built from the turn's applied file changes otherwise (Codex's shapes), declined ones left out", () => {
    const applied = {
      type: 'fileChange' as const,
      id: 'call_patch_1',
      status: 'completed' as const,
      changes: [
        {
          path: '/w/hello.txt',
          kind: { type: 'update' as const, move_path: null },
          diff: '@@ -1,2 +1,2 @@\n hello\n-world\n+tandem\n',
        },
        { path: '/w/notes/todo.md', kind: { type: 'add' as const }, diff: '# Todo\n- ship it\n' },
      ],
    };
    const declined = { ...applied, id: 'call_patch_2', status: 'declined' as const };
    expect(
      turnDiffOf(
        turn('', [
          { item: applied, done: true },
          { item: declined, done: true },
        ]),
      ),
    ).toBe(
      '--- /w/hello.txt\n+++ /w/hello.txt\n@@ -1,2 +1,2 @@\n hello\n-world\n+tandem\n' +
        '--- /dev/null\n+++ /w/notes/todo.md\n+# Todo\n+- ship it\n',
    );
  });
});
