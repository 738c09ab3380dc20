/** Promises for "the first message that matches", shared by the test clients. */
import type { WireMessage } from './test-client';

type Waiter = { match: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void };

export class MessageWaiters {
  private waiters: Waiter[] = [];

  /** The first message of `received` that matches, or the first to come (see `offer`). */
  waitFor(
    received: readonly WireMessage[],
    match: (m: WireMessage) => boolean,
    timeoutMs: number,
  ): Promise<WireMessage> {
    const seen = received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** A message arrived: settle the waiters it matches. */
  offer(m: WireMessage): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (w.match(m)) w.resolve(m);
      else this.waiters.push(w);
    }
  }
}
