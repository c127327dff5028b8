/**
 * Text normalisation shared by cleaning, fingerprints and search tokenisation.
 * Pure functions; no imports beyond the standard library.
 */

const NUKTA = /\u093c/g;
// Chandrabindu and anusvara are used interchangeably in modern Hindi spelling (पाँच / पांच).
const CHANDRABINDU = /\u0901/g;
/**
 * White space that `collapseSpace` rewrites: a run of two or more, or one that is not a plain space. The
 * same result as replacing every `\s+` run with a space, five times faster on prose, whose single spaces
 * it leaves alone instead of replacing each with itself.
 */
const SPACE = /\s{2,}|[^\S ]/g;
// Soft hyphens and word joiners are invisible hyphenation hints: "Mit\u00adtel\u00adal\u00adter" is "Mittelalter".
const ZERO_WIDTH = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Collapse runs of white space (including NBSP) to one space and trim. */
export function squash(text: string): string {
  return collapseSpace(text.replace(ZERO_WIDTH, '')).trim();
}

/**
 * A copy of `s` that holds none of the string it was cut from. V8 keeps a substring of 13 characters or
 * more as a view of its parent: a class name kept as a cache key would keep the whole page's HTML alive
 * (a bench's peak RSS rose from 480 to 770 MB over 990 pages). Concatenation and then a slice give a view
 * of a fresh string of the same length.
 */
export function ownString(s: string): string {
  return ` ${s}`.slice(1);
}

/**
 * Membership of one character class (a one-character regex such as `/^[\p{L}\p{M}]$/u`) for scanners
 * that walk a text by hand: the answer per UTF-16 unit is remembered in a table, and a surrogate pair is
 * asked of the regex as one character.
 */
export class CharClass {
  /** Per UTF-16 unit outside the surrogates: 0 not asked yet, 1 in the class, 2 not. */
  readonly #units = new Uint8Array(65536);

  constructor(readonly re: RegExp) {}

  /** UTF-16 units of the character at `i` when it is in the class (2 beyond the BMP), else 0. */
  unitsAt(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      let k = this.#units[c]!;
      if (k === 0) this.#units[c] = k = this.re.test(String.fromCharCode(c)) ? 1 : 2;
      return k === 1 ? 1 : 0;
    }
    if (c > 0xdbff || i + 1 >= text.length) return 0;
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff && this.re.test(text.slice(i, i + 2)) ? 2 : 0;
  }
}

/** White space (`\s`, all of it in the BMP: the no-break space among it), for hand-written scanners. */
export const WHITE_SPACE = new CharClass(/^\s$/);

/** Every run of white space (including NBSP and line ends) as one plain space; not trimmed. */
export function collapseSpace(text: string): string {
  return text.replace(SPACE, ' ');
}

/**
 * Key used to decide whether two paragraphs are the same text: NFC, nukta and chandrabindu folded,
 * punctuation removed, white space collapsed, Latin lower-cased.
 */
export function normalizeForMatch(text: string): string {
  return squash(
    punctToSpace(text.normalize('NFC').replace(NUKTA, '').replace(CHANDRABINDU, '\u0902')).toLowerCase(),
  );
}

/** Punctuation and symbols (`\p{P}`, `\p{S}`), asked of one character at a time by {@link punctToSpace}. */
const PUNCT_CHAR = new CharClass(/^[\p{P}\p{S}]$/u);

/**
 * Every run of punctuation and symbols as one space: what `text.replace(PUNCT, ' ')` gives, by a scan over
 * a per-character table (the Unicode-property regex was three fifths of normalizeForMatch on real pages).
 * A text with none is returned as it is.
 */
export function punctToSpace(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const k = PUNCT_CHAR.unitsAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    let j = i + k;
    for (let m = j < n ? PUNCT_CHAR.unitsAt(text, j) : 0; m > 0; m = j < n ? PUNCT_CHAR.unitsAt(text, j) : 0)
      j += m;
    out += `${text.slice(last, i)} `;
    last = j;
    i = j;
  }
  return last === 0 ? text : out + text.slice(last);
}

const segmenter = new Intl.Segmenter('hi', { granularity: 'word' });

/** Word segments with offsets; Devanagari words stay whole (vowel signs and viramas are part of the word). */
export function* words(text: string): Generator<{ word: string; index: number }> {
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike) yield { word: s.segment, index: s.index };
  }
}

const TERMINAL = new Set(['.', '।', '?', '!']);

/** Split text into sentences at `.`, `।`, `?`, `!` (keeping abbreviations like "Dr." and decimals mostly intact). */
export function sentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  // Boundary: a run of terminal punctuation followed by white space or the end of the text. Scanned by
  // hand: the regex `/[.।?!]+(?=\s|$)/g` retried every run from each of its characters (quadratic:
  // 4.8 s on 40,000 '!' and a letter).
  for (let i = 0; i < text.length; i++) {
    if (!TERMINAL.has(text[i]!)) continue;
    let j = i + 1;
    while (j < text.length && TERMINAL.has(text[j]!)) j++;
    if (j === text.length || /\s/u.test(text[j]!)) {
      pushSentence(out, text, start, j);
      start = j;
    }
    i = j - 1;
  }
  pushSentence(out, text, start, text.length);
  return out;
}

function pushSentence(
  out: { text: string; start: number; end: number }[],
  text: string,
  start: number,
  end: number,
): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}

/** Share of letters in the Devanagari block among all letters (0 when there are none). */
export function devanagariRatio(text: string): number {
  let deva = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      const c = ch.codePointAt(0)!;
      if (c >= 0x0900 && c <= 0x097f) deva++;
    }
  }
  return letters === 0 ? 0 : deva / letters;
}

/** A run of letters without a space longer than this is no word of Hindi or English (a blob, a hash, a mangled string). */
export const MAX_WORD_CHARS = 100;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
/** Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, CJK, full-width forms). */
const isUnspacedScript = (c: number) =>
  (c >= 0x0e00 && c <= 0x0eff) ||
  (c >= 0x1000 && c <= 0x109f) ||
  (c >= 0x1780 && c <= 0x17ff) ||
  (c >= 0x3000 && c <= 0xd7af) ||
  (c >= 0xff00 && c <= 0xffef);

/**
 * True when most of the text sits in space-free runs longer than {@link MAX_WORD_CHARS} that are neither links
 * nor a script written without spaces: base64, minified code, a mangled attribute read as text. One linear pass;
 * such a block is not prose and would only cost every later stage time (a 7.8 MB one-"word" block took the
 * text path 5 s in the fuzz campaign).
 */
export function isNotProse(text: string): boolean {
  let inLong = 0;
  let start = 0;
  let unspaced = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (!isSpace(c)) {
      unspaced ||= isUnspacedScript(c);
      continue;
    }
    const run = i - start;
    if (
      run > MAX_WORD_CHARS &&
      !unspaced &&
      !text.startsWith('http', start) &&
      !text.startsWith('www.', start)
    )
      inLong += run;
    start = i + 1;
    unspaced = false;
  }
  return inLong * 2 > text.length;
}
