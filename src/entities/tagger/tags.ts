/**
 * The tag set of the Hindi tagger (BIO over HiNER's collapsed PERSON/LOCATION/ORGANIZATION) and
 * conversions between tag sequences and entity spans.
 */

/** Entity types the tagger knows. */
export type TaggerType = 'PER' | 'LOC' | 'ORG';

/** Tags by index: 0 is O, then B/I per type. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
export const NTAGS = TAGS.length;

const TYPES: TaggerType[] = ['PER', 'LOC', 'ORG'];

/** Whether tag `b` may follow tag `a` (`a` = -1 at the start): I-X only after B-X or I-X. */
export function allowed(a: number, b: number): boolean {
  if (b === 0 || b % 2 === 1) return true;
  return a === b || a === b - 1;
}

/**
 * A corpus's BIO tag → tag index, given the index in TYPES of its type name (-1: a type outside the
 * tagger's set, read as O).
 */
function bioTagIndex(tag: string, typeIndex: (type: string) => number): number {
  if (tag === 'O' || !tag) return 0;
  const [bio, type] = tag.split('-');
  const t = typeIndex(type);
  if (t < 0) return 0;
  return 1 + 2 * t + (bio === 'I' ? 1 : 0);
}

/** HiNER tag (`B-PERSON`) → tag index. */
export function tagIndex(tag: string): number {
  return bioTagIndex(tag, (type) =>
    type.startsWith('PER') ? 0 : type.startsWith('LOC') ? 1 : type.startsWith('ORG') ? 2 : -1,
  );
}

/**
 * IL-NER tag (`B-NEP`; the Bhashini IL-NER tag set) → tag index: NEP person, NEL location, NEO
 * organisation. Its other types (numbers, times, artefacts, …) are outside the tagger's set: O.
 */
export function ilnerTagIndex(tag: string): number {
  return bioTagIndex(tag, (type) => (type === 'NEP' ? 0 : type === 'NEL' ? 1 : type === 'NEO' ? 2 : -1));
}

/** A typed run of tokens `[start, end)` (token indices). */
export interface TagSpan {
  start: number;
  end: number;
  type: TaggerType;
}

/** Entity spans of a tag sequence, conlleval-style (a stray I-X opens a span). */
export function spansOf(tags: ArrayLike<number>): TagSpan[] {
  const out: TagSpan[] = [];
  let cur: TagSpan | undefined;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const type = t === 0 ? undefined : TYPES[(t - 1) >> 1];
    const begin = t % 2 === 1;
    if (cur && (t === 0 || begin || type !== cur.type)) {
      out.push(cur);
      cur = undefined;
    }
    if (type && !cur) cur = { start: i, end: i + 1, type };
    else if (cur) cur.end = i + 1;
  }
  if (cur) out.push(cur);
  return out;
}
