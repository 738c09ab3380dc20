/**
 * The fake model in a worker thread. In the bench's own thread its SSE writes would share one
 * event loop with the client reading the server's stdout, and the stream figures would measure
 * that contention rather than the server. Each scenario queues the calls the fake answers next.
 */
import { Worker } from 'node:worker_threads';
import type { ScriptedCall } from '../tests/helpers/fake-openai';

export type ToWorker = { type: 'queue'; calls: ScriptedCall[] } | { type: 'close' };
export type FromWorker = { type: 'ready'; baseURL: string } | { type: 'queued' } | { type: 'closed' };

export class FakeModel {
  private constructor(
    private readonly worker: Worker,
    readonly baseURL: string,
  ) {}

  /** Starts out/bench/fake-worker.mjs, bundled beside this file by scripts/bench.mjs. */
  static async start(): Promise<FakeModel> {
    const worker = new Worker(new URL('./fake-worker.mjs', import.meta.url));
    const ready = await reply(worker, 'ready');
    return new FakeModel(worker, ready.type === 'ready' ? ready.baseURL : '');
  }

  /** Resolves once the worker holds the calls, so the turn that follows gets them. */
  async queue(calls: ScriptedCall[]): Promise<void> {
    const queued = reply(this.worker, 'queued');
    this.worker.postMessage({ type: 'queue', calls } satisfies ToWorker);
    await queued;
  }

  async close(): Promise<void> {
    const closed = reply(this.worker, 'closed');
    this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await closed;
    await this.worker.terminate();
  }
}

function reply(worker: Worker, type: FromWorker['type']): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker): void => {
      if (m.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(m);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
