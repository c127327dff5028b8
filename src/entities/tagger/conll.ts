/**
 * Reading HiNER CoNLL files into sequences tokenised the way the tagger tokenises text at run time,
 * and conlleval-style scoring (entity level, exact span and type).
 */
import type { Token } from '../text.ts';
import { spansOf, type TaggerType, tagIndex } from './tags.ts';
import { taggerTokens } from './tokens.ts';

/** One sentence: its text (words joined by spaces), run-time tokens and gold tag per token. */
export interface LabelledSentence {
  text: string;
  tokens: Token[];
  gold: Int8Array;
}

/**
 * Parse `token TAB collapsed-tag [TAB original-tag]` lines with blank lines between sentences; `tagOf`
 * reads the tag column (HiNER's by default).
 * Words are re-tokenised like run-time text; a punctuation piece peeled off an entity word stays
 * inside the entity only when the entity continues past it.
 */
export function parseConll(src: string, tagOf: (tag: string) => number = tagIndex): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  let words: string[] = [];
  let tags: number[] = [];
  const flush = (): void => {
    if (words.length) out.push(retokenise(words, tags));
    words = [];
    tags = [];
  };
  for (const line of src.split('\n')) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const [w, tag] = line.split('\t');
    words.push(w);
    tags.push(tagOf(tag ?? 'O'));
  }
  flush();
  return out;
}

function retokenise(words: string[], tags: number[]): LabelledSentence {
  const text = words.join(' ');
  const tokens = taggerTokens(text);
  const gold = new Int8Array(tokens.length);
  let ti = 0;
  let offset = 0;
  for (let wi = 0; wi < words.length; wi++) {
    const end = offset + words[wi].length;
    const pieces: number[] = [];
    while (ti < tokens.length && tokens[ti].start < end) pieces.push(ti++);
    const tag = tags[wi];
    const continues = wi + 1 < words.length && tags[wi + 1] !== 0 && tags[wi + 1] % 2 === 0;
    // The main piece is the longest; punctuation before it belongs to the entity (as B), after it only
    // when the entity goes on.
    let main = pieces[0];
    for (const p of pieces) if (tokens[p].text.length > tokens[main].text.length) main = p;
    for (const p of pieces) {
      if (tag === 0) gold[p] = 0;
      else if (p < main) gold[p] = p === pieces[0] ? tag : tag % 2 === 1 ? tag + 1 : tag;
      else if (p === main) gold[p] = p === pieces[0] ? tag : tag % 2 === 1 ? tag + 1 : tag;
      else gold[p] = continues ? (tag % 2 === 1 ? tag + 1 : tag) : 0;
    }
    offset = end + 1;
  }
  return { text, tokens, gold };
}

/** Precision, recall and F1 with their counts. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Counts per type and over all types; call {@link finishScores} for the ratios. */
export type Scores = Record<TaggerType | 'all', Prf>;

export function emptyScores(): Scores {
  const z = (): Prf => ({ tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
  return { PER: z(), LOC: z(), ORG: z(), all: z() };
}

/** Add one sentence's entity-level matches (exact span and type) to `s`. */
export function addScores(s: Scores, gold: ArrayLike<number>, pred: ArrayLike<number>): void {
  const g = spansOf(gold);
  const p = spansOf(pred);
  const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
  const gk = new Set(g.map(key));
  const pk = new Set(p.map(key));
  for (const x of p) {
    const hit = gk.has(key(x));
    s[x.type][hit ? 'tp' : 'fp']++;
    s.all[hit ? 'tp' : 'fp']++;
  }
  for (const x of g) {
    if (pk.has(key(x))) continue;
    s[x.type].fn++;
    s.all.fn++;
  }
}

/** Fill precision/recall/F1 from the counts. */
export function finishScores(s: Scores): Scores {
  for (const v of Object.values(s)) {
    v.precision = v.tp + v.fp ? v.tp / (v.tp + v.fp) : 0;
    v.recall = v.tp + v.fn ? v.tp / (v.tp + v.fn) : 0;
    v.f1 = v.precision + v.recall ? (2 * v.precision * v.recall) / (v.precision + v.recall) : 0;
  }
  return s;
}
