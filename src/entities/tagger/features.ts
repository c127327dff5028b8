/**
 * Feature templates of the Hindi tagger: the word, its folded key (nukta, chandrabindu, half-nasal),
 * affixes, shape, neighbours ±2 and membership in the project's lexicons (gazetteer matches, listed
 * name spellings, titles, surnames, place and organisation cue words). Transitions between tags are
 * scored separately by the model, not here.
 */
import type { Gazetteer } from '../gazetteer.ts';
import { HINDI_ORG_CUES, HINDI_STOP, HONORIFICS, LOC_CUES, PLACE_HEADS, SURNAMES } from '../lexicon.ts';
import { matchGazetteer } from '../match.ts';
import { type Token, WordCache, type WordFacts } from '../text.ts';
import { nameWordOf } from '../translit.ts';

/** Lexicons the features may read; `undefined` turns all lexicon features off. */
export interface FeatureLexicons {
  gazetteer: Gazetteer;
  /**
   * Gazetteer matches already found in the same text (character offsets), e.g. by the entity stage: used
   * instead of matching again. They must be what matchGazetteer finds there.
   */
  matches?: ReadonlyArray<{ start: number; end: number; type: string }>;
}

/** Coarse shape: D(evanagari) L(atin upper/lower) N(digit) P(unct), runs collapsed, plus length bucket. */
export function shape(word: string): string {
  // By code point, hand-written: a regex test per character made this a fifth of a new word's cost.
  let out = '';
  let last = '';
  let len = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // A surrogate pair is one code point (punctuation here, as emoji and other astral characters are).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) {
      const d = word.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    len++;
    const k =
      c >= 0x900 && c <= 0x97f
        ? 'D'
        : c >= 0x41 && c <= 0x5a
          ? 'A'
          : c >= 0x61 && c <= 0x7a
            ? 'a'
            : c >= 0x30 && c <= 0x39
              ? 'N'
              : 'P';
    if (k !== last) {
      if (out.length < 4) out += k;
      last = k;
    }
  }
  return `${out}${len <= 2 ? 's' : len <= 5 ? 'm' : 'l'}`;
}

/** Per token, the gazetteer label (`B-LOC`, `I-ORG`, …) of the longest match covering it. */
export function gazetteerLabels(text: string, tokens: Token[], lex: FeatureLexicons): string[] {
  const labels = new Array<string>(tokens.length).fill('');
  if (tokens.length === 0) return labels;
  const from = tokens[0].start;
  const to = tokens[tokens.length - 1].end;
  const found = lex.matches
    ? lex.matches.filter((s) => s.start >= from && s.start < to)
    : matchGazetteer(text, tokens, lex.gazetteer, 'gazetteer');
  const spans = [...found].sort((a, b) => b.end - b.start - (a.end - a.start));
  for (const s of spans) {
    let j = tokenStartingAt(tokens, s.start);
    if (j < 0 || labels[j]) continue;
    const [b, i] = labelsOf(s.type);
    for (let first = true; j < tokens.length && tokens[j].start < s.end && !labels[j]; j++, first = false)
      labels[j] = first ? b : i;
  }
  return labels;
}

/** Index of the token that starts at `start` (tokens are in text order), or -1. */
function tokenStartingAt(tokens: Token[], start: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = tokens[mid].start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** `B-<type>` and `I-<type>`, one pair of strings per entity type. */
const typeLabels = new Map<string, [string, string]>();
function labelsOf(type: string): [string, string] {
  let pair = typeLabels.get(type);
  if (pair === undefined) {
    pair = [`B-${type}`, `I-${type}`];
    typeLabels.set(type, pair);
  }
  return pair;
}

// Module-local copies: an imported binding may be a getter once transpiled, and lexClass runs per token.
const LEX: Array<[ReadonlySet<string>, string]> = [
  [HONORIFICS, 'hon'],
  [SURNAMES, 'sur'],
  [LOC_CUES, 'loc'],
  [PLACE_HEADS, 'head'],
  [HINDI_ORG_CUES, 'org'],
  [HINDI_STOP, 'stop'],
];

/** Lexicon class of one word (a function of the word alone): title, surname, place/org cue, listed name spelling, stop word. */
export function wordClass(word: string, key: string, facts?: WordFacts): string {
  for (const [set, name] of LEX) if (set.has(key)) return name;
  // isNameWord, remembered with the word's facts when the caller has them (the rules ask it first).
  return /[\u0900-\u097f]/.test(word) && nameWordOf(word, facts) ? 'name' : '';
}

/**
 * Feature templates by id; a feature's string is `TEMPLATES[id]=value`. Ids (not names) go through the
 * sinks so that run-time lookups index an array instead of hashing a name.
 */
export const TEMPLATES = [
  'b',
  'w',
  'k',
  'sh',
  'p1',
  's1',
  'p2',
  's2',
  'p3',
  's3',
  'p4',
  's4',
  'k-1',
  'k+1',
  'k-2',
  'k+2',
  'sh-1',
  'sh+1',
  'g',
  'g-1',
  'g+1',
  'c',
  'c-1',
  'c+1',
  'c+2',
  'gc',
] as const;
/** Template ids by name. */
export const TPL = Object.fromEntries(TEMPLATES.map((name, i) => [name, i])) as Record<
  (typeof TEMPLATES)[number],
  number
>;

/** Receives one feature as template id (index into {@link TEMPLATES}) and value. */
export type FeatureSink = (template: number, value: string) => void;

/** Per-token facts the context features read, computed once per sequence. */
export interface SequenceInfo {
  keys: string[];
  shapes: string[];
  /** Gazetteer label per token (`B-LOC`, …, or ''); absent without lexicons. */
  gaz?: string[];
  /** Lexicon class per token (see wordClass); absent without lexicons. */
  cls?: string[];
}

const shapeCache = new WordCache<string>(50000);
/** {@link shape}, remembered per word. */
export function cachedShape(word: string): string {
  let s = shapeCache.get(word);
  if (s === undefined) {
    s = shape(word);
    shapeCache.set(word, s);
  }
  return s;
}

/** Compute {@link SequenceInfo} for tokens whose offsets point into `text`. */
export function sequenceInfo(
  text: string,
  tokens: Token[],
  lex?: FeatureLexicons,
  /** Skip the lexicon classes (a caller that has them per word already). */
  noClasses = false,
): SequenceInfo {
  return {
    keys: tokens.map((t) => t.key),
    shapes: tokens.map((t) => cachedShape(t.text)),
    gaz: lex ? gazetteerLabels(text, tokens, lex) : undefined,
    cls: lex && !noClasses ? tokens.map((t) => wordClass(t.text, t.key)) : undefined,
  };
}

/** Features of a word alone (the same wherever it occurs): word, key, affixes, shape. */
export function wordFeatures(word: string, key: string, emit: FeatureSink): void {
  emit(TPL.b, '');
  emit(TPL.w, word);
  emit(TPL.k, key);
  emit(TPL.sh, cachedShape(word));
  // Affixes of code points; a key without surrogate pairs (every Devanagari and Latin one) is cut as is,
  // without an array of its characters.
  if (!SURROGATE.test(key)) {
    for (let a = 1; a <= 4 && a < key.length; a++) {
      emit(TPL.p1 + 2 * (a - 1), key.slice(0, a));
      emit(TPL.s1 + 2 * (a - 1), key.slice(-a));
    }
    return;
  }
  const chars = [...key];
  for (let a = 1; a <= 4 && a < chars.length; a++) {
    emit(TPL.p1 + 2 * (a - 1), chars.slice(0, a).join(''));
    emit(TPL.s1 + 2 * (a - 1), chars.slice(-a).join(''));
  }
}

/** A surrogate unit: a key holding one is cut by code point (see wordFeatures). */
export const SURROGATE = /[\ud800-\udfff]/;

/** Features of token i in its sequence: neighbours, neighbour shapes, lexicon labels. */
export function contextFeatures(info: SequenceInfo, i: number, emit: FeatureSink): void {
  const { keys, shapes, gaz, cls } = info;
  const n = keys.length;
  const prev = i > 0 ? keys[i - 1] : '<s>';
  const next = i + 1 < n ? keys[i + 1] : '</s>';
  emit(TPL['k-1'], prev);
  emit(TPL['k+1'], next);
  emit(TPL['k-2'], i > 1 ? keys[i - 2] : '<s>');
  emit(TPL['k+2'], i + 2 < n ? keys[i + 2] : '</s>');
  if (i > 0) emit(TPL['sh-1'], shapes[i - 1]);
  if (i + 1 < n) emit(TPL['sh+1'], shapes[i + 1]);
  if (gaz && cls) {
    if (gaz[i]) emit(TPL.g, gaz[i]);
    emit(TPL['g-1'], i > 0 ? gaz[i - 1] : '<s>');
    emit(TPL['g+1'], i + 1 < n ? gaz[i + 1] : '</s>');
    if (cls[i]) emit(TPL.c, cls[i]);
    emit(TPL['c-1'], i > 0 ? cls[i - 1] : '<s>');
    emit(TPL['c+1'], i + 1 < n ? cls[i + 1] : '</s>');
    if (i + 2 < n && cls[i + 2]) emit(TPL['c+2'], cls[i + 2]);
    if (gaz[i] && cls[i]) emit(TPL.gc, `${gaz[i]}|${cls[i]}`);
  }
}

/**
 * Feature strings (`template=value`) of every token of one sequence, as used in training. `text` is
 * the string the tokens' offsets point into (the gazetteer matcher reads separators from it).
 */
export function sequenceFeatures(text: string, tokens: Token[], lex?: FeatureLexicons): string[][] {
  const info = sequenceInfo(text, tokens, lex);
  return tokens.map((t, i) => {
    const f: string[] = [];
    const push: FeatureSink = (tpl, v) => f.push(`${TEMPLATES[tpl]}=${v}`);
    wordFeatures(t.text, info.keys[i], push);
    contextFeatures(info, i, push);
    return f;
  });
}
