/**
 * Are two reports about different people? Names reach grouping in rough shapes: an English "Nissar Ahmed Dar"
 * and a Hindi "निसार अहमद डार" transliterated with a stray word ("Atankawadi Nisar Ahmad"). So names are
 * compared word by word, by a consonant skeleton of each word's phonetic key (vowels are what
 * transliterations get wrong), and the given names and titles that thousands of people share say nothing.
 * Pure.
 */
import { phoneticKey } from '../entities/index.ts';
import type { ArticleDigest } from './types.ts';

/** Name words too common to tell two people apart (general knowledge of South Asian names). */
const COMMON_NAME_WORDS = new Set(
  `ahmad ahmed mohammad mohammed muhammad mohd md abdul ali khan kumar kumari singh sharma shah devi lal prasad
  ram bhat dar mir sheikh shaikh syed sayed sri shri smt mr mrs ms dr jan bibi begum`.split(/\s+/),
);

/** First letter, then consonants: "Nissar" and "Nisar" → "nsr". */
function skeleton(word: string): string {
  const k = phoneticKey(word);
  return k.slice(0, 1) + k.slice(1).replace(/[aeiou]/g, '');
}

/** Skeletons of the telling words of every person a digest names. */
export function personWords(d: ArticleDigest): Set<string> {
  const out = new Set<string>();
  for (const p of d.people ?? [])
    for (const w of p.name.toLowerCase().split(/[^a-z]+/))
      if (w.length >= 3 && !COMMON_NAME_WORDS.has(w)) out.add(skeleton(w));
  return out;
}

/**
 * Both reports name people, and no telling name word of one is in the other: they are about different people
 * (an arrest of one man is not the arrest of another). False when either names nobody.
 */
export function namesDifferentPeople(a: ArticleDigest, b: ArticleDigest): boolean {
  const pa = personWords(a);
  const pb = personWords(b);
  if (pa.size === 0 || pb.size === 0) return false;
  for (const w of pa) if (pb.has(w)) return false;
  return true;
}
