/**
 * The search index over every thread on disk: for each thread, a bit set of the trigrams and
 * five-grams (three and five characters in a row, case-folded) of its searchable text — a Bloom
 * filter of one hash each. A word of a query can occur in a thread only if each of its trigrams
 * and five-grams is set there, so the filters
 * narrow the threads to read, with substring semantics ("ser.te" as well as "parser"); each
 * candidate is then matched exactly against its docs (docs.ts), so a false positive costs a read,
 * never a wrong answer, and nothing is missed. Words under three characters narrow nothing.
 *
 * Built on the first search, from the thread files, and kept up to date from then on by the
 * store's writes (created threads, appended records, deletions), so an item is found as soon as
 * it is recorded complete. Memory is bounded: a filter is sized from its thread's text (2 bits
 * per character, 512 B to 256 KiB); the docs of recently searched threads are cached within a
 * byte budget.
 */
import type { ChangeRecord, ThreadState } from '../threads/records';
import type { ThreadWriteObserver } from '../threads/thread-store';
import { docsOfTurns, fold, itemDocs, readThreadDocs, type ThreadDocs } from './docs';

const READ_BATCH = 16;
const DEFAULT_CACHE_BYTES = 48 * 1024 * 1024;
const MIN_BITS = 2 ** 12;
const MAX_BITS = 2 ** 21;
/** Filter bits per character of text (TANDEM_SEARCH_BITS_PER_CHAR): more bits, fewer false candidates. */
const BITS_PER_CHAR = Number(process.env.TANDEM_SEARCH_BITS_PER_CHAR) || 2;
/** A thread created while the server runs starts with this many bits (it grows as turns come). */
const NEW_THREAD_BITS = 2 ** 16;

/** What the index reads: the store's threads and files. */
export interface SearchSource {
  /** Ids of the threads on disk, oldest update first (the newest end up in the cache). */
  threadIds(): Promise<string[]>;
  pathOf(id: string): string;
}

/** A thread's trigram bits; `mask` is the bit count minus one (a power of two). */
interface Filter {
  bits: Uint32Array;
  mask: number;
}

const filterFor = (chars: number): Filter => {
  let n = MIN_BITS;
  while (n < chars * BITS_PER_CHAR && n < MAX_BITS) n *= 2;
  return { bits: new Uint32Array(n / 32), mask: n - 1 };
};

/** Murmur3's finalizer: every bit of the result depends on every bit of `h` (the filter uses the low bits). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The trigram at `i` of `s` (UTF-16 code units), hashed. */
const trigram = (s: string, i: number): number =>
  mix(((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1)) ^ mix(s.charCodeAt(i + 2) + 0x9e3779b9));

/** The five characters at `i` (two trigrams overlapping by one), hashed apart from trigrams. */
const fiveOf = (first: number, third: number): number => mix(first ^ Math.imul(third, 0x27d4eb2f) ^ 0x5bd1e995);
const fivegram = (s: string, i: number): number => fiveOf(trigram(s, i), trigram(s, i + 2));

/**
 * Set the trigrams and five-grams of a folded text: a rare word made of common trigrams (a number,
 * an identifier) is told apart by its five-grams.
 */
function addText(f: Filter, folded: string): void {
  const { bits, mask } = f;
  // Each trigram hashed once: the five-gram at i joins the trigrams at i and i + 2.
  let before2 = 0;
  let before1 = 0;
  for (let i = 0; i + 2 < folded.length; i++) {
    const t = trigram(folded, i);
    const h = t & mask;
    bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
    if (i >= 2) {
      const g = fiveOf(before2, t) & mask;
      bits[g >>> 5] = (bits[g >>> 5] as number) | (1 << (g & 31));
    }
    before2 = before1;
    before1 = t;
  }
}

function addDocs(f: Filter, docs: ThreadDocs): void {
  if (docs.name) addText(f, fold(docs.name));
  for (const d of docs.docs) addText(f, d.folded);
}

const textLength = (docs: ThreadDocs): number =>
  docs.docs.reduce((n, d) => n + d.folded.length, docs.name?.length ?? 0);

/** Whether every trigram of `word` may be in the thread. */
function mayHold(f: Filter, word: string): boolean {
  const { bits, mask } = f;
  for (let i = 0; i + 2 < word.length; i++) {
    const h = trigram(word, i) & mask;
    if (((bits[h >>> 5] as number) & (1 << (h & 31))) === 0) return false;
  }
  for (let i = 0; i + 4 < word.length; i++) {
    const g = fivegram(word, i) & mask;
    if (((bits[g >>> 5] as number) & (1 << (g & 31))) === 0) return false;
  }
  return true;
}

export interface IndexStats {
  threads: number;
  filterBytes: number;
  cachedThreads: number;
  cacheBytes: number;
}

export class SearchIndex implements ThreadWriteObserver {
  private readonly filters = new Map<string, Filter>();
  private building = true;
  /** Threads deleted while the index was being built (their file may have been read before). */
  private readonly deletedIds = new Set<string>();
  /** Cached docs, least recently used first. */
  private readonly cache = new Map<string, ThreadDocs>();
  private cacheBytes = 0;
  /** Bumped on each write to a thread, so a read that raced a write is not cached. */
  private readonly generation = new Map<string, number>();

  private constructor(
    private readonly source: SearchSource,
    private readonly cacheBudget: number,
  ) {}

  /**
   * Build the index from the thread files. `observe` is called first, with the index, so writes
   * made while it builds reach it too.
   */
  static async build(
    source: SearchSource,
    observe: (index: SearchIndex) => void,
    cacheBudget = DEFAULT_CACHE_BYTES,
  ): Promise<SearchIndex> {
    const index = new SearchIndex(source, cacheBudget);
    observe(index);
    const ids = await source.threadIds();
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const batch = ids.slice(i, i + READ_BATCH);
      const read = await Promise.all(
        batch.map(async (id) => ({ id, gen: index.gen(id), docs: await readThreadDocs(source.pathOf(id)) })),
      );
      for (const { id, gen, docs } of read) {
        if (!docs || index.deletedIds.has(id)) continue;
        const f = filterFor(textLength(docs));
        addDocs(f, docs);
        // Writes made meanwhile (already in a filter of their own) are kept.
        const earlier = index.filters.get(id);
        if (earlier) merge(f, earlier);
        index.filters.set(id, f);
        index.remember(id, gen, docs);
      }
    }
    index.building = false;
    index.deletedIds.clear();
    return index;
  }

  private gen(id: string): number {
    return this.generation.get(id) ?? 0;
  }

  private remember(id: string, gen: number, docs: ThreadDocs): void {
    if (this.gen(id) !== gen) return;
    this.forget(id);
    if (docs.bytes > this.cacheBudget / 4) return;
    this.cache.set(id, docs);
    this.cacheBytes += docs.bytes;
    for (const [old, d] of this.cache) {
      if (this.cacheBytes <= this.cacheBudget) break;
      this.cache.delete(old);
      this.cacheBytes -= d.bytes;
    }
  }

  private forget(id: string): void {
    const d = this.cache.get(id);
    if (d) {
      this.cache.delete(id);
      this.cacheBytes -= d.bytes;
    }
  }

  /** A thread was written: its cached docs go, and its filter (made if new) is returned. */
  private written(id: string, chars: number): Filter {
    this.generation.set(id, this.gen(id) + 1);
    this.forget(id);
    let f = this.filters.get(id);
    if (!f) {
      f = filterFor(Math.max(chars, NEW_THREAD_BITS * 2));
      this.filters.set(id, f);
    }
    return f;
  }

  created(state: ThreadState): void {
    const docs = docsOfTurns(state.meta.name, state.turns);
    addDocs(this.written(state.meta.id, textLength(docs)), docs);
  }

  appended(id: string, records: ChangeRecord[]): void {
    const texts: string[] = [];
    for (const r of records) {
      if (r.t === 'item') for (const d of itemDocs(r.item, r.turnId)) texts.push(d.folded);
      else if (r.t === 'name' && r.name) texts.push(fold(r.name));
    }
    const f = this.written(id, 0);
    for (const t of texts) addText(f, t);
  }

  deleted(id: string): void {
    this.generation.set(id, this.gen(id) + 1);
    this.forget(id);
    this.filters.delete(id);
    if (this.building) this.deletedIds.add(id);
  }

  /**
   * The threads that may hold every word; undefined when no word has three characters (every
   * thread may match).
   */
  candidates(words: string[]): string[] | undefined {
    const useful = words.map(fold).filter((w) => w.length >= 3);
    if (useful.length === 0) return undefined;
    const out: string[] = [];
    for (const [id, f] of this.filters) if (useful.every((w) => mayHold(f, w))) out.push(id);
    return out;
  }

  /** A thread's docs: from the cache, else read from its file (and cached). */
  async docs(id: string): Promise<ThreadDocs | undefined> {
    const cached = this.cache.get(id);
    if (cached) {
      // Most recently used: to the end.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const gen = this.gen(id);
    const docs = await readThreadDocs(this.source.pathOf(id));
    if (docs) this.remember(id, gen, docs);
    return docs;
  }

  stats(): IndexStats {
    let filterBytes = 0;
    for (const f of this.filters.values()) filterBytes += f.bits.byteLength;
    return { threads: this.filters.size, filterBytes, cachedThreads: this.cache.size, cacheBytes: this.cacheBytes };
  }
}

/** Fold the trigrams of `from` (maybe of another size) into `into`: re-hashing is impossible, so a
 * smaller or larger filter is kept whole by setting every bit of `into` (always a candidate). */
function merge(into: Filter, from: Filter): void {
  if (into.bits.length === from.bits.length) {
    for (let i = 0; i < into.bits.length; i++) into.bits[i] = (into.bits[i] as number) | (from.bits[i] as number);
  } else into.bits.fill(0xffffffff);
}
