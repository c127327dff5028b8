/**
 * Script census for language identification.
 *
 * Counting letters per script is the cheapest and most reliable first signal: Devanagari, Latin and
 * Arabic text can never be confused with each other, so every later decision only has to choose among
 * the languages written in the dominant script. This module is pure and allocation-light because it
 * runs on every paragraph.
 */

/** Script label of a piece of text as reported by the language stage. */
export type ScriptLabel = 'Deva' | 'Latn' | 'Arab' | 'mixed' | 'none';

/** Letter counts per script (digits, punctuation and spaces are not letters). */
export interface ScriptCounts {
  deva: number;
  latn: number;
  arab: number;
  /** Letters of any other script (Bengali, Gurmukhi, Han, ...). */
  other: number;
  total: number;
}

/** Share of letters a second script needs before a text counts as script-mixed. */
export const MIXED_SCRIPT_SHARE = 0.15;

/**
 * Classifies one UTF-16 code unit. Returns 0 for non-letters, 1 Devanagari, 2 Latin, 3 Arabic,
 * 4 other letter. Code points are tested by range (not `\p{...}` regexes) because this loop runs over
 * every character of every paragraph.
 */
function classify(c: number): number {
  if (c < 0x80) {
    return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 2 : 0;
  }
  if (c >= 0x0900 && c <= 0x097f) {
    // Danda, double danda, Devanagari digits and the abbreviation sign are punctuation, not letters.
    if (c === 0x0964 || c === 0x0965 || (c >= 0x0966 && c <= 0x096f) || c === 0x0970) return 0;
    return 1;
  }
  if (c >= 0xa8e0 && c <= 0xa8ff) return 1;
  if ((c >= 0x00c0 && c <= 0x024f && c !== 0x00d7 && c !== 0x00f7) || (c >= 0x1e00 && c <= 0x1eff)) return 2;
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfeff)) {
    // Arabic punctuation and digits: comma, semicolon, question mark, full stop, Arabic-Indic digits.
    if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4) return 0;
    if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) return 0;
    if (c === 0xfeff) return 0;
    return 3;
  }
  // Other scripts: treat the common letter blocks as letters, everything else (punctuation, symbols,
  // joiners, emoji surrogates) as non-letters.
  if (c >= 0x2000 && c <= 0x2bff) return 0;
  if (c >= 0x3000 && c <= 0x303f) return 0;
  if (c >= 0xd800 && c <= 0xdfff) return 0;
  if (c >= 0xfe00 && c <= 0xfe0f) return 0;
  if (c === 0x00a0 || (c >= 0x00a1 && c <= 0x00bf)) return 0;
  return 4;
}

/** Counts letters per script in `text`. */
export function countScripts(text: string): ScriptCounts {
  let deva = 0;
  let latn = 0;
  let arab = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const k = classify(text.charCodeAt(i));
    if (k === 1) deva++;
    else if (k === 2) latn++;
    else if (k === 3) arab++;
    else if (k === 4) other++;
  }
  return { deva, latn, arab, other, total: deva + latn + arab + other };
}

/**
 * Script label from counts: the dominant script, `mixed` when a second script carries at least
 * {@link MIXED_SCRIPT_SHARE} of the letters, `none` when there are no letters (or only letters of
 * scripts this stage does not model).
 */
export function scriptLabel(counts: ScriptCounts): ScriptLabel {
  if (counts.total === 0) return 'none';
  const shares: [ScriptLabel, number][] = [
    ['Deva', counts.deva],
    ['Latn', counts.latn],
    ['Arab', counts.arab],
    ['none', counts.other],
  ];
  shares.sort((a, b) => b[1] - a[1]);
  if (shares[1][1] / counts.total >= MIXED_SCRIPT_SHARE) return 'mixed';
  return shares[0][0];
}

/** Joins the maximal runs of Devanagari letters (and joiners) in `text` with single spaces. */
export function devanagariPart(text: string): string {
  const runs = text.match(/[\u0900-\u0963\u0971-\u097f\ua8e0-\ua8ff\u200c\u200d]+/g);
  return runs ? runs.join(' ') : '';
}

/** Joins the Latin words of `text` with single spaces (apostrophes inside words are kept). */
export function latinPart(text: string): string {
  const words: string[] = [];
  forEachLatinWord(text, (w) => words.push(w));
  return words.join(' ');
}

const isLatinLetter = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f);
const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019;

/**
 * Each Latin word of `text`, in order: what `/[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*\/g` matches, found
 * by one scan (the language stage read every paragraph's words through a match array, a joined string and
 * a split of it).
 */
export function forEachLatinWord(text: string, fn: (word: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLatinLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLatinLetter(text.charCodeAt(i))) i++;
    // `'s`, `n't`, `’ll`: an apostrophe followed by ASCII letters stays in the word.
    while (i + 1 < n && isApostrophe(text.charCodeAt(i)) && isAsciiLetter(text.charCodeAt(i + 1))) {
      i += 2;
      while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
    }
    fn(text.slice(start, i));
  }
}

/** Joins the Arabic-script words of `text` with single spaces. */
export function arabicPart(text: string): string {
  const runs = text.match(
    /[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufefc]+/g,
  );
  return runs ? runs.join(' ') : '';
}
