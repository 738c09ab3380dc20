import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/rpc/errors';
import { useHarness } from '../../helpers/harness';

const h = useHarness();

describe('backpressure', () => {
  it('answers requests beyond the in-flight bound with -32001 and serves again afterwards', async () => {
    const server = await h.server({ maxInFlightRequests: 3 });
    const client = await h.client(server);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.request('thread/start', {})));
    const rejected = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { code: number; message: string }] : [],
    );
    const started = results.filter((r) => r.status === 'fulfilled').length;
    expect(started).toBeGreaterThanOrEqual(3);
    expect(rejected.length).toBeGreaterThan(0);
    for (const e of rejected)
      expect(e).toMatchObject({ code: ErrorCode.Overloaded, message: 'Server overloaded; retry later.' });
    // Every thread that was acknowledged exists; nothing else does.
    const listed = await client.request('thread/list', { limit: 100 });
    expect(listed.data).toHaveLength(started);
  });
});
