/** Work queued per key: each job for a key starts after the previous one settled, whatever its outcome. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.tails.set(key, next);
    void next
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  /** Settles once every job queued so far has. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }
}
