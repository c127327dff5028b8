/**
 * Search tokenisation shared by the embedded store's index, its queries and its highlighter, so the three
 * always agree. Words come from Intl.Segmenter (Hindi words stay whole, unlike FTS5's unicode61), then are
 * folded (NFC, nukta, chandrabindu, lower case) and stemmed by script: Porter for Latin, a light suffix
 * stripper for Devanagari (after Ramanathan & Rao, "A Lightweight Stemmer for Hindi", 2003).
 */
import { stemmer } from 'stemmer';
import { words } from '../core/text.ts';

// Longest first: the first matching suffix that leaves a stem of at least two characters is removed.
const HINDI_SUFFIXES = [
  'ाएंगी', 'ाएंगे', 'ाऊंगी', 'ाऊंगा', 'ाइयां', 'ाइयों',
  'ाएगी', 'ाएगा', 'ाओगी', 'ाओगे', 'एंगी', 'एंगे', 'ऊंगी', 'ऊंगा', 'ातीं', 'नाओं', 'नाएं', 'ताओं', 'ताएं', 'ियां', 'ियों',
  'ाकर', 'ाइए', 'ाईं', 'ाया', 'ेगी', 'ेगा', 'ोगी', 'ोगे', 'ाने', 'ाना', 'ाते', 'ाती', 'ाता', 'तीं', 'ाओं', 'ाएं', 'ुओं', 'ुएं', 'ुआं',
  'कर', 'ाओ', 'िए', 'ाई', 'ाए', 'ने', 'नी', 'ना', 'ते', 'ीं', 'ती', 'ता', 'ां', 'ों', 'ें',
  'ो', 'े', 'ू', 'ु', 'ी', 'ि', 'ा',
]; // biome-ignore format: grouped by length

const DEVANAGARI = /[\u0900-\u097f]/;

/** Fold a word for matching: NFC, no nukta, chandrabindu as anusvara, lower case. */
export function foldWord(word: string): string {
  return word
    .normalize('NFC')
    .replace(/\u093c/g, '')
    .replace(/\u0901/g, '\u0902')
    .toLowerCase();
}

export function stemHindi(word: string): string {
  for (const s of HINDI_SUFFIXES) {
    if (word.endsWith(s) && word.length - s.length >= 2) return word.slice(0, -s.length);
  }
  return word;
}

/** The index form of one word. */
export function termOf(word: string): string {
  const w = foldWord(word);
  if (DEVANAGARI.test(w)) return stemHindi(w);
  if (/^[a-z]+$/.test(w)) return stemmer(w);
  return w;
}

/** Index terms of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const { word } of words(text)) out.push(termOf(word));
  return out;
}

/** Index key of a canonical entity: one token the FTS `ascii` tokenizer keeps whole (letters and digits only). */
export function entityKey(canonical: string): string {
  return `ent${foldWord(canonical).replace(/[^\p{L}\p{N}]+/gu, '')}`;
}
