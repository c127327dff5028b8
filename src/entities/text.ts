/**
 * Tokenisation and matching keys shared by the entity stage.
 *
 * Tokens keep UTF-16 offsets into the original string so every mention can be sliced back out;
 * only the lookup key is normalised (case, nukta, nasal spelling), never the surface.
 */

import { CharClass } from '../core/text.ts';
import { WordCache } from '../core/word-cache.ts';

export { WordCache } from '../core/word-cache.ts';

/** One word of a text with its offsets (end exclusive) and normalised lookup key. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  /** Word is written in Devanagari (U+0900–U+097F). */
  readonly deva: boolean;
  /** The word's remembered facts ({@link wordFacts}); set by the tokenisers. Tokens are shared between
   * the tokenisers (the tagger's reuses the entity stage's), so none is changed once made. */
  readonly facts?: WordFacts;
}

/**
 * What the entity stage remembers of one word, found with its key so that a token costs one lookup: the
 * rules and the tagger fill the other fields on first use (undefined: not asked yet), where each kept a
 * map of its own and looked the word up again.
 */
export interface WordFacts {
  key: string;
  /** The Devanagari acronym read in the word (hindi.ts), null when none. */
  acronym: { letters: string; len: number } | null | undefined;
  /** isNameWord of the word. */
  nameWord: boolean | undefined;
  /** wordNameKey of the word. */
  nameKey: string | undefined;
  /** The word may be part of a Hindi name, as far as the word alone tells (hindi.ts). */
  nameish: boolean | undefined;
  /** The tagger's per-word scores, valid for the model in `taggerOwner` only. */
  tagger: unknown;
  taggerOwner: unknown;
  /** The gazetteer aliases that may start at the word (match.ts), valid for the gazetteer in `gazOwner`. */
  gazCands: unknown;
  gazOwner: unknown;
}

function newFacts(key: string): WordFacts {
  return {
    key,
    acronym: undefined,
    nameWord: undefined,
    nameKey: undefined,
    nameish: undefined,
    tagger: undefined,
    taggerOwner: undefined,
    gazCands: undefined,
    gazOwner: undefined,
  };
}

/**
 * The facts of a word. Non-ASCII words are remembered (bounded); an ASCII word gets fresh facts each time
 * (its key is just lowercase, and remembering every English word would cost more than it saves).
 */
export function wordFacts(word: string): WordFacts {
  if (/^[\x00-\x7f]*$/.test(word)) return newFacts(word.toLowerCase());
  let f = factsCache.get(word);
  if (f === undefined) {
    f = newFacts(computeKey(word));
    factsCache.set(word, f);
  }
  return f;
}

// The word tokens (tokenize scans for them by hand, with the same result):
// letters, combining marks (matras, virama, nukta), digits and ZWJ/ZWNJ all belong to a word:
// treating marks as word characters is what keeps "एम्स" from matching inside a longer word.
// Bounded: V8 keeps a backtrack entry per repetition, and a 6.5M-letter run overflowed its stack
// (RangeError, fuzz seed 7); longer runs are cut into 1,000-letter tokens, which name nothing anyway.
export const WORD_RE = /[\p{L}\p{M}\p{N}\u200c\u200d]{1,1000}|&/gu;
const DEVA_RE = /[\u0900-\u097f]/;
const LATIN_RE = /[A-Za-z]/;

/** True when the string contains a Devanagari character. */
export function isDevanagari(s: string): boolean {
  return DEVA_RE.test(s);
}

/** True when the string contains a basic Latin letter. */
export function hasLatin(s: string): boolean {
  return LATIN_RE.test(s);
}

/**
 * Normalised key for one word: Latin lowercased; Devanagari with nukta removed, chandrabindu
 * folded into anusvara and a nasal consonant + virama before a consonant folded into anusvara,
 * so that मुम्बई/मुंबई, हिन्दी/हिंदी and ज़/ज compare equal.
 */
export function wordKey(word: string): string {
  // ASCII needs no Unicode normalisation; other words are memoised (this runs on every token).
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return wordFacts(word).key;
}

const factsCache = new WordCache<WordFacts>(50000);

/**
 * True when `word` is Devanagari only and holds nothing that NFD or NFC changes or that the nukta, joiner
 * and candrabindu folds remove: no nukta or precomposed nukta letter, no candrabindu, and no Vedic stress
 * mark (NFD reorders those around a virama). NFC then composes nothing either, since Devanagari composes
 * only with the nukta. Most Hindi words; the word key and the acronym fold give them back as they are.
 */
export function plainDevanagari(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x0900 || c > 0x097f) return false;
    if (c === 0x093c || c === 0x0901 || c === 0x0929 || c === 0x0931 || c === 0x0934) return false;
    if ((c >= 0x0958 && c <= 0x095f) || (c >= 0x0951 && c <= 0x0954)) return false;
  }
  return true;
}

/**
 * True when the key of `word` is the word itself: {@link plainDevanagari}, with no candra vowel and no
 * nasal before a virama (the key's own folds). They skip two normalisations and five replaces.
 */
function keyIsWord(word: string): boolean {
  if (!plainDevanagari(word)) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x0911 || c === 0x0945 || c === 0x0949) return false;
    if (c === 0x094d) {
      // A virama is kept, unless after a nasal (ङ ञ ण न म) that a consonant may follow.
      const p = word.charCodeAt(i - 1);
      if (p === 0x0919 || p === 0x091e || p === 0x0923 || p === 0x0928 || p === 0x092e) return false;
    }
  }
  return true;
}

function computeKey(word: string): string {
  return keyIsWord(word) ? word : keyByFolds(word);
}

/** The key as the folds define it, every step taken (tests hold {@link keyIsWord} to it). */
export function keyByFolds(word: string): string {
  let w = word.normalize('NFD').replace(/\u200c|\u200d|\u093c/g, '');
  if (DEVA_RE.test(w)) {
    w = w
      .replace(/\u0901/g, '\u0902')
      .replace(/[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])/g, '\u0902')
      // Candra vowels (ऑ, ॅ) are spelt with plain ओ/े just as often.
      .replace(/\u0911/g, '\u0913')
      .replace(/\u0949/g, '\u094b')
      .replace(/\u0945/g, '\u0947');
  }
  return w.normalize('NFC').toLowerCase();
}

/** Split a text into word tokens with offsets; punctuation and spaces are left between tokens. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x26) {
      out.push(tokenOf(text, i, i + 1));
      i++;
      continue;
    }
    let w = WORD_CHAR.unitsAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    // A run of word characters, cut every MAX_WORD_POINTS code points (see WORD_RE).
    const start = i;
    let points = 0;
    while (w > 0 && points < MAX_WORD_POINTS) {
      i += w;
      points++;
      w = i < n ? WORD_CHAR.unitsAt(text, i) : 0;
    }
    out.push(tokenOf(text, start, i));
  }
  return out;
}

function tokenOf(text: string, start: number, end: number): Token {
  const word = text.slice(start, end);
  // An ASCII word's facts would be made afresh for every token (see wordFacts) and so could remember
  // nothing: it goes without, and the rules and the tagger answer for it directly (they all allow that).
  if (isAscii(text, start, end))
    return { text: word, start, end, key: word.toLowerCase(), deva: false, facts: undefined };
  const facts = wordFacts(word);
  return { text: word, start, end, key: facts.key, deva: DEVA_RE.test(word), facts };
}

function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The most code points in one word token; a longer run of letters is cut into several tokens. */
const MAX_WORD_POINTS = 1000;
/**
 * Word characters (WORD_RE's class), for the tokeniser's hand-written scan: WORD_RE's matchAll built a
 * match array per word, a tenth of what the entity stage allocated on Hindi text.
 */
const WORD_CHAR = new CharClass(/^[\p{L}\p{M}\p{N}\u200c\u200d]$/u);

/** Keys of a phrase, as tokenised above (used to index gazetteer aliases). */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}

/**
 * Whether the text between two tokens can sit inside one name: spaces, a hyphen, an apostrophe,
 * or a dot after an initial ("S. Jaishankar"), but never a sentence stop, comma, colon or bracket.
 */
export function joinable(between: string, prev?: Token): boolean {
  // One reading of each character (white space, then at most one joiner and white space): linear, where
  // `\s*[-]?\s*$` tried every split of a long run of spaces.
  if (/^[\s\u00a0]*(?:[-–‑'’][\s\u00a0]*)?$/.test(between)) return !/\n/.test(between);
  if (/^\.\s?$/.test(between) && prev && prev.text.length <= 2) return true;
  return false;
}

/** Hindi postpositions / case markers that may follow or be glued to an entity word. */
export const HINDI_POSTPOSITIONS: readonly string[] = ['की', 'के', 'का', 'ने', 'को', 'में', 'से', 'पर', 'तक'];

/** Glued case suffixes that are split off a word before lookup (longest first). */
export const ATTACHED_SUFFIXES: readonly string[] = ['में', 'की', 'के', 'का', 'ने', 'को', 'से'];

/** The word without a glued Hindi case suffix, or undefined when there is none to strip. */
export function stripAttachedSuffix(word: string): { stem: string; suffix: string } | undefined {
  for (const s of ATTACHED_SUFFIXES) {
    if (word.length > s.length + 1 && word.endsWith(s)) return { stem: word.slice(0, -s.length), suffix: s };
  }
  return undefined;
}

/** Share of Latin letters among all letters, used to decide whether a title is English. */
export function latinShare(text: string): number {
  let latin = 0;
  let all = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      all++;
      if (LATIN_RE.test(ch)) latin++;
    }
  }
  return all === 0 ? 0 : latin / all;
}
