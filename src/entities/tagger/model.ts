/**
 * The tagger's model: feature → weight row, transition matrix, Viterbi decoding, and a compact
 * serialisation (pruned feature list + int16-quantised weights in base64) for the committed weights.
 */

import type { Token } from '../text.ts';
import {
  type FeatureLexicons,
  sequenceInfo,
  cachedShape as shapeOf,
  TEMPLATES,
  TPL,
  wordFeatures,
} from './features.ts';
import type { TrainedWeights } from './perceptron.ts';
import { NTAGS, TAGS } from './tags.ts';
import { viterbi } from './viterbi.ts';

// A module-local copy: hot loops read it, and an imported binding may be a getter once transpiled.
const NT = NTAGS;
/** Offsets, from a word, of the tokens its cached vector feeds (index 2 is the word itself). */
const OFFSETS = [-2, -1, 0, 1, 2];

/** The stored form of a model (src/entities/tagger/tagger.weights). */
export interface StoredModel {
  format: 'khabar-hindi-tagger/1';
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

/** A trained tagger ready to decode. */
export class TaggerModel {
  /** Rows by feature template, then value: lookups by an existing token key need no new string. */
  private readonly byTemplate: Map<string, number>[] = TEMPLATES.map(() => new Map());
  /** Summed rows of each word's own features ({@link wordFeatures}), memoised per word. */
  private readonly wordRows = new Map<string, Float32Array>();
  /** Bigram rows (k-1k, kk+1) by first key, then second key. */
  private readonly bigrams = [new Map<string, Map<string, number>>(), new Map<string, Map<string, number>>()];

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
      const which = tpl === TPL['k-1k'] ? 0 : tpl === TPL['kk+1'] ? 1 : -1;
      const bar = value.indexOf('|');
      // Values with more than one bar are ambiguous when split; addBigram looks those up whole.
      if (which < 0 || bar !== value.lastIndexOf('|')) continue;
      const first = value.slice(0, bar);
      const inner = this.bigrams[which].get(first) ?? new Map<string, number>();
      inner.set(value.slice(bar + 1), row);
      this.bigrams[which].set(first, inner);
    }
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
      format: 'khabar-hindi-tagger/1',
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
   * its bigram and lexicon features.
   */
  scores(text: string, tokens: Token[], lex?: FeatureLexicons): Float64Array {
    const info = sequenceInfo(text, tokens, this.lexicons ? lex : undefined);
    const n = tokens.length;
    const e = new Float64Array(n * NT);
    for (let i = 0; i < n; i++) {
      const v = this.wordVector(tokens[i].text, info.keys[i]);
      // v holds, per target offset d (-2…+2 in OFFSETS order), what this word adds to token i + d.
      for (let d = 0; d < OFFSETS.length; d++) {
        const j = i + OFFSETS[d];
        if (j < 0 || j >= n) continue;
        for (let t = 0; t < NT; t++) e[j * NT + t] += v[d * NT + t];
      }
    }
    // What is not a function of one word: bigrams, sequence edges, lexicon labels. The same features as
    // contextFeatures emits (tests/unit/tagger.test.ts checks the sums agree), without building strings.
    const { keys, gaz, cls } = info;
    const BOS = '<s>';
    const EOS = '</s>';
    for (let i = 0; i < n; i++) {
      const prev = i > 0 ? keys[i - 1] : BOS;
      const next = i + 1 < n ? keys[i + 1] : EOS;
      this.addBigram(e, i, 0, prev, keys[i]);
      this.addBigram(e, i, 1, keys[i], next);
      if (i === 0) this.addRow(e, i, TPL['k-1'], BOS);
      if (i < 2) this.addRow(e, i, TPL['k-2'], BOS);
      if (i + 1 >= n) this.addRow(e, i, TPL['k+1'], EOS);
      if (i + 2 >= n) this.addRow(e, i, TPL['k+2'], EOS);
      if (gaz && cls) {
        if (gaz[i]) this.addRow(e, i, TPL.g, gaz[i]);
        this.addRow(e, i, TPL['g-1'], i > 0 ? gaz[i - 1] : BOS);
        this.addRow(e, i, TPL['g+1'], i + 1 < n ? gaz[i + 1] : EOS);
        if (cls[i]) this.addRow(e, i, TPL.c, cls[i]);
        this.addRow(e, i, TPL['c-1'], i > 0 ? cls[i - 1] : BOS);
        this.addRow(e, i, TPL['c+1'], i + 1 < n ? cls[i + 1] : EOS);
        if (i + 2 < n && cls[i + 2]) this.addRow(e, i, TPL['c+2'], cls[i + 2]);
        if (gaz[i] && cls[i]) this.addRow(e, i, TPL.gc, `${gaz[i]}|${cls[i]}`);
      }
    }
    return e;
  }

  private addRow(e: Float64Array, i: number, tpl: number, value: string): void {
    const r = this.byTemplate[tpl].get(value);
    if (r !== undefined) for (let t = 0; t < NT; t++) e[i * NT + t] += this.emit[r * NT + t];
  }

  /** Bigram feature `a|b` (which 0: k-1k, 1: kk+1) looked up by its two halves, so no string is built. */
  private addBigram(e: Float64Array, i: number, which: 0 | 1, a: string, b: string): void {
    if (a.includes('|') || b.includes('|')) {
      this.addRow(e, i, which === 0 ? TPL['k-1k'] : TPL['kk+1'], `${a}|${b}`);
      return;
    }
    const r = this.bigrams[which].get(a)?.get(b);
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

  /** What a word contributes to the tokens at OFFSETS from it (own features at offset 0). */
  private wordVector(word: string, key: string): Float32Array {
    let v = this.wordRows.get(word);
    if (v) return v;
    v = new Float32Array(OFFSETS.length * NT);
    const out = v;
    const add = (d: number, tpl: number, value: string): void => {
      const r = this.byTemplate[tpl].get(value);
      if (r !== undefined) for (let t = 0; t < NT; t++) out[d * NT + t] += this.emit[r * NT + t];
    };
    wordFeatures(word, key, (tpl, value) => add(2, tpl, value));
    // As k-1 of the next token (offset +1), k+1 of the previous (offset -1), and so on.
    add(3, TPL['k-1'], key);
    add(1, TPL['k+1'], key);
    add(4, TPL['k-2'], key);
    add(0, TPL['k+2'], key);
    const sh = shapeOf(word);
    add(3, TPL['sh-1'], sh);
    add(1, TPL['sh+1'], sh);
    if (this.wordRows.size > 50000) this.wordRows.clear();
    this.wordRows.set(word, v);
    return v;
  }

  /** Tag indices for precomputed feature strings (one list per token). */
  decode(feats: string[][]): Int8Array {
    return viterbi(feats.length, this.scoresOf(feats), this.trans);
  }
}
