/**
 * MinHash over normalised word shingles, with LSH bands for candidate lookup. Words are the search index's
 * terms (folded, stemmed), so an outlet's light rewording of a syndicated story still shares most shingles.
 * Pure and deterministic: the same text gives the same signature in every process.
 */
import { terms } from '../store/tokenize.ts';

/** Hash functions in a signature. */
export const MINHASH_SIZE = 64;
/** LSH: 16 bands of 4 rows → pairs with Jaccard ≈ 0.5 or more collide in some band with high probability. */
export const LSH_BANDS = 16;
const ROWS = MINHASH_SIZE / LSH_BANDS;
const SHINGLE = 3;

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Per-function odd multipliers and offsets, fixed so signatures are comparable across runs.
const COEFFS: [number, number][] = Array.from({ length: MINHASH_SIZE }, (_, i) => [
  (fnv1a(`a${i}`) | 1) >>> 0,
  fnv1a(`b${i}`),
]);

/** Word shingles (3 consecutive index terms) of a text; short texts give one shingle per word. */
export function shingles(text: string): Set<string> {
  const t = terms(text);
  const out = new Set<string>();
  if (t.length < SHINGLE) for (const w of t) out.add(w);
  for (let i = 0; i + SHINGLE <= t.length; i++) out.add(t.slice(i, i + SHINGLE).join(' '));
  return out;
}

/** MinHash signature of a shingle set (all 0xffffffff when the set is empty). */
export function minhash(set: Iterable<string>): number[] {
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (const s of set) {
    const h = fnv1a(s);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const [a, b] = COEFFS[i]!;
      // Universal-style hash mod 2^32: cheap and well enough mixed for shingle hashes.
      const v = (Math.imul(a, h ^ (h >>> 15)) + b) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}

/** LSH band keys of a signature, `b<band>:<hash>`: similar texts share at least one. */
export function bandKeys(sig: number[]): string[] {
  if (sig.every((v) => v === 0xffffffff)) return [];
  const out: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    out.push(`b${b}:${fnv1a(sig.slice(b * ROWS, (b + 1) * ROWS).join(',')).toString(36)}`);
  }
  return out;
}
