/**
 * Spelling folds for cue matching. Hindi news text writes one word several ways in Unicode: a zero-width
 * joiner inside a conjunct ("विस्‍फोट" with U+200D is "विस्फोट" on screen) and nukta letters either
 * precomposed (U+095C ड़) or as a base letter plus U+093C. Cues are written once, so the text and the cue
 * patterns are both folded to one form: joiners and soft hyphens dropped, nukta letters decomposed. Pure.
 */

/** Characters the fold changes; text without them is returned as is (the common, fast case). */
const NEEDS_FOLD = /[\u0958-\u095f\u200b-\u200d\u00ad]/;
const DROP = new Set([0x200b, 0x200c, 0x200d, 0xad]);
/** Precomposed nukta letters (U+0958–U+095F) and their base letters. */
const NUKTA_BASE = [0x915, 0x916, 0x917, 0x91c, 0x921, 0x922, 0x92b, 0x92f];

/** Text in folded form; `index[i]` is the position in the original of folded character i (null: same). */
export interface Folded {
  text: string;
  index: number[] | null;
}

/** Fold a text: zero-width joiners and soft hyphens out, nukta letters decomposed. */
export function fold(s: string): Folded {
  if (!NEEDS_FOLD.test(s)) return { text: s, index: null };
  let text = '';
  const index: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (DROP.has(c)) continue;
    if (c >= 0x958 && c <= 0x95f) {
      text += `${String.fromCharCode(NUKTA_BASE[c - 0x958]!)}\u093c`;
      index.push(i, i);
    } else {
      text += s[i];
      index.push(i);
    }
  }
  return { text, index };
}

/** The original text of folded span [start, end). */
export function unfold(original: string, f: Folded, start: number, end: number): string {
  if (!f.index || end <= start) return f.text.slice(start, end);
  return original.slice(f.index[start]!, f.index[end - 1]! + 1);
}

/** A pattern in folded form (its literal Hindi written either way matches folded text). */
export const foldPattern = (re: RegExp): RegExp => new RegExp(fold(re.source).text, re.flags);
