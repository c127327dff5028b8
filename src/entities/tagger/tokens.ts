/**
 * HiNER-style tokenisation with offsets: whitespace split, then sentence punctuation peeled off
 * either end of each word as its own token (as in HiNER, where `,` and `।` are usually tokens).
 * Dots inside a word stay (`N.Z.A.`, `डॉ.`): only a dot after a longer word is a full stop.
 */
import { WHITE_SPACE } from '../../core/text.ts';
import { type Token, wordFacts } from '../text.ts';

const LEAD = /^[\p{Ps}\p{Pi}"'`]/u;
const TRAIL = /[\u0964\u0965,;:!?\p{Pe}\p{Pf}"'`|]$/u;
const DEVA = /[\u0900-\u097f]/;

// LEAD and TRAIL of one UTF-16 unit, remembered per unit (0: not asked, 1: yes, 2: no): they run on
// both ends of every word.
const leadOf = new Uint8Array(65536);
const trailOf = new Uint8Array(65536);
function isLead(ch: string): boolean {
  const c = ch.charCodeAt(0);
  leadOf[c] ||= LEAD.test(ch) ? 1 : 2;
  return leadOf[c] === 1;
}
function isTrail(ch: string): boolean {
  const c = ch.charCodeAt(0);
  trailOf[c] ||= TRAIL.test(ch) ? 1 : 2;
  return trailOf[c] === 1;
}

/**
 * Tokens of a paragraph (or sentence) in HiNER's style, with UTF-16 offsets into `text`. `entityTokens`:
 * the entity stage's tokens of the same text, when the caller has them; a word that is also one of them
 * (most are) takes its string and facts from it instead of looking the word up again.
 */
export function taggerTokens(text: string, entityTokens: readonly Token[] = []): Token[] {
  let at = 0;
  const token = (start: number, end: number): Token => {
    // Made in text order (see split), so the entity tokens are walked forward once.
    while (at < entityTokens.length && entityTokens[at]!.start < start) at++;
    const same = entityTokens[at];
    // The same word: the entity token itself (tokens are never changed once made).
    if (
      same !== undefined &&
      same.start === start &&
      same.end === end &&
      same.facts &&
      same.key === same.facts.key
    )
      return same;
    const t = text.slice(start, end);
    const facts = wordFacts(t);
    return { text: t, start, end, key: facts.key, deva: DEVA.test(t), facts };
  };
  return split(text, token);
}

function split(text: string, token: (start: number, end: number) => Token): Token[] {
  const out: Token[] = [];
  const n = text.length;
  // Each run of non-space units (what `\S+` matches), scanned by hand: a match array per word was a tenth
  // of what the entity stage allocated on Hindi text.
  for (let from = 0; from < n; ) {
    if (WHITE_SPACE.unitsAt(text, from) > 0) {
      from++;
      continue;
    }
    let s = from;
    let e = s + 1;
    while (e < n && WHITE_SPACE.unitsAt(text, e) === 0) e++;
    from = e;
    while (e - s > 1 && isLead(text[s])) {
      out.push(token(s, s + 1));
      s++;
    }
    const wordEnd = e;
    for (;;) {
      if (e - s <= 1) break;
      const ch = text[e - 1];
      // A full stop after a word of 3+ units; "डॉ." and "N.Z.A." keep their dots.
      const stop = ch === '.' && e - s > 3 && !text.slice(s, e - 1).includes('.');
      if (!stop && !isTrail(ch)) break;
      e--;
    }
    // Made in text order: token() walks the entity tokens forward.
    out.push(token(s, e));
    for (let q = e; q < wordEnd; q++) out.push(token(q, q + 1));
  }
  return out;
}
