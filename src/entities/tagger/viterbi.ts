/**
 * First-order Viterbi decoding over the tagger's BIO tags, with I-X allowed only after B-X or I-X.
 */
import { allowed, NTAGS } from './tags.ts';

// A module-local copy: hot loops read it, and an imported binding may be a getter once transpiled.
const NT = NTAGS;

const NEG = -1e30;
/** ALLOWED[(a + 1) * NT + b]: tag b may follow tag a (row 0: the start). */
const ALLOWED = Array.from({ length: (NT + 1) * NT }, (_, i) => allowed(Math.floor(i / NT) - 1, i % NT));
/** PREV[b]: the tags b may follow, ascending (so ties go to the lowest, as a scan of all tags would). */
const PREV = Array.from({ length: NT }, (_, b) =>
  Int8Array.from(Array.from({ length: NT }, (_, a) => a).filter((a) => ALLOWED[(a + 1) * NT + b])),
);

/**
 * Best tag sequence for `n` tokens. `emit[i * NT + t]` scores tag t at token i;
 * `trans[(a + 1) * NT + b]` scores tag b after tag a (row 0: after the start).
 */
export function viterbi(n: number, emit: ArrayLike<number>, trans: ArrayLike<number>): Int8Array {
  const out = new Int8Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * NT);
  const back = new Int8Array(n * NT);
  for (let b = 0; b < NT; b++) score[b] = ALLOWED[b] ? emit[b] + trans[b] : NEG;
  // The transition scores each tag's allowed predecessors bring, laid out as the loop reads them.
  const tp = new Float64Array(NT * NT);
  for (let b = 0; b < NT; b++)
    for (let p = 0; p < PREV[b].length; p++) tp[b * NT + p] = trans[(PREV[b][p] + 1) * NT + b];
  for (let i = 1; i < n; i++) {
    const from = (i - 1) * NT;
    for (let b = 0; b < NT; b++) {
      let best = NEG;
      let arg = 0;
      const prev = PREV[b];
      for (let p = 0; p < prev.length; p++) {
        const a = prev[p];
        const s = score[from + a] + tp[b * NT + p];
        if (s > best) {
          best = s;
          arg = a;
        }
      }
      score[i * NT + b] = best + emit[i * NT + b];
      back[i * NT + b] = arg;
    }
  }
  let t = 0;
  for (let b = 1; b < NT; b++) if (score[(n - 1) * NT + b] > score[(n - 1) * NT + t]) t = b;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = t;
    t = back[i * NT + t];
  }
  return out;
}
