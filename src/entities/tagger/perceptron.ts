/**
 * Training of the tagger: a structured averaged perceptron (Collins 2002) over integer feature ids,
 * decoded with Viterbi. Deterministic: the sentence order of every epoch comes from a seeded PRNG.
 */
import { NTAGS } from './tags.ts';
import { viterbi } from './viterbi.ts';

// A module-local copy: hot loops read it, and an imported binding may be a getter once transpiled.
const NT = NTAGS;

/** One training sequence: feature ids per token and the gold tag per token. */
export interface TrainSeq {
  feats: Int32Array[];
  gold: Int8Array;
}

/** Averaged weights: emission rows of NT per feature id, and the transition matrix. */
export interface TrainedWeights {
  emit: Float32Array;
  trans: Float32Array;
}

/** mulberry32: a small seeded PRNG, so that training is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Emission scores of one sequence under weights `w`. */
export function emissions(seq: { feats: Int32Array[] }, w: ArrayLike<number>): Float64Array {
  const e = new Float64Array(seq.feats.length * NT);
  seq.feats.forEach((fs, i) => {
    for (const f of fs) for (let t = 0; t < NT; t++) e[i * NT + t] += w[f * NT + t];
  });
  return e;
}

/** Train on `seqs` (feature ids < nFeatures) for `epochs` passes; returns the averaged weights. */
export function trainPerceptron(
  seqs: TrainSeq[],
  nFeatures: number,
  opts: { epochs: number; seed: number },
): TrainedWeights {
  const w = new Float64Array(nFeatures * NT);
  const u = new Float64Array(nFeatures * NT);
  const tw = new Float64Array((NT + 1) * NT);
  const tu = new Float64Array((NT + 1) * NT);
  const rand = prng(opts.seed);
  const order = seqs.map((_, i) => i);
  let c = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const seq = seqs[idx];
      const pred = viterbi(seq.gold.length, emissions(seq, w), tw);
      for (let i = 0; i < pred.length; i++) {
        const g = seq.gold[i];
        const p = pred[i];
        if (g !== p) {
          for (const f of seq.feats[i]) {
            w[f * NT + g] += 1;
            u[f * NT + g] += c;
            w[f * NT + p] -= 1;
            u[f * NT + p] -= c;
          }
        }
        const gp = i > 0 ? seq.gold[i - 1] : -1;
        const pp = i > 0 ? pred[i - 1] : -1;
        if (g !== p || gp !== pp) {
          tw[(gp + 1) * NT + g] += 1;
          tu[(gp + 1) * NT + g] += c;
          tw[(pp + 1) * NT + p] -= 1;
          tu[(pp + 1) * NT + p] -= c;
        }
      }
      c++;
    }
  }
  const emit = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) emit[i] = w[i] - u[i] / c;
  const trans = new Float32Array(tw.length);
  for (let i = 0; i < tw.length; i++) trans[i] = tw[i] - tu[i] / c;
  return { emit, trans };
}
