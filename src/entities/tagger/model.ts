/**
 * The tagger's model: feature → weight row, transition matrix, Viterbi decoding, and a compact
 * serialisation (pruned feature list + int16-quantised weights in base64) for the committed weights.
 */

import { type Token, WordCache, type WordFacts } from '../text.ts';
import {
  type FeatureLexicons,
  gazetteerLabels,
  SURROGATE,
  cachedShape as shapeOf,
  TEMPLATES,
  TPL,
  wordClass,
  wordFeatures,
} from './features.ts';
import type { TrainedWeights } from './perceptron.ts';
import { NTAGS, TAGS } from './tags.ts';
import { viterbi } from './viterbi.ts';

// A module-local copy: hot loops read it, and an imported binding may be a getter once transpiled.
const NT = NTAGS;
/** Offsets, from a word, of the tokens its cached vector feeds (index 2 is the word itself). */
const OFFSETS = [-2, -1, 0, 1, 2];

/** A node of an affix trie: the row of the affix that ends here (-1: none), and longer affixes. */
class AffixNode {
  row = -1;
  next: Map<number, AffixNode> | undefined;

  child(unit: number): AffixNode {
    this.next ??= new Map();
    let node = this.next.get(unit);
    if (node === undefined) {
      node = new AffixNode();
      this.next.set(unit, node);
    }
    return node;
  }
}

/**
 * The stored format. 2: no word-pair features (`k-1k`, `kk+1`). A model of format 1 has rows for them that
 * this code would skip, scoring otherwise than it was trained: it is refused, not read.
 */
export const MODEL_FORMAT = 'khabar-hindi-tagger/2';

/** The stored form of a model (src/entities/tagger/tagger.weights). */
export interface StoredModel {
  format: typeof MODEL_FORMAT;
  /** Provenance of the weights, kept beside them because the weights are a derived work. */
  source: string;
  licence: string;
  /** Whether the model was trained with lexicon (gazetteer, name list) features. */
  lexicons: boolean;
  tags: string[];
  /** Weight = stored int16 × scale. */
  scale: number;
  trans: number[];
  /** Feature strings, newline-separated, in row order. */
  features: string;
  /** Little-endian int16 weights, NT per feature row, base64. */
  weights: string;
}

/** A word's cached contributions: `v` to the tokens at OFFSETS from it; its lexicon class. */
interface WordEntry {
  v: number[];
  cls: string;
}

/** Numbers in one word's vector: a block of NT per offset. */
const WORD_FLOATS = OFFSETS.length * NT;
/**
 * A new word's vector starts as a copy of this: a plain array of doubles (made so by its first values),
 * allocated in the young generation. A Float32Array of 35 was over V8's size for typed arrays kept in the
 * heap, so each new word cost an ArrayBuffer allocated outside it and swept apart, a third of the word's
 * time. The sums are rounded to single precision as they are made (Math.fround), as the Float32Array
 * stored them, so every score is the same to the last bit.
 */
const ZERO_VECTOR: number[] = Array.from({ length: WORD_FLOATS }, () => 0.5).fill(0);

/** A trained tagger ready to decode. */
export class TaggerModel {
  /** Rows by feature template, then value: lookups by an existing token key need no new string. */
  private readonly byTemplate: Map<string, number>[] = TEMPLATES.map(() => new Map());
  /** Per word (and lexicon mode), its {@link WordEntry}; memoised. */
  private readonly wordRows = new WordCache<WordEntry>(50000);
  /** Per gazetteer label, its rows (see labelRows). */
  private readonly byLabel = new Map<string, Int32Array>();
  /** Prefix and suffix rows (p1–p4, s1–s4) as tries of UTF-16 units, read from the ends of a key. */
  private readonly prefixes = new AffixNode();
  private readonly suffixes = new AffixNode();

  constructor(
    private readonly rows: Map<string, number>,
    private readonly emit: Float32Array,
    private readonly trans: Float32Array,
    /** Whether decoding needs the lexicons (the model was trained with lexicon features). */
    readonly lexicons: boolean,
  ) {
    for (const [name, row] of rows) {
      const eq = name.indexOf('=');
      const tpl = (TEMPLATES as readonly string[]).indexOf(name.slice(0, eq));
      if (tpl < 0) continue;
      const value = name.slice(eq + 1);
      this.byTemplate[tpl].set(value, row);
      this.addAffix(tpl, value, row);
    }
  }

  /** Enter an affix row in its trie; a value with a surrogate pair is looked up by string instead. */
  private addAffix(tpl: number, value: string, row: number): void {
    const k = tpl - TPL.p1;
    if (k < 0 || tpl > TPL.s4) return;
    const length = (k >> 1) + 1;
    if (value.length !== length) return;
    const suffix = (k & 1) === 1;
    let node = suffix ? this.suffixes : this.prefixes;
    for (let d = 0; d < length; d++) node = node.child(value.charCodeAt(suffix ? length - 1 - d : d));
    node.row = row;
  }

  /**
   * Model from training output: `names[id]` is feature id's string; rows whose weights are all
   * below `minWeight` in magnitude are dropped, the rest quantised as they will be stored.
   */
  static fromTrained(names: string[], w: TrainedWeights, lexicons: boolean, minWeight: number): TaggerModel {
    let max = 0;
    for (const x of w.emit) max = Math.max(max, Math.abs(x));
    const scale = max / 32767 || 1;
    const rows = new Map<string, number>();
    const kept: number[] = [];
    for (let f = 0; f < names.length; f++) {
      let big = false;
      for (let t = 0; t < NT && !big; t++) big = Math.abs(w.emit[f * NT + t]) >= minWeight;
      if (!big) continue;
      rows.set(names[f], kept.length / NT);
      for (let t = 0; t < NT; t++) kept.push(Math.round(w.emit[f * NT + t] / scale) * scale);
    }
    return new TaggerModel(rows, Float32Array.from(kept), Float32Array.from(w.trans), lexicons);
  }

  /** Rebuild from the stored form. */
  static fromStored(s: StoredModel): TaggerModel {
    if (s.format !== MODEL_FORMAT)
      throw new Error(
        `tagger weights are in format ${JSON.stringify(s.format)}; this code reads ${MODEL_FORMAT} (retrain with npm run train:ner)`,
      );
    const names = s.features ? s.features.split('\n') : [];
    const buf = Buffer.from(s.weights, 'base64');
    const q = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    const emit = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) emit[i] = q[i] * s.scale;
    return new TaggerModel(
      new Map(names.map((n, i) => [n, i])),
      emit,
      Float32Array.from(s.trans),
      s.lexicons,
    );
  }

  /** The stored form, with provenance. */
  toStored(source: string, licence: string): StoredModel {
    let max = 0;
    for (const x of this.emit) max = Math.max(max, Math.abs(x));
    const scale = max / 32767 || 1;
    const q = new Int16Array(this.emit.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(this.emit[i] / scale);
    return {
      format: MODEL_FORMAT,
      source,
      licence,
      lexicons: this.lexicons,
      tags: [...TAGS],
      scale,
      trans: [...this.trans].map((x) => Math.round(x * 1000) / 1000),
      features: [...this.rows.keys()].join('\n'),
      weights: Buffer.from(q.buffer).toString('base64'),
    };
  }

  /** Number of feature rows kept. */
  get size(): number {
    return this.rows.size;
  }

  /** Tag indices (see TAGS) of `tokens`, whose offsets point into `text`. */
  tag(text: string, tokens: Token[], lex?: FeatureLexicons): Int8Array {
    return viterbi(tokens.length, this.scores(text, tokens, lex), this.trans);
  }

  /** Best path for given emission scores (from {@link scores}). */
  best(scores: Float64Array): Int8Array {
    return viterbi(scores.length / NT, scores, this.trans);
  }

  /**
   * Emission scores (token i, tag t at `i * NTAGS + t`), the same sums as {@link scoresOf} over
   * {@link sequenceFeatures}, computed faster: each word's own features and its features as a neighbour
   * (k±1, k±2, sh±1) are summed once per word and remembered, so a token costs one word lookup plus
   * its lexicon and sequence-edge features.
   */
  scores(text: string, tokens: Token[], lex?: FeatureLexicons): Float64Array {
    const useLex = this.lexicons && lex !== undefined;
    const n = tokens.length;
    const e = new Float64Array(n * NT);
    const cls = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const tok = tokens[i];
      // The entry is kept with the word's facts (no lookup) for the lexicon mode decoding runs in.
      const f = tok.facts;
      let w: WordEntry;
      if (useLex && f && f.taggerOwner === this) w = f.tagger as WordEntry;
      else {
        w = this.wordEntry(tok.text, tok.key, useLex, f);
        if (useLex && f) {
          f.tagger = w;
          f.taggerOwner = this;
        }
      }
      const v = w.v;
      cls[i] = w.cls;
      // v holds, per target offset d (-2…+2 in OFFSETS order), what this word adds to token i + d. The
      // blocks that land inside the sequence are consecutive in v and in e: one flat loop adds them (cells
      // still receive their terms in the same order, so the sums are the same to the last bit).
      const dFrom = i >= 2 ? 0 : 2 - i;
      const dTo = i + 2 < n ? 4 : n + 1 - i;
      let vo = dFrom * NT;
      let eo = (i + dFrom - 2) * NT;
      const end = (dTo + 1) * NT;
      while (vo < end) e[eo++] += v[vo++];
    }
    // What is not a function of one word: sequence edges, lexicon labels. The same features as
    // contextFeatures emits (tests/unit/tagger.test.ts checks the sums agree), without building strings.
    // The keys and gazetteer labels are what sequenceInfo gives; its shapes are not needed here.
    const gaz = useLex && lex ? gazetteerLabels(text, tokens, lex) : undefined;
    // Per token, the rows its gazetteer label feeds (g, g-1, g+1): one lookup per distinct label.
    const lr = gaz ? gaz.map((label) => this.labelRows(label)) : [];
    const BOS = '<s>';
    const EOS = '</s>';
    for (let i = 0; i < n; i++) {
      if (i === 0) this.addRow(e, i, TPL['k-1'], BOS);
      if (i < 2) this.addRow(e, i, TPL['k-2'], BOS);
      if (i + 1 >= n) this.addRow(e, i, TPL['k+1'], EOS);
      if (i + 2 >= n) this.addRow(e, i, TPL['k+2'], EOS);
      if (gaz) {
        // Class features (c, c±1, c+2) come with the word entries; only the edges are added here.
        if (gaz[i]) this.addRowAt(e, i, lr[i][0]);
        if (i > 0) this.addRowAt(e, i, lr[i - 1][1]);
        else this.addRow(e, i, TPL['g-1'], BOS);
        if (i + 1 < n) this.addRowAt(e, i, lr[i + 1][2]);
        else this.addRow(e, i, TPL['g+1'], EOS);
        if (i === 0) this.addRow(e, i, TPL['c-1'], BOS);
        if (i + 1 >= n) this.addRow(e, i, TPL['c+1'], EOS);
        if (gaz[i] && cls[i]) this.addRow(e, i, TPL.gc, `${gaz[i]}|${cls[i]}`);
      }
    }
    return e;
  }

  /** Rows of a gazetteer label as g, g-1 and g+1 (-1: no such feature), remembered per label. */
  private labelRows(label: string): Int32Array {
    let rows = this.byLabel.get(label);
    if (rows === undefined) {
      const row = (tpl: number): number => this.byTemplate[tpl].get(label) ?? -1;
      rows = Int32Array.of(row(TPL.g), row(TPL['g-1']), row(TPL['g+1']));
      // Labels are B-/I- and a gazetteer type: few, but bounded all the same.
      if (this.byLabel.size < 1000) this.byLabel.set(label, rows);
    }
    return rows;
  }

  private addRowAt(e: Float64Array, i: number, r: number): void {
    if (r >= 0) for (let t = 0; t < NT; t++) e[i * NT + t] += this.emit[r * NT + t];
  }

  private addRow(e: Float64Array, i: number, tpl: number, value: string): void {
    const r = this.byTemplate[tpl].get(value);
    if (r !== undefined) for (let t = 0; t < NT; t++) e[i * NT + t] += this.emit[r * NT + t];
  }

  /** Emission scores of precomputed feature strings (one list per token). */
  scoresOf(feats: string[][]): Float64Array {
    const e = new Float64Array(feats.length * NT);
    for (let i = 0; i < feats.length; i++) {
      for (const f of feats[i]) {
        const r = this.rows.get(f);
        if (r === undefined) continue;
        for (let t = 0; t < NT; t++) e[i * NT + t] += this.emit[r * NT + t];
      }
    }
    return e;
  }

  /** What a word contributes to the tokens at OFFSETS from it (own features at offset 0), and its class. */
  private wordEntry(word: string, key: string, useLex: boolean, facts?: WordFacts): WordEntry {
    const cacheKey = useLex ? word : `\u0000${word}`;
    const hit = this.wordRows.get(cacheKey);
    if (hit) return hit;
    const v = ZERO_VECTOR.slice();
    // Methods, not a closure made per word (the loader, tsx with keepNames, names each one as it is made).
    if (SURROGATE.test(key)) wordFeatures(word, key, (tpl, value) => this.addFeature(v, 2 * NT, tpl, value));
    else {
      // wordFeatures' features in its order (sums are order-sensitive), the affixes read from the tries
      // without cutting a string for each.
      this.addFeature(v, 2 * NT, TPL.b, '');
      this.addFeature(v, 2 * NT, TPL.w, word);
      this.addFeature(v, 2 * NT, TPL.k, key);
      this.addFeature(v, 2 * NT, TPL.sh, shapeOf(word));
      let p: AffixNode | undefined = this.prefixes;
      let s: AffixNode | undefined = this.suffixes;
      for (let a = 1; a <= 4 && a < key.length; a++) {
        p = p?.next?.get(key.charCodeAt(a - 1));
        if (p !== undefined && p.row >= 0) this.addEmit(v, 2 * NT, p.row);
        s = s?.next?.get(key.charCodeAt(key.length - a));
        if (s !== undefined && s.row >= 0) this.addEmit(v, 2 * NT, s.row);
      }
    }
    // As k-1 of the next token (offset +1), k+1 of the previous (offset -1), and so on.
    this.addFeature(v, 3 * NT, TPL['k-1'], key);
    this.addFeature(v, 1 * NT, TPL['k+1'], key);
    this.addFeature(v, 4 * NT, TPL['k-2'], key);
    this.addFeature(v, 0 * NT, TPL['k+2'], key);
    const sh = shapeOf(word);
    this.addFeature(v, 3 * NT, TPL['sh-1'], sh);
    this.addFeature(v, 1 * NT, TPL['sh+1'], sh);
    const cls = useLex ? wordClass(word, key, facts) : '';
    if (useLex) {
      // As contextFeatures emits them: c only when set, c-1 and c+1 always, c+2 only when set.
      if (cls) this.addFeature(v, 2 * NT, TPL.c, cls);
      this.addFeature(v, 3 * NT, TPL['c-1'], cls);
      this.addFeature(v, 1 * NT, TPL['c+1'], cls);
      if (cls) this.addFeature(v, 0 * NT, TPL['c+2'], cls);
    }
    const entry = { v, cls };
    this.wordRows.set(cacheKey, entry);
    return entry;
  }

  /** Add to `v` from `at` on (a word's block for one offset) the row of feature `tpl=value`, if any. */
  private addFeature(v: number[], at: number, tpl: number, value: string): void {
    const r = this.byTemplate[tpl].get(value);
    if (r !== undefined) this.addEmit(v, at, r);
  }

  private addEmit(v: number[], at: number, r: number): void {
    for (let t = 0; t < NT; t++) v[at + t] = Math.fround(v[at + t]! + this.emit[r * NT + t]!);
  }

  /** Tag indices for precomputed feature strings (one list per token). */
  decode(feats: string[][]): Int8Array {
    return viterbi(feats.length, this.scoresOf(feats), this.trans);
  }
}
