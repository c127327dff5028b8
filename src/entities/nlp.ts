/**
 * compromise, run as cheaply as it can be: on short windows of text (chosen in english.ts), many windows
 * to one call, each window's answer remembered. What it returns is compromise's raw people, places and
 * organisations per window; english.ts cleans them into spans.
 */
import nlp from 'compromise';
import type { EntityType } from '../core/types.ts';

/** One compromise match inside its window: UTF-16 offsets, end exclusive. */
export interface NlpMatch {
  type: EntityType;
  start: number;
  end: number;
}

interface JsonMatch {
  offset?: { start: number; length: number };
}

const NLP_KINDS: ReadonlyArray<[EntityType, 'organizations' | 'places' | 'people']> = [
  ['ORG', 'organizations'],
  ['LOC', 'places'],
  ['PER', 'people'],
];

/**
 * compromise's analysis steps, less those that change nothing for names: contractions and aliases
 * (expanding "don't"), typeahead (autocomplete) and chunks (noun/verb phrases). About a quarter
 * cheaper per call; the people/places/organizations found are the same.
 */
const NLP_HOOKS = (nlp.world() as { hooks: string[] }).hooks.filter(
  (h) => !['contractions', 'alias', 'typeahead', 'chunks'].includes(h),
);

/** Windows whose matches are remembered, least recently used dropped first. */
const NLP_CACHE_SIZE = 4096;
let nlpCache = new Map<string, NlpMatch[]>();

/**
 * Forget every remembered window analysis, so the next texts cost what unseen text costs (the
 * benchmark measures both: replayed pages hit this cache, a stream of new stories mostly does not).
 */
export function forgetSentenceAnalyses(): void {
  nlpCache = new Map();
}

/**
 * Windows per compromise call. A call costs a fixed part (building the document, compiling the match
 * patterns of people()/places()/organizations()) besides its words; sixty windows share that part.
 */
const BATCH = 60;

/**
 * compromise joins a sentence to the next while a bracket or double quote is open, so a window with one
 * left open would borrow words from the next window: such windows run alone.
 */
function unbalanced(t: string): boolean {
  let paren = 0;
  let square = 0;
  let straight = 0;
  let curly = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x22 || (c > 0x29 && c < 0x5b) || (c > 0x5d && c < 0xab)) continue;
    if (c === 0x28) paren++;
    else if (c === 0x29) paren--;
    else if (c === 0x5b) square++;
    else if (c === 0x5d) square--;
    else if (c === 0x22 || c === 0xff02) straight++;
    else if (c === 0x201c || c === 0x201f || c === 0x201e || c === 0x2e42) curly++;
    else if (c === 0x201d) curly--;
    // The other quote pairs compromise knows (angle, prime, low single, corner) are rare: always alone.
    else if (
      /[\u201a\u00ab\u00bb\u2039\u203a\u2032-\u2037\u301d-\u301f\u300c-\u300f\uff08\uff09]/.test(t[i]!)
    )
      return true;
  }
  return paren !== 0 || square !== 0 || straight % 2 === 1 || curly !== 0;
}

/** compromise on one text (a window, or windows joined by line breaks, which end its sentences). */
function analyse(text: string): NlpMatch[] {
  const doc = nlp.tokenize(text);
  doc.compute(NLP_HOOKS);
  const out: NlpMatch[] = [];
  for (const [type, kind] of NLP_KINDS) {
    // terms:false skips per-term JSON, the costly part of compromise's output (the option is
    // supported at runtime but missing from compromise's typings, hence the narrow cast).
    const view = doc[kind]() as unknown as { json(opts: object): JsonMatch[] };
    for (const m of view.json({ offset: true, terms: false })) {
      if (m.offset) out.push({ type, start: m.offset.start, end: m.offset.start + m.offset.length });
    }
  }
  return out;
}

/**
 * Windows joined by line breaks in one call, each match given back to its window. A match reaching
 * past its window (compromise merged across the break after all) sends that window to run alone.
 */
function analyseJoined(texts: string[]): NlpMatch[][] {
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + 1;
  }
  const per: NlpMatch[][] = texts.map(() => []);
  const alone = new Set<number>();
  for (const m of analyse(texts.join('\n'))) {
    // The window holding the match's start: the last one starting at or before it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= m.start) lo = mid;
      else hi = mid - 1;
    }
    const w = lo;
    const off = starts[w]!;
    if (m.end - off > texts[w]!.length) alone.add(w);
    else per[w]!.push({ type: m.type, start: m.start - off, end: m.end - off });
  }
  for (const i of alone) per[i] = analyse(texts[i]!);
  return per;
}

/**
 * compromise's people (PER), places (LOC) and organizations (ORG) in each text, with offsets into that
 * text, in the order organizations, places, people as compromise lists them. The same as calling
 * compromise on each text alone, at a fraction of the cost.
 */
export function nlpMatches(texts: readonly string[]): NlpMatch[][] {
  const out: (NlpMatch[] | undefined)[] = texts.map((t) => {
    const hit = nlpCache.get(t);
    if (hit) {
      // Refresh recency (Map keeps insertion order: the first key is the least recently used).
      nlpCache.delete(t);
      nlpCache.set(t, hit);
    }
    return hit;
  });
  const todo = new Map<string, number[]>();
  texts.forEach((t, i) => {
    if (out[i]) return;
    const list = todo.get(t);
    if (list) list.push(i);
    else todo.set(t, [i]);
  });
  const joinable: string[] = [];
  const done = (t: string, found: NlpMatch[]): void => {
    for (const i of todo.get(t)!) out[i] = found;
    if (nlpCache.size >= NLP_CACHE_SIZE) nlpCache.delete(nlpCache.keys().next().value as string);
    nlpCache.set(t, found);
  };
  for (const t of todo.keys()) {
    if (unbalanced(t) || t.includes('\n')) done(t, analyse(t));
    else joinable.push(t);
  }
  for (let i = 0; i < joinable.length; i += BATCH) {
    const part = joinable.slice(i, i + BATCH);
    const found = part.length === 1 ? [analyse(part[0]!)] : analyseJoined(part);
    for (const [k, t] of part.entries()) done(t, found[k]!);
  }
  return out as NlpMatch[][];
}
