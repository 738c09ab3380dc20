/**
 * 200 approvals in one turn (issue 10, §3): each approval listened for the turn's interrupt on
 * the turn's AbortSignal and never stopped, so a long turn piled up listeners (and whatever they
 * held). Through the built CLI: Node warns on stderr once an AbortSignal has more than 10
 * listeners (MaxListenersExceededWarning), so a leak of one per approval shows there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cliTurn, done, execCall } from '../helpers/cli-turns';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';

const h = useHarness();
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const APPROVALS = 200;

describe('a turn that asks 200 times', () => {
  it(
    'keeps the listeners on its AbortSignal flat: no leak warning, every ask answered',
    { timeout: 90_000 },
    async () => {
      fake = await FakeOpenAI.start((_req, i) => (i < APPROVALS ? execCall(`call-${i}`, `touch written-${i}`) : done));
      const { asked, items, stderr } = await cliTurn(h, fake, await h.tempDir(), {
        approvalPolicy: 'untrusted',
        sandbox: 'workspace-write',
      });
      expect(asked.filter((a) => a.method === 'item/commandExecution/requestApproval')).toHaveLength(APPROVALS);
      expect(items.filter((i) => i.type === 'commandExecution' && i.status === 'declined')).toHaveLength(APPROVALS);
      expect(stderr).not.toMatch(/MaxListenersExceededWarning|memory leak detected/);
    },
  );
});
