/**
 * The search index over every thread on disk: an inverted index from each word (a run of
 * letters, digits and `_`, case-folded) to the threads holding it. A query's word is looked up
 * as a substring of the vocabulary ("pars" finds the threads holding "parser"), which narrows
 * the threads to read; each candidate is then matched exactly against its docs (docs.ts), so
 * the index may over-approximate but never misses a match (but in a token over MAX_TOKEN long).
 *
 * Built on the first search, from the thread files, and kept up to date from then on by the
 * store's writes (created threads, appended records, deletions), so an item is found as soon as
 * it is recorded complete. Memory is bounded: the index holds words and thread numbers, not
 * text; the docs of recently searched threads are cached within a byte budget.
 */
import type { ChangeRecord, ThreadState } from '../threads/records';
import type { ThreadWriteObserver } from '../threads/thread-store';
import { docsOfTurns, fold, itemDocs, readThreadDocs, type ThreadDocs } from './docs';

/** Longer tokens (hashes, base64) are indexed by their first MAX_TOKEN characters. */
const MAX_TOKEN = 64;
const READ_BATCH = 16;
const DEFAULT_CACHE_BYTES = 48 * 1024 * 1024;
const WORD = /[\p{L}\p{N}_]+/gu;

/** What the index reads: the store's threads and files. */
export interface SearchSource {
  /** Ids of the threads on disk, oldest update first (the newest end up in the cache). */
  threadIds(): Promise<string[]>;
  pathOf(id: string): string;
}

/** The distinct tokens of a case-folded text (docs.ts `fold`), capped in length. */
function tokensOf(folded: string, into: Set<string>): void {
  for (const m of folded.matchAll(WORD)) {
    const t = m[0];
    into.add(t.length > MAX_TOKEN ? t.slice(0, MAX_TOKEN) : t);
  }
}

/**
 * A token as a string of its own: a match of 13 characters or more is a slice that keeps the
 * whole text it was cut from alive, and the index keeps its tokens for good.
 */
const own = (token: string): string => (token.length < 13 ? token : Buffer.from(token, 'utf16le').toString('utf16le'));

function docsTokens(docs: ThreadDocs, into: Set<string>): void {
  if (docs.name) tokensOf(fold(docs.name), into);
  for (const d of docs.docs) tokensOf(d.folded, into);
}

export interface IndexStats {
  threads: number;
  tokens: number;
  postings: number;
  cachedThreads: number;
  cacheBytes: number;
}

export class SearchIndex implements ThreadWriteObserver {
  /**
   * Token → its number; `postings[n]`: the thread numbers holding token n — one number, or
   * several (an array while it grows, packed into a Uint32Array once the build is done).
   */
  private readonly tokenIds = new Map<string, number>();
  /**
   * Every token, each after a newline, in token order: a piece is looked up with indexOf over
   * this one string (much faster than testing each token), `starts[n]` where token n begins.
   */
  private vocabulary = '';
  private readonly starts: number[] = [];
  private readonly postings: Array<number | number[] | Uint32Array> = [];
  private readonly ordinals = new Map<string, number>();
  private readonly ids: Array<string | undefined> = [];
  /** Threads written while the index was being built: their tokens may already be in. */
  private readonly touched = new Set<number>();
  private building = true;
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
        const tokens = new Set<string>();
        docsTokens(docs, tokens);
        index.addTokens(index.ordinal(id), tokens);
        index.remember(id, gen, docs);
      }
    }
    index.pack();
    index.building = false;
    index.touched.clear();
    index.deletedIds.clear();
    return index;
  }

  private readonly deletedIds = new Set<string>();

  /** Arrays grown by push keep spare room: packed, the postings take about a third of the memory. */
  private pack(): void {
    const { postings } = this;
    for (let t = 0; t < postings.length; t++) {
      const p = postings[t];
      if (Array.isArray(p)) postings[t] = Uint32Array.from(p);
    }
  }

  private gen(id: string): number {
    return this.generation.get(id) ?? 0;
  }

  private ordinal(id: string): number {
    let n = this.ordinals.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.ordinals.set(id, n);
    }
    return n;
  }

  private addTokens(thread: number, tokens: Iterable<string>): void {
    // A thread built once, in order, is always the last one added: no need to look further.
    const mayRepeat = this.touched.has(thread) || !this.building;
    for (let token of tokens) {
      let t = this.tokenIds.get(token);
      if (t === undefined) {
        token = own(token);
        t = this.postings.length;
        this.tokenIds.set(token, t);
        this.starts.push(this.vocabulary.length + 1);
        this.vocabulary += '\n' + token;
        this.postings.push(thread);
        continue;
      }
      const p = this.postings[t];
      if (typeof p === 'number') {
        if (p !== thread) this.postings[t] = [p, thread];
      } else if (p instanceof Uint32Array) {
        if (!p.includes(thread)) this.postings[t] = [...p, thread];
      } else if (p && p[p.length - 1] !== thread && !(mayRepeat && p.includes(thread))) p.push(thread);
    }
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

  private written(id: string): number {
    this.generation.set(id, this.gen(id) + 1);
    this.forget(id);
    const n = this.ordinal(id);
    if (this.building) this.touched.add(n);
    return n;
  }

  created(state: ThreadState): void {
    const n = this.written(state.meta.id);
    const tokens = new Set<string>();
    docsTokens(docsOfTurns(state.meta.name, state.turns), tokens);
    this.addTokens(n, tokens);
  }

  appended(id: string, records: ChangeRecord[]): void {
    const tokens = new Set<string>();
    for (const r of records) {
      if (r.t === 'item') for (const d of itemDocs(r.item, r.turnId)) tokensOf(d.folded, tokens);
      else if (r.t === 'name' && r.name) tokensOf(fold(r.name), tokens);
    }
    const n = this.written(id);
    if (tokens.size) this.addTokens(n, tokens);
  }

  deleted(id: string): void {
    this.generation.set(id, this.gen(id) + 1);
    this.forget(id);
    const n = this.ordinals.get(id);
    if (n !== undefined) this.ids[n] = undefined;
    this.ordinals.delete(id);
    if (this.building) this.deletedIds.add(id);
  }

  /**
   * The threads that may hold every word (each piece of each word a substring of a token they
   * hold); undefined when the words have no indexable piece (every thread may match).
   */
  candidates(words: string[]): string[] | undefined {
    let result: Set<number> | undefined;
    const seen = new Map<string, Set<number>>();
    for (const word of words) {
      for (const piece of fold(word).match(WORD) ?? []) {
        const p = piece.length > MAX_TOKEN ? piece.slice(0, MAX_TOKEN) : piece;
        let threads = seen.get(p);
        if (!threads) {
          threads = this.threadsWithPiece(p, result);
          seen.set(p, threads);
        }
        result = result ? intersect(result, threads) : threads;
        if (result.size === 0) return [];
      }
    }
    if (!result) return undefined;
    return [...result].flatMap((n) => {
      const id = this.ids[n];
      return id === undefined ? [] : [id];
    });
  }

  /** Threads (of `within`, when given) holding a token that contains `piece`. */
  private threadsWithPiece(piece: string, within: Set<number> | undefined): Set<number> {
    const out = new Set<number>();
    const add = (t: number) => {
      const p = this.postings[t];
      if (typeof p === 'number') {
        if (!within || within.has(p)) out.add(p);
      } else if (p) for (const n of p) if (!within || within.has(n)) out.add(n);
    };
    const { vocabulary, starts } = this;
    for (let at = vocabulary.indexOf(piece); at >= 0;) {
      // The token holding position `at`: the last one starting at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      add(lo);
      // On to the next token: one match per token is enough.
      const next = starts[lo + 1];
      if (next === undefined) break;
      at = vocabulary.indexOf(piece, next);
    }
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
    let postings = 0;
    for (const p of this.postings) postings += typeof p === 'number' ? 1 : p.length;
    return {
      threads: this.ordinals.size,
      tokens: this.postings.length,
      postings,
      cachedThreads: this.cache.size,
      cacheBytes: this.cacheBytes,
    };
  }
}

function intersect(a: Set<number>, b: Set<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<number>();
  for (const n of small) if (large.has(n)) out.add(n);
  return out;
}
