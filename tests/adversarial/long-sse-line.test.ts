/**
 * A model stream with one 10 MB delta (a single SSE line of 10 MB) through the built CLI: the
 * agent message arrives whole and exact, on both wire formats.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { cliTurn } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

/** 10 MB of varied text (not one repeated character), so a lost or doubled piece shows. */
const TEXT = Array.from(
  { length: 10 * 1024 },
  (_, i) => `${String(i).padStart(6, '0')}:${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(28)}\n`,
)
  .join('')
  .slice(0, 10 * 1024 * 1024);

describe('a 10 MB delta in one server-sent event', () => {
  for (const wireApi of ['responses', 'chat'] as const) {
    it(`arrives whole over ${wireApi}`, async () => {
      const fake = await fakeModel([{ outputs: [{ type: 'message', text: TEXT, chunks: 1 }] }]);
      const turn = await cliTurn(
        h,
        fake,
        await h.tempDir('tandem-ws-'),
        { approvalPolicy: 'never', sandbox: 'read-only' },
        () => 'decline',
        { TANDEM_WIRE_API: wireApi },
      );
      const message = turn.items.find(
        (i): i is Extract<ThreadItem, { type: 'agentMessage' }> => i.type === 'agentMessage',
      );
      expect(message?.text.length).toBe(TEXT.length);
      expect(message?.text === TEXT).toBe(true);
      const deltas = turn.client.received
        .filter((m) => m.method === 'item/agentMessage/delta')
        .map((m) => (m.params as { delta: string }).delta);
      expect(deltas.join('') === TEXT).toBe(true);
    }, 60_000);
  }
});
