/**
 * A bounded memo keyed by words or other short strings cut from a document (class names, place names).
 * Pure; no imports beyond core/text.ts.
 */
import { ownString } from './text.ts';

/** Every WordCache alive, weakly held: what {@link clearWordCaches} empties. */
const everyCache = new Set<WeakRef<WordCache<unknown>>>();
/** A cache that is collected leaves the set. */
const forgotten = new FinalizationRegistry<WeakRef<WordCache<unknown>>>((ref) => everyCache.delete(ref));

/**
 * Empty every WordCache of this thread (the per-word memos of every stage; a worker thread has its own)
 * and return how many there are. For measurement: `npm run bench` starts a timed round with none of its
 * texts' words remembered. A WeakRef keeps its cache alive until the code that made it has run to its end
 * (the current job): caches made and dropped in one long synchronous loop are freed only after it.
 */
export function clearWordCaches(): number {
  let n = 0;
  for (const ref of everyCache) {
    const cache = ref.deref();
    if (cache === undefined) everyCache.delete(ref);
    else {
      cache.clear();
      n++;
    }
  }
  return n;
}

/** Longer than any word worth remembering; longer ones are answered afresh each time. */
const MAX_CACHED_WORD = 100;

/**
 * A bounded memo for per-word answers, in two generations: new answers go into the young map; when it is
 * full it becomes the old one (the previous old one is dropped), and an answer found only in the old map is
 * moved back into the young one. Words in steady use survive a turnover, where clearing one map at the
 * limit threw away every answer when a vocabulary slightly larger than the limit cycled through. At most
 * `2 × limit` entries of at most `maxKey` characters (default MAX_CACHED_WORD), so hostile input cannot
 * grow it without bound (a whitespace-free megabyte is one tagger token). Keys are stored as copies
 * ({@link ownString}): a key cut from a page would otherwise keep the whole page alive.
 */
export class WordCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(
    private readonly limit: number,
    private readonly maxKey: number = MAX_CACHED_WORD,
  ) {
    const ref = new WeakRef<WordCache<unknown>>(this);
    everyCache.add(ref);
    forgotten.register(this, ref);
  }

  /** Forget every answer. */
  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** Entries held in both generations (a word moved back from the old one may be counted twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** The remembered answer for `word`, or undefined. */
  get(word: string): V | undefined {
    const v = this.young.get(word);
    if (v !== undefined || this.old.size === 0) return v;
    const o = this.old.get(word);
    if (o !== undefined) this.set(word, o);
    return o;
  }

  /** Remember `value` (not undefined) for `word`; a key longer than `maxKey` is not kept. */
  set(word: string, value: V): void {
    if (word.length > this.maxKey) return;
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(ownString(word), value);
  }
}
