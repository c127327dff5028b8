/**
 * Paragraph de-duplication: exact repeats (after normalisation) and near-repeats (the same paragraph with a
 * word or two changed, or with an inserted gloss). Linear in the number of blocks for exact repeats; near
 * repeats are compared only against kept paragraphs of similar length, within a bounded window.
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
  shingles: Set<string>;
  words: number;
}

export function fingerprint(text: string): Fingerprint {
  const key = normalizeForMatch(text);
  const ws = key.split(' ').filter(Boolean);
  const shingles = new Set<string>(ws);
  for (let i = 0; i + 1 < ws.length; i++) shingles.add(`${ws[i]} ${ws[i + 1]}`);
  return { key, shingles, words: ws.length };
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

/** Remembers kept paragraphs and says whether a new one repeats one of them. */
export class ParagraphDeduper {
  readonly #exact = new Map<string, number>();
  readonly #kept: { fp: Fingerprint; index: number }[] = [];

  /** Index of the kept paragraph this text repeats, with its similarity; undefined when it is new. */
  check(fp: Fingerprint): { index: number; similarity: number } | undefined {
    const exact = this.#exact.get(fp.key);
    if (exact !== undefined) return { index: exact, similarity: 1 };
    if (fp.words < NEAR_DUPLICATE_MIN_WORDS) return undefined;
    let best: { index: number; similarity: number } | undefined;
    const from = Math.max(0, this.#kept.length - NEAR_DUPLICATE_WINDOW);
    for (let i = from; i < this.#kept.length; i++) {
      const k = this.#kept[i]!;
      if (k.fp.words < fp.words / 2 || k.fp.words > fp.words * 2) continue;
      const sim = jaccard(fp.shingles, k.fp.shingles);
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
