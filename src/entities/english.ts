/**
 * Recognition for Latin-script text: all-caps acronyms, capitalised runs ending in an
 * organisation/place head word, names after titles, and places after prepositions of place
 * (english-lexicon.ts adds the places, organisations and given names of compromise's word lists).
 */
import type { EntityType } from '../core/types.ts';
import { ID_CUES, NON_ENTITY_ACRONYMS, TITLE_ACRONYMS } from './acronym.ts';
import { entryFor, type Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { ENGLISH_STOP, ENGLISH_TITLES, LOC_HEADS, ORG_HEADS } from './lexicon.ts';
import { makeSpan, type Span } from './match.ts';
import type { Token } from './text.ts';
import { isListedName, phoneticKey } from './translit.ts';

const ACRONYM = /^[A-Z][A-Z0-9]{1,5}$/;
const CONNECTORS = new Set(['of', 'and', '&', 'for', 'the', 'on', 'de']);

const HYPHEN_PREFIXES = new Set([
  'co',
  'inter',
  'intra',
  'multi',
  'non',
  'pan',
  'post',
  'pre',
  'semi',
  'super',
]);

export const isCap = (t: Token | undefined): boolean => t !== undefined && /^[A-Z]/.test(t.text);

/** Token starts a sentence (start of text, or after . ! ? : or a line break). */
export function sentenceInitial(text: string, tok: Token): boolean {
  // Scan back over whitespace instead of slicing and trimming the whole prefix (quadratic on long texts).
  let i = tok.start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i < 0 || SENTENCE_END.test(text[i]);
}

const SENTENCE_END = /[.!?:\n|\u0964"“‘-]/;

export function gap(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Canonical and entry for a Latin surface: gazetteer alias first, then phonetic PER match. */
export function resolveLatin(
  surface: string,
  gaz: Gazetteer,
  type: EntityType,
): { canonical: string; entry?: GazetteerEntry } {
  const entry =
    entryFor(surface, gaz) ?? (type === 'PER' ? gaz.byPhonetic.get(phoneticKey(surface)) : undefined);
  if (entry && (type !== 'PER' || entry.type === 'PER')) return { canonical: entry.canonical, entry };
  return { canonical: surface.replace(/['’]s$/, '') };
}

/**
 * All-caps Latin acronyms (2–6 characters) in any paragraph, Hindi ones included. Known ones take
 * the gazetteer's type; unknown ones are ID before an identifier word (number, card), else ORG. Runs of three
 * or more all-caps words (shouted headlines) are skipped.
 */
export function latinAcronymSpans(text: string, tokens: Token[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  const caps = tokens.map((t) => ACRONYM.test(t.text) && /[A-Z].*[A-Z]|[A-Z]\d/.test(t.text));
  for (let i = 0; i < tokens.length; i++) {
    if (!caps[i]) continue;
    const tok = tokens[i];
    if (TITLE_ACRONYMS.has(tok.text) || NON_ENTITY_ACRONYMS.has(tok.text)) continue;
    if ((caps[i - 1] && caps[i - 2]) || (caps[i + 1] && caps[i + 2]) || (caps[i - 1] && caps[i + 1]))
      continue;
    const entry = entryFor(tok.text, gaz);
    const next = tokens[i + 1];
    const type: EntityType = entry?.type ?? (next && ID_CUES.has(next.key) ? 'ID' : 'ORG');
    out.push(makeSpan(text, tok.start, tok.end, type, entry?.canonical ?? tok.text, 'acronym', entry));
  }
  return out;
}

/**
 * Capitalised word runs (allowing "of", "and", "&" inside) cut after their last organisation or
 * place head word: "Tata Memorial Hospital" → ORG, "Saket District" → LOC.
 */
export function capitalisedRunSpans(text: string, tokens: Token[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCap(tokens[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && /^[\s-]+$/.test(gap(text, tokens[j - 1], tokens[j]))) {
      if (isCap(tokens[j])) j++;
      // The rest of a word after a prefix and hyphen: "Varachha Co-operative Bank" (not "Howrah-bound").
      else if (gap(text, tokens[j - 1], tokens[j]) === '-' && HYPHEN_PREFIXES.has(tokens[j - 1].key)) j++;
      else if (CONNECTORS.has(tokens[j].key) && isCap(tokens[j + 1])) j += 2;
      else break;
    }
    // "X Hospital and Y Hospital" is two names: split at a connector that follows a head word.
    let s = i;
    for (let c = i + 1; c <= j; c++) {
      if (c < j && !(CONNECTORS.has(tokens[c].key) && isHead(tokens[c - 1]) && tokens[c].key !== 'of'))
        continue;
      headedSpan(text, tokens, s, c, gaz, out);
      s = c + 1;
    }
    i = j;
  }
  return out;
}

/** An organisation or place head word ("Hospital", "Board", "Nagar"). */
export const isHead = (t: Token): boolean => ORG_HEADS.has(t.key) || LOC_HEADS.has(t.key);

/** A capitalised Latin word that may be part of a name: not a stop word or a title. */
export const capitalName = (t: Token | undefined): t is Token =>
  t !== undefined && isCap(t) && !t.deva && !ENGLISH_STOP.has(t.key) && !ENGLISH_TITLES.has(t.key);

/** Span of tokens[s, e) cut after its last head word, if any (ORG or LOC by that head). */
function headedSpan(text: string, tokens: Token[], s: number, e: number, gaz: Gazetteer, out: Span[]): void {
  if (tokens[s] && ['the', 'a', 'an'].includes(tokens[s].key)) s++;
  let h = e - 1;
  while (h > s && !isHead(tokens[h])) h--;
  if (h <= s) return;
  // "Superintendent of Police" is a rank, not an organisation.
  const rank = (t: Token) => ENGLISH_TITLES.has(t.key) || CONNECTORS.has(t.key);
  if (tokens.slice(s, h).every(rank)) return;
  // Words before an "of" with no head among them are not part of the name: "Shares of Kaveri Seed
  // Company", "the ICU of Gauhati Medical College" (but "Bank of Baroda", "Department of Mines").
  const of = tokens.findIndex((t, k) => k > s && k < h && t.key === 'of');
  if (of > 0 && !tokens.slice(s, of).some(isHead) && !tokens.slice(s, of).some(rank)) s = of + 1;
  const type: EntityType = ORG_HEADS.has(tokens[h].key) ? 'ORG' : 'LOC';
  // An organisation named "of" a place or field keeps it: "Food Corporation of India", "National
  // Institute of Virology". A known shorter name wins ("Supreme Court" of India).
  let end = h;
  if (type === 'ORG' && tokens[h + 1]?.key === 'of' && e - (h + 2) >= 1 && e - (h + 2) <= 3) {
    const rest = tokens.slice(h + 2, e);
    if (rest.every((t) => isCap(t) && !CONNECTORS.has(t.key))) end = e - 1;
  }
  let r = resolveLatin(text.slice(tokens[s].start, tokens[end].end), gaz, type);
  if (end !== h && !r.entry) {
    const short = resolveLatin(text.slice(tokens[s].start, tokens[h].end), gaz, type);
    if (short.entry) [r, end] = [short, h];
  }
  // A district is named without the word: "Supaul District" is Supaul.
  if (type === 'LOC' && !r.entry && tokens[end]!.key === 'district' && end > s) {
    const name = resolveLatin(text.slice(tokens[s].start, tokens[end - 1]!.end), gaz, type);
    r = name.entry?.type === 'LOC' || !name.entry ? name : r;
  }
  out.push(
    makeSpan(text, tokens[s].start, tokens[end].end, r.entry?.type ?? type, r.canonical, 'rule', r.entry),
  );
}

/** Names after English titles: "Dr. Randeep Guleria", "Chief Minister Arvind Kejriwal". */
export function englishTitleSpans(text: string, tokens: Token[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!ENGLISH_TITLES.has(tokens[i].key) || tokens[i].deva) continue;
    let j = i + 1;
    const ok = (a: Token, b: Token): boolean =>
      /^\.?\s+$|^\.$/.test(gap(text, a, b)) && !gap(text, a, b).includes('\n');
    for (;;) {
      if (j < tokens.length && ENGLISH_TITLES.has(tokens[j].key) && ok(tokens[j - 1], tokens[j])) j++;
      // Ranks with "of": Superintendent of Police, Director of Prosecution.
      else if (tokens[j]?.key === 'of' && ENGLISH_TITLES.has(tokens[j + 1]?.key ?? '')) j += 2;
      else break;
    }
    // Inside the name a full stop only follows an initial ("D. Y. Chandrachud"); else it ends a sentence.
    const inName = (a: Token, b: Token): boolean =>
      ok(a, b) && (a.text.length <= 2 || !gap(text, a, b).includes('.'));
    let k = j;
    while (
      k < tokens.length &&
      k - j < 4 &&
      isCap(tokens[k]) &&
      !ENGLISH_STOP.has(tokens[k].key) &&
      !ORG_HEADS.has(tokens[k].key) &&
      (k === j ? ok(tokens[k - 1], tokens[k]) : inName(tokens[k - 1], tokens[k]))
    )
      k++;
    if (k === j) continue;
    const surface = text.slice(tokens[j].start, tokens[k - 1].end);
    const r = resolveLatin(surface, gaz, 'PER');
    out.push(makeSpan(text, tokens[j].start, tokens[k - 1].end, 'PER', r.canonical, 'rule', r.entry));
    i = k - 1;
  }
  return out;
}

/** Claimed-span test for tokens, by a sorted sweep instead of scanning every span for every token. */
export function claimedAt(claimed: Span[]): (t: Token) => boolean {
  const spans = [...claimed].sort((a, b) => a.start - b.start);
  // maxEnd[i]: the furthest end among spans[0..i], so a binary search answers "overlaps any?".
  const maxEnd: number[] = [];
  for (const [i, s] of spans.entries()) maxEnd.push(Math.max(s.end, i > 0 ? maxEnd[i - 1]! : -1));
  return (t) => {
    // Last span starting before t.end; some span up to it overlaps iff the furthest end passes t.start.
    let lo = 0;
    let hi = spans.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start < t.end) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && maxEnd[last]! > t.start;
  };
}

/** Words after which a capitalised name is a place: "near Basantpur", "in Kurla", "through Dawki". */
const PLACE_PREPOSITIONS = new Set(['near', 'in', 'at', 'outside', 'through', 'across', 'around', 'into']);

/** Capitalised words that follow those prepositions without being places. */
const NOT_PLACES = new Set(
  `parliament court assembly hindi english urdu tamil telugu bengali marathi gujarati punjabi kannada
  malayalam odia sanskrit march may christmas diwali holi eid ramzan ramadan navratri durga puja
  god lord covid budget cabinet question hour zero round final semi quarter test odi division bench`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Unknown places named after a preposition of place, as a last resort: only where no other rule and
 * not the word lists found anything. One or two capitalised words (not possessive, not a month, weekday,
 * language or festival), and a second one joined by "and" ("in Srinagar and Devprayag").
 */
export function englishPlaceSpans(text: string, tokens: Token[], claimed: Span[]): Span[] {
  const out: Span[] = [];
  const free = (a: Token, b: Token) => !claimed.some((s) => a.start < s.end && s.start < b.end);
  const nameAt = (k: number): number => {
    // Returns the end index (exclusive) of a 1–2 word capitalised name starting at k, or k.
    let e = k;
    while (
      e < tokens.length &&
      e - k < 3 &&
      isCap(tokens[e]) &&
      !tokens[e]!.deva &&
      !/^[A-Z0-9]+$/.test(tokens[e]!.text) &&
      !ENGLISH_STOP.has(tokens[e]!.key) &&
      !NOT_PLACES.has(tokens[e]!.key) &&
      (e === k || gap(text, tokens[e - 1]!, tokens[e]!) === ' ')
    )
      e++;
    if (e === k || e - k > 2) return k;
    const after = text.slice(tokens[e - 1]!.end, tokens[e - 1]!.end + 2);
    if (/^['’]s/.test(after)) return k;
    return free(tokens[k]!, tokens[e - 1]!) ? e : k;
  };
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!PLACE_PREPOSITIONS.has(tokens[i]!.key) || gap(text, tokens[i]!, tokens[i + 1]!) !== ' ') continue;
    let k = i + 1;
    for (let n = 0; n < 2; n++) {
      const e = nameAt(k);
      if (e === k) break;
      const surface = text.slice(tokens[k]!.start, tokens[e - 1]!.end);
      out.push(makeSpan(text, tokens[k]!.start, tokens[e - 1]!.end, 'LOC', surface, 'rule'));
      if (tokens[e]?.key !== 'and') break;
      k = e + 1;
    }
    i = k;
  }
  return out;
}

/**
 * People named by two or three capitalised words that are all listed Indian name words
 * (names-latin.txt): "candidate Shampa Mukherjee", "scholar Gurpreet Singh Brar". Only where nothing
 * else was found, or to lengthen a person span found by the word lists or a title ("Gurpreet Singh" + Brar).
 */
export function englishNameSpans(text: string, tokens: Token[], claimed: Span[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  const nameWord = (t: Token | undefined): boolean => capitalName(t) && !isHead(t) && isListedName(t.text);
  for (let i = 0; i < tokens.length; i++) {
    if (
      !nameWord(tokens[i]) ||
      (i > 0 && isCap(tokens[i - 1]) && gap(text, tokens[i - 1]!, tokens[i]!) === ' ')
    )
      continue;
    let e = i + 1;
    while (
      e < tokens.length &&
      e - i < 3 &&
      gap(text, tokens[e - 1]!, tokens[e]!) === ' ' &&
      nameWord(tokens[e])
    )
      e++;
    // The run must end the capitalised words ("Ram Manohar Lohia Hospital" is not a person), and
    // "… Bharat" names schemes and brands (Ayushman Bharat, Vande Bharat), not people.
    const last = tokens[e - 1]!.key;
    if (
      e - i < 2 ||
      last === 'bharat' ||
      (isCap(tokens[e]) && gap(text, tokens[e - 1]!, tokens[e]!) === ' ')
    ) {
      i = e - 1;
      continue;
    }
    const [start, end] = [tokens[i]!.start, tokens[e - 1]!.end];
    const overlapping = claimed.filter((s) => start < s.end && s.start < end);
    const inside = overlapping.every((s) => s.type === 'PER' && s.start >= start && s.end <= end);
    if (inside && !overlapping.some((s) => s.start === start && s.end === end)) {
      const r = resolveLatin(text.slice(start, end), gaz, 'PER');
      out.push(makeSpan(text, start, end, 'PER', r.canonical, 'rule', r.entry));
    }
    i = e - 1;
  }
  return out;
}
