/**
 * A small seeded PRNG (mulberry32) for adversarial tests: a failing run prints its seed, and the
 * same seed (FUZZ_SEED=…) replays it exactly.
 */

export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p: number) => next() < p,
  };
}

/** The seed from `env` (a replay) or a fresh one; say which, so a failure can be replayed. */
export function seedFrom(name: string, value: string | undefined): number {
  const parsed = value === undefined ? NaN : Number(value);
  const seed = Number.isInteger(parsed) ? parsed >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`${name}=${seed} (set ${name} to replay this run)`);
  return seed;
}
