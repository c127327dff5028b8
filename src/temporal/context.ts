/**
 * Sentence and clause boundaries, and a rough tense guess, for resolving ambiguous expressions.
 *
 * Hindi `कल` means both "yesterday" and "tomorrow", and a bare weekday in a news story is normally the
 * past one but not in "बैठक सोमवार को होगी". The verb of the clause decides, so we look at the clause
 * around the expression, then at the whole sentence.
 */

/** A text with precomputed sentence ranges. */
export interface SentenceIndex {
  /** [start, end) of each sentence, in order, covering the text. */
  ranges: [number, number][];
}

// Tokens before a '.' that do not end a sentence (titles, `a.m.`, month abbreviations, `Rs.`).
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr no nos vs rs lt col gen govt prof sgt insp supt dept inc ltd co jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m am pm i.e e.g etc approx'.split(
    ' ',
  ),
);

/**
 * Split into sentences on `.`, `।`, `॥`, `|`, `?`, `!`. A `.` counts only before whitespace or the end and
 * not after an abbreviation or a single letter (initials, `a.m.`), so `5.30 बजे` and `Nov. 24` stay whole.
 */
export function indexSentences(text: string): SentenceIndex {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '.') {
      const next = text[i + 1];
      if (next !== undefined && !/\s/.test(next)) continue;
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? '';
      if (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase())) continue;
    } else if (c !== '।' && c !== '॥' && c !== '|' && c !== '?' && c !== '!') continue;
    ranges.push([start, i + 1]);
    start = i + 1;
  }
  if (start < text.length || ranges.length === 0) ranges.push([start, text.length]);
  return { ranges };
}

/** Index of the sentence containing offset `pos`. */
export function sentenceOf(index: SentenceIndex, pos: number): number {
  const { ranges } = index;
  // First sentence ending after pos (binary search: called once per candidate, thousands per paragraph).
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos < ranges[mid][1]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export type Tense = 'past' | 'future' | 'unknown';

// Hindi future verbs end in -एगा/-ेगी/-ेंगे/-होगा/-ऊंगा; a bare -गा/-गी/-गे is not enough (`लगा`, `आगे`,
// `रोगी`, `योगी` are not future), so the preceding vowel sign is required.
const HI_FUTURE_WORD =
  /(?:\u0947|\u0947\u0902|\u0947\u0901|\u090F|\u090F\u0902|\u090F\u0901|\u092F\u0947|\u092F\u0947\u0902|\u090A\u0902|\u090A\u0901|\u0942\u0902|\u0942\u0901)(?:गा|गी|गे)$|^हो(?:गा|गी|गे|ंगे|ंगी)$/u;
// Words that look like future verbs but are nouns (`मनरेगा` is the rural jobs scheme).
const HI_FUTURE_EXCEPTIONS = new Set(['मेगा', 'ओमेगा', 'मनरेगा', 'नरेगा']);
// `अगले दिन` (the next day) is common in past narration, so `अगले` is not a future marker.
const HI_FUTURE_PHRASE = /(?:वाला|वाली|वाले)\s+(?:है|हैं)|आगामी/u;
const HI_PAST_WORD = new Set('था थी थे थीं गया गई गए गयी गये हुआ हुई हुए हुईं ने'.split(' '));
const EN_FUTURE =
  /\b(?:will|shall|won't|going to|scheduled|slated|set to|to be held|next|upcoming|tomorrow|expected to|likely to)\b|'ll\b/i;
const EN_PAST = /\b(?:was|were|had|did|said|told|ago|yesterday|last)\b/i;

/** Guess the tense of a stretch of text from its verb morphology (Hindi) or auxiliaries (English). */
export function tenseOf(text: string): Tense {
  let future = HI_FUTURE_PHRASE.test(text) || EN_FUTURE.test(text);
  let past = EN_PAST.test(text);
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    if (!word) continue;
    if (HI_PAST_WORD.has(word)) past = true;
    else if (HI_FUTURE_WORD.test(word) && !HI_FUTURE_EXCEPTIONS.has(word)) future = true;
  }
  if (past) return 'past';
  return future ? 'future' : 'unknown';
}

// Clause breaks: punctuation, and conjunctions that start a new finite clause (`कि`, `that`, `but`).
const CLAUSE_BREAK =
  /[,;:()]|(?<![\p{L}\p{M}])(?:कि|जबकि|लेकिन|मगर|और|जिससे|जिसके|that|but|while|and)(?![\p{L}\p{M}])/giu;

/** Characters of context either side of an expression that decide its tense. */
const TENSE_REACH = 400;

/**
 * Tense governing the expression at [start, end): the clause around it first (Hindi verbs close the
 * clause, English auxiliaries open it), then the whole sentence when the clause has no marker.
 */
export function tenseAround(text: string, index: SentenceIndex, start: number, end: number): Tense {
  const [s0, s1] = index.ranges[sentenceOf(index, start)];
  // At most TENSE_REACH characters either side, cut at whitespace: news sentences fit whole, while a
  // sentence of thousands of dates (hostile input) costs the same per date instead of its full length.
  let sStart = s0;
  if (start - s0 > TENSE_REACH) {
    sStart = start - TENSE_REACH;
    while (sStart < start && !/\s/.test(text[sStart]!)) sStart++;
  }
  let sEnd = s1;
  if (s1 - end > TENSE_REACH) {
    sEnd = end + TENSE_REACH;
    while (sEnd > end && !/\s/.test(text[sEnd]!)) sEnd--;
  }
  const sentence = text.slice(sStart, sEnd);
  let cStart = 0;
  let cEnd = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start - sStart) cStart = at + m[0].length;
    else if (at >= end - sStart) {
      cEnd = at;
      break;
    }
  }
  const clause = tenseOf(sentence.slice(cStart, start - sStart) + ' ' + sentence.slice(end - sStart, cEnd));
  return clause !== 'unknown'
    ? clause
    : tenseOf(sentence.slice(0, start - sStart) + ' ' + sentence.slice(end - sStart));
}
