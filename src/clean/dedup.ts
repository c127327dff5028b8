/**
 * Paragraph de-duplication: exact repeats (after normalisation) and near-repeats (the same paragraph with a
 * word or two changed, or with an inserted gloss). Linear in the number of blocks for exact repeats; near
 * repeats are compared only against kept paragraphs of similar length, within a bounded window.
 *
 * Near-repeat checks are the costly part of cleaning, so their shingle sets are built lazily, of integers
 * (word ids interned per document) instead of strings, and a pair is given up as soon as it can no longer
 * reach the threshold. None of this changes which paragraphs are found to repeat, or their similarity.
 */
import { normalizeForMatch } from '../core/text.ts';

/** Word unigram+bigram Jaccard at or above which two paragraphs are the same paragraph. */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;
/** Paragraphs shorter than this many words are compared exactly only (short lines differ by one word legitimately). */
export const NEAR_DUPLICATE_MIN_WORDS = 8;
/** How many kept paragraphs a new one is compared with for near-duplication (bounds work on huge pages). */
export const NEAR_DUPLICATE_WINDOW = 400;

export interface Fingerprint {
  key: string;
  /** The words of `key`, in order. */
  tokens: string[];
  words: number;
}

export function fingerprint(text: string): Fingerprint {
  const key = normalizeForMatch(text);
  // The key is trimmed and its spaces single: only an empty key would give an empty word.
  const tokens = key === '' ? [] : key.split(' ');
  return { key, tokens, words: tokens.length };
}

/** Word unigram+bigram shingles of a text, as strings (the reference form of what the deduper compares). */
export function shingles(tokens: string[]): Set<string> {
  const out = new Set<string>(tokens);
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * The smallest intersection of two sets of these sizes (`small` ≤ `large`, not both 0) whose Jaccard
 * reaches `t`, by the same division as the final score; -1 when none can.
 */
function intersectionNeeded(small: number, large: number, t: number): number {
  if (small / large < t) return -1;
  const sum = small + large;
  let need = Math.max(0, Math.floor((t * sum) / (1 + t)) - 1);
  while (need <= small && need / (sum - need) < t) need++;
  return need > small ? -1 : need;
}

/**
 * `jaccard(a, b)` of two shingle sets held as sorted arrays of distinct numbers when it is at least `t`,
 * else -1; gives up early. Exact: Jaccard is at most the ratio of the set sizes, and grows with the
 * intersection, so a pair is dropped only once it cannot reach `t`. One merge walk over two flat arrays,
 * not hash lookups into two Sets (whose entries were a twentieth of what the whole pipeline allocated on
 * real pages).
 */
export function sortedJaccardAtLeast(a: Float64Array, b: Float64Array, t: number): number {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const sum = a.length + b.length;
  if (sum === 0) return t <= 1 ? 1 : -1;
  const need = intersectionNeeded(small.length, large.length, t);
  if (need < 0) return -1;
  let misses = small.length - need;
  let inter = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const x = small[i]!;
    while (j < large.length && large[j]! < x) j++;
    if (j < large.length && large[j] === x) inter++;
    else if (--misses < 0) return -1;
  }
  const sim = inter / (sum - inter);
  return sim >= t ? sim : -1;
}

/** Sorted distinct values of `ids` (changed in place; a view of it is returned). */
function sortedDistinct(ids: Float64Array): Float64Array {
  ids.sort();
  let u = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[u - 1]) ids[u++] = ids[i]!;
  return ids.subarray(0, u);
}

/** Ids of unigrams are below this; a bigram's id is (first + 1) * WORD_SPACE + second, never a unigram's. */
const WORD_SPACE = 2 ** 26;

interface Kept {
  fp: Fingerprint;
  index: number;
  shingles?: Float64Array;
}

/** Remembers kept paragraphs and says whether a new one repeats one of them. */
export class ParagraphDeduper {
  readonly #exact = new Map<string, number>();
  readonly #kept: Kept[] = [];
  readonly #vocab = new Map<string, number>();

  /** Unigram and bigram ids of the words, sorted and distinct (the set {@link shingles} gives, as numbers). */
  #shingles(tokens: string[]): Float64Array {
    const n = tokens.length;
    const out = new Float64Array(n > 0 ? 2 * n - 1 : 0);
    for (let i = 0; i < n; i++) {
      const w = tokens[i]!;
      let id = this.#vocab.get(w);
      if (id === undefined) {
        id = this.#vocab.size;
        this.#vocab.set(w, id);
      }
      out[i] = id;
    }
    for (let i = 0; i + 1 < n; i++) out[n + i] = (out[i]! + 1) * WORD_SPACE + out[i + 1]!;
    return sortedDistinct(out);
  }

  /** Index of the kept paragraph this text repeats, with its similarity; undefined when it is new. */
  check(fp: Fingerprint): { index: number; similarity: number } | undefined {
    const exact = this.#exact.get(fp.key);
    if (exact !== undefined) return { index: exact, similarity: 1 };
    if (fp.words < NEAR_DUPLICATE_MIN_WORDS) return undefined;
    let best: { index: number; similarity: number } | undefined;
    let mine: Float64Array | undefined;
    const from = Math.max(0, this.#kept.length - NEAR_DUPLICATE_WINDOW);
    for (let i = from; i < this.#kept.length; i++) {
      const k = this.#kept[i]!;
      if (k.fp.words < fp.words / 2 || k.fp.words > fp.words * 2) continue;
      mine ??= this.#shingles(fp.tokens);
      k.shingles ??= this.#shingles(k.fp.tokens);
      const sim = sortedJaccardAtLeast(mine, k.shingles, NEAR_DUPLICATE_THRESHOLD);
      if (sim >= NEAR_DUPLICATE_THRESHOLD && (!best || sim > best.similarity))
        best = { index: k.index, similarity: sim };
    }
    return best;
  }

  add(fp: Fingerprint, index: number): void {
    this.#exact.set(fp.key, index);
    this.#kept.push({ fp, index });
  }
}
