/**
 * The tagger's model: feature → weight row, transition matrix, Viterbi decoding, and a compact
 * serialisation (pruned feature list + int16-quantised weights in base64) for the committed weights.
 */

import type { Token } from '../text.ts';
import {
  contextFeatures,
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
/** Context templates whose value is a neighbour's key or shape (→ that neighbour's offset): summed through the word cache. */
const WORD_CONTEXT = new Map([
  [TPL['k-1'], -1],
  [TPL['k+1'], 1],
  [TPL['k-2'], -2],
  [TPL['k+2'], 2],
  [TPL['sh-1'], -1],
  [TPL['sh+1'], 1],
]);

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
      if (tpl >= 0) this.byTemplate[tpl].set(name.slice(eq + 1), row);
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
    const addRow = (i: number, tpl: number, value: string): void => {
      const r = this.byTemplate[tpl].get(value);
      if (r !== undefined) for (let t = 0; t < NT; t++) e[i * NT + t] += this.emit[r * NT + t];
    };
    for (let i = 0; i < n; i++) {
      const v = this.wordVector(tokens[i].text, info.keys[i]);
      // v holds, per target offset d (-2…+2 in OFFSETS order), what this word adds to token i + d.
      for (let d = 0; d < OFFSETS.length; d++) {
        const j = i + OFFSETS[d];
        if (j < 0 || j >= n) continue;
        for (let t = 0; t < NT; t++) e[j * NT + t] += v[d * NT + t];
      }
    }
    // Sequence edges and the features that are not a function of one word.
    for (let i = 0; i < n; i++) {
      contextFeatures(info, i, (tpl, value) => {
        const d = WORD_CONTEXT.get(tpl);
        // A neighbour feature is in the word cache unless the neighbour lies beyond the sequence.
        if (d === undefined || i + d < 0 || i + d >= n) addRow(i, tpl, value);
      });
    }
    return e;
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
