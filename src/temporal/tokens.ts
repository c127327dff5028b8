/**
 * Tokens of the Hindi date grammar (see grammar.ts): one linear pass over the text turns words and digit
 * runs into tokens that carry every reading a word can have (`पहले` is both the ordinal "first" and
 * "before"; `सौ` is 100 and the hundreds multiplier), so the grammar rules can compose them.
 */

import { CharClass } from '../core/text.ts';
import { WordCache } from '../core/word-cache.ts';
import { key, monthNumber, numberWord, type Unit, unitOf, weekdayNumber } from './lexicon.ts';
import { digits } from './model.ts';

/** What a word can be in a date expression. */
export type TokKind =
  | 'num' // a quantity: digits or a Hindi number word
  | 'frac' // fraction prefix applied to the next number (`साढ़े` +0.5)
  | 'hundred' // `सौ` between numbers (`उन्नीस सौ बानवे`)
  | 'thousand' // `हजार`
  | 'month'
  | 'weekday'
  | 'unit'
  | 'rel' // अगले +1, पिछले −1, इस 0
  | 'same' // उसी, उस, इसी: "that same" (day of the date just mentioned)
  | 'that' // उसके, उससे, इसके, इससे: counts from the date just mentioned
  | 'ord' // पहला 1 … पांचवां 5, आखिरी −1
  | 'post' // के की का को में से
  | 'dir' // पहले/पूर्व −1, बाद +1
  | 'now' // अब, आज (in `अब से`)
  | 'and' // और, व, एवं
  | 'vague' // कुछ, कई, चंद
  | 'tarikh' // तारीख
  | 'era' // सन, वर्ष, साल before a year
  | 'every' // हर, प्रत्येक: a recurring day is no date
  | 'approx' // करीब, लगभग
  | 'range' // `2-3`, `दो-तीन`: a vague amount, read as its middle
  | 'exact' // ठीक, पूरे: "exactly", says nothing about the date
  | 'deictic' // आज 0, कल ∓1, परसों ∓2 (the sign of कल and परसों follows the tense)
  | 'night' // रात, रात्रि (in `बीती रात`)
  | 'coming'; // आने (in `आने वाले सोमवार`)

/** One reading of a word. */
export interface Reading {
  kind: TokKind;
  /** Number, month, weekday, shift, ordinal or direction, depending on `kind`. */
  v: number;
  unit?: Unit;
}

/** A token: its span, its readings, whether it is digits, and how it is joined to the previous token. */
export interface Tok {
  start: number;
  end: number;
  /** NFD key of the word (digits as written). */
  word: string;
  readings: Reading[];
  /** Count of digits when the token is a digit run, else 0. */
  digitCount: number;
  /**
   * Text between the previous token and this one: only whitespace, whitespace and one comma, one hyphen
   * (`दो-तीन`), or anything else.
   */
  gap: 'space' | 'comma' | 'hyphen' | 'break';
}

const R = (kind: TokKind, v = 0, unit?: Unit): Reading => ({ kind, v, unit });

/** Function words of the grammar, by reading. `/` separates words with the same reading. */
const WORDS: [string, Reading][] = [
  ['अगले/अगली/अगला/आगामी', R('rel', 1)],
  ['पिछले/पिछली/पिछला/गत/बीते/बीती/बीता', R('rel', -1)],
  ['इस/इसी/मौजूदा/चालू', R('rel', 0)],
  ['उसी/उस/इसी', R('same')],
  ['उसके/उससे/इसके/इससे/जिसके/जिससे', R('that')],
  ['पहला/पहले/पहली', R('ord', 1)],
  ['दूसरा/दूसरे/दूसरी', R('ord', 2)],
  ['तीसरा/तीसरे/तीसरी', R('ord', 3)],
  ['चौथा/चौथे/चौथी', R('ord', 4)],
  ['पांचवां/पांचवें/पांचवीं/पाँचवाँ/पाँचवें/पाँचवीं/पांचवे', R('ord', 5)],
  ['आखिरी/आख़िरी/अंतिम/अन्तिम', R('ord', -1)],
  ['के/की/का/को/में/से', R('post')],
  ['पहले/पूर्व', R('dir', -1)],
  ['बाद', R('dir', 1)],
  ['अब/आज', R('now')],
  ['और/व/एवं', R('and')],
  ['कुछ/कई/चंद', R('vague')],
  ['तारीख/तारीख़/तारीखों/तिथि', R('tarikh')],
  ['सन/सन्/वर्ष/साल/ईस्वी', R('era')],
  ['हर/प्रत्येक/प्रति', R('every')],
  ['करीब/क़रीब/लगभग/तकरीबन/तक़रीबन/करीबन/अनुमानित', R('approx')],
  ['आज', R('deictic', 0)],
  ['कल', R('deictic', -1)],
  ['परसों', R('deictic', -2)],
  ['रात/रात्रि', R('night')],
  ['आने', R('coming')],
  ['ठीक/पूरे/पूरा', R('exact')],
  ['साढ़े/साढे', R('frac', 0.5)],
  ['सवा', R('frac', 0.25)],
  ['पौने', R('frac', -0.25)],
  ['हजार/हज़ार', R('thousand', 1000)],
  ['सौ', R('hundred', 100)],
  ['रोज/रोज़', R('unit', 1, 'day')],
];

/** Hindi month abbreviations, written with their dot (`अक्टू.`); a bare `जन` is the word "people". */
const MONTH_ABBR: [string, number][] = [
  ['जन.', 1],
  ['फर.', 2],
  ['फ़र.', 2],
  ['फ़रव.', 2],
  ['मार्च.', 3],
  ['अप्रै.', 4],
  ['अप्रे.', 4],
  ['जुला.', 7],
  ['अग.', 8],
  ['अग॰', 8],
  ['सित.', 9],
  ['सितं.', 9],
  ['अक्टू.', 10],
  ['अक्तू.', 10],
  ['नव.', 11],
  ['नवं.', 11],
  ['दिस.', 12],
  ['दिसं.', 12],
];

const LEXICON = new Map<string, Reading[]>();
function addReading(word: string, r: Reading): void {
  const k = key(word);
  const list = LEXICON.get(k) ?? [];
  list.push(r);
  LEXICON.set(k, list);
}
for (const [words, r] of WORDS) for (const w of words.split('/')) addReading(w, r);
for (const [w, m] of MONTH_ABBR) addReading(w, R('month', m));

const DEVANAGARI_WORD = /^[\u0900-\u097F]+$/;

// Readings by word as written. A pure memo (the lexicon lookups normalise every word, which cost more
// than the rest of the grammar); bounded so hostile text cannot balloon it (two generations of 25,000).
const MEMO = new WordCache<Reading[]>(25_000);

/** Readings of a Devanagari word: grammar words, then the shared lexicon (numbers, months, weekdays, units). */
function readingsOf(word: string): Reading[] {
  let out = MEMO.get(word);
  if (out) return out;
  out = lookUp(word);
  MEMO.set(word, out);
  return out;
}

function lookUp(word: string): Reading[] {
  const k = key(word);
  const out = [...(LEXICON.get(k) ?? [])];
  if (!DEVANAGARI_WORD.test(word)) return out;
  const n = numberWord(word);
  if (n !== undefined && !out.some((r) => r.kind === 'hundred')) out.push(R('num', n));
  const m = monthNumber(word);
  if (m !== undefined) out.push(R('month', m));
  const wd = weekdayNumber(word);
  if (wd !== undefined) out.push(R('weekday', wd));
  const u = unitOf(word);
  if (u !== undefined) out.push(R('unit', 1, u));
  return out;
}

// The tokens (tokenize finds them by a scan, with the same result; a test compares the two):
// words, digit runs (with `.`, `/`, `:` or `-` inside, so `3/4` and `2.3.7` are one token that no rule
// reads as a day), and nothing else. Each alternative is a simple run, so the scan is linear.
// Runs are bounded: V8 keeps a backtrack entry per repetition, and a multi-megabyte run of letters (a
// mangled og:title, fuzz seed 2026) overflowed its stack with a RangeError; longer runs become several tokens.
export const TOKEN =
  /[\p{L}\p{M}]{1,1000}|[0-9\u0966-\u096F]{1,1000}(?:[./:-][0-9\u0966-\u096F]{1,1000}){0,100}/gu;
const PURE_DIGITS = /^[0-9\u0966-\u096F]+$/;
const DIGIT_RANGE = /^([0-9\u0966-\u096F]{1,3})-([0-9\u0966-\u096F]{1,3})$/;

/**
 * Tokenise a text for the date grammar. Words with no reading are kept (with no readings) so that rules
 * never jump over them; a month abbreviation keeps its dot.
 */
export function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let prevEnd = 0;
  for (let from = 0; ; ) {
    const start = nextToken(text, from);
    if (start < 0) break;
    let end = tokenEnd;
    from = end;
    let word = text.slice(start, end);
    let readings: Reading[];
    let digitCount = 0;
    if (PURE_DIGITS.test(word)) {
      digitCount = word.length;
      readings = [R('num', digits(word))];
    } else if (DIGIT_RANGE.test(word)) {
      const [, a, b] = DIGIT_RANGE.exec(word)!;
      readings = digits(a!) < digits(b!) ? [R('range', (digits(a!) + digits(b!)) / 2)] : [];
    } else if (LETTER.unitsAt(word, 0) > 0) {
      // Abbreviated month: the dot belongs to the word (`अक्टू.`), and TOKEN's next match starts after it.
      if (text[end] === '.' && LEXICON.has(key(`${word}.`))) {
        word = `${word}.`;
        end++;
      }
      readings = readingsOf(word);
    } else readings = [];
    toks.push({ start, end, word: key(word), readings, digitCount, gap: gapKind(text, prevEnd, start) });
    prevEnd = end;
  }
  return toks;
}

/** Most code points in one run of letters or of digits (see TOKEN). */
const MAX_RUN = 1000;
/** Most separator-and-digits groups after a digit run (see TOKEN). */
const MAX_GROUPS = 100;
/** Letters and marks (TOKEN's first alternative), for the tokeniser's scan. */
const LETTER = new CharClass(/^[\p{L}\p{M}]$/u);

const isDigitUnit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x966 && c <= 0x96f);
const isSeparator = (c: number): boolean => c === 0x2e || c === 0x2f || c === 0x3a || c === 0x2d;

/** End of the run of at most MAX_RUN digits starting at `i`. */
function digitRunEnd(text: string, i: number): number {
  const stop = Math.min(text.length, i + MAX_RUN);
  while (i < stop && isDigitUnit(text.charCodeAt(i))) i++;
  return i;
}

/** Where the token {@link nextToken} found last ends. */
let tokenEnd = 0;

/**
 * Start of the next token at or after `from` (its end in {@link tokenEnd}), or -1: the next match of TOKEN,
 * found by a scan (matchAll's match arrays were a third of what the date stage allocated).
 */
function nextToken(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    let w = LETTER.unitsAt(text, i);
    if (w > 0) {
      let end = i;
      for (let points = 0; w > 0 && points < MAX_RUN; points++) {
        end += w;
        w = end < n ? LETTER.unitsAt(text, end) : 0;
      }
      tokenEnd = end;
      return i;
    }
    if (!isDigitUnit(text.charCodeAt(i))) continue;
    let end = digitRunEnd(text, i);
    for (let g = 0; g < MAX_GROUPS; g++) {
      if (end + 1 >= n || !isSeparator(text.charCodeAt(end)) || !isDigitUnit(text.charCodeAt(end + 1))) break;
      end = digitRunEnd(text, end + 1);
    }
    tokenEnd = end;
    return i;
  }
  return -1;
}

function gapKind(text: string, from: number, to: number): Tok['gap'] {
  if (to - from === 1) {
    // The usual cases, without a regex.
    const c = text.charCodeAt(from);
    if (c === 32) return 'space';
    if (c === 45 || c === 0x2010 || c === 0x2011) return 'hyphen';
  }
  let commas = 0;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === ',') commas++;
    else if (!/\s/.test(c)) return 'break';
  }
  return commas === 0 ? 'space' : commas === 1 ? 'comma' : 'break';
}

/** The reading of a given kind, if the token has one. */
export function reading(t: Tok | undefined, kind: TokKind): Reading | undefined {
  return t?.readings.find((r) => r.kind === kind);
}
