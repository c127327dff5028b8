/**
 * Recognition for Devanagari text: letter-name acronyms, person names after titles or before common
 * surnames / "ने कहा", places before जिले/शहर/गांव, transliteration matches against Latin-only
 * gazetteer names, and the trained tagger (src/entities/tagger) for names no rule or list knows.
 */
import type { EntityType } from '../core/types.ts';
import {
  decodeDevanagariAcronym,
  decodeDevanagariAcronymOnce,
  ID_CUES,
  NON_ENTITY_ACRONYMS,
  TITLE_ACRONYMS,
} from './acronym.ts';
import { entryFor, type Gazetteer } from './gazetteer.ts';
import { HINDI_STOP, HONORIFICS, LOC_CUES, NAME_BOUNDARY, PLACE_HEADS, SURNAMES } from './lexicon.ts';
import { makeSpan, type Span } from './match.ts';
import { tagEntities } from './tagger/index.ts';
import { stripAttachedSuffix, type Token, wordKey } from './text.ts';
import {
  isNameWord,
  nameWordOf,
  phoneticKey,
  transliterateName,
  wordNameKey,
  wordNameKeyOnce,
} from './translit.ts';

/** Decoded acronym for a token, trying the word as is and then without a glued case suffix; remembered per word. */
function acronymOf(tok: Token): { letters: string; len: number } | undefined {
  const f = tok.facts;
  if (!f) return decodeAcronym(tok, decodeDevanagariAcronym);
  // Remembered with the word: the whole word is decoded without the acronym memo's lookups.
  if (f.acronym === undefined) f.acronym = decodeAcronym(tok, decodeDevanagariAcronymOnce) ?? null;
  return f.acronym ?? undefined;
}

function decodeAcronym(
  tok: Token,
  decodeWhole: (word: string) => string | undefined,
): { letters: string; len: number } | undefined {
  const whole = decodeWhole(tok.text);
  if (whole) return { letters: whole, len: tok.text.length };
  const st = stripAttachedSuffix(tok.text);
  const stem = st ? decodeDevanagariAcronym(st.stem) : undefined;
  // The stem alone must be a real acronym (3+ letters): "एके" must not become "ए" + "के".
  if (st && stem && stem.length >= 3) return { letters: stem, len: st.stem.length };
  return undefined;
}

/** Devanagari acronyms (आईएफएसओ → IFSO); type from the gazetteer, else ID before an ID cue, else ORG. */
export function devanagariAcronymSpans(text: string, tokens: Token[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok.deva) continue;
    const ac = acronymOf(tok);
    if (!ac || TITLE_ACRONYMS.has(ac.letters) || NON_ENTITY_ACRONYMS.has(ac.letters)) continue;
    const entry = entryFor(ac.letters, gaz);
    const next = tokens[i + 1];
    const type: EntityType = entry?.type ?? (next && ID_CUES.has(next.key) ? 'ID' : 'ORG');
    out.push(
      makeSpan(text, tok.start, tok.start + ac.len, type, entry?.canonical ?? ac.letters, 'acronym', entry),
    );
  }
  return out;
}

/** isNameWord of a token's word, remembered with the word. */
function nameWord(tok: Token): boolean {
  return nameWordOf(tok.text, tok.facts);
}

/** wordNameKey of a token's word, remembered with the word. */
function nameKey(tok: Token): string {
  const f = tok.facts;
  if (!f) return wordNameKey(tok.text);
  f.nameKey ??= wordNameKeyOnce(tok.text);
  return f.nameKey;
}

/** A token that can be part of a Hindi personal or place name. */
function nameToken(tok: Token | undefined, covered: (t: Token) => boolean): boolean {
  if (!tok?.deva || covered(tok)) return false;
  const f = tok.facts;
  if (!f) return nameish(tok);
  f.nameish ??= nameish(tok);
  return f.nameish;
}

/** The part of nameToken that is a function of the word: not a stop word, title or boundary, no danda. */
function nameish(tok: Token): boolean {
  if (HINDI_STOP.has(tok.key) || HONORIFICS.has(tok.key) || NAME_BOUNDARY.has(tok.key)) return false;
  return !/[\u0964\u0965]/.test(tok.text);
}

/** Separator allowed between a title and a name, or between the words of a name. */
function nameGap(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return /^\.?[\s\u00a0]*$/.test(gap) && !gap.includes('\n') && (gap.length > 0 || a.end === b.start);
}

function isTitle(tok: Token): boolean {
  if (HONORIFICS.has(tok.key)) return true;
  if (!tok.deva) return false;
  // The whole word's decoding: acronymOf's, unless that is of the word without a case suffix.
  const ac = acronymOf(tok);
  return ac !== undefined && ac.len === tok.text.length && TITLE_ACRONYMS.has(ac.letters);
}

/**
 * Whether a name ending before tokens[k] ends at a clear boundary: the end of the text, punctuation, a
 * postposition or other name-ending word, or (`copula`) a form of "to be".
 */
function endsName(text: string, tokens: Token[], k: number, copula = false): boolean {
  const after = tokens[k];
  if (!after || NAME_BOUNDARY.has(after.key) || (copula && COPULAS.has(after.key))) return true;
  return /[,.।:;!?()"'-]/.test(text.slice(tokens[k - 1].end, after.start));
}

function perSpan(text: string, start: number, end: number, gaz: Gazetteer): Span {
  const surface = text.slice(start, end);
  const latin = transliterateName(surface, { person: true });
  const entry = entryFor(surface, gaz) ?? gaz.byPhonetic.get(phoneticKey(latin));
  const usable = entry && entry.type === 'PER' ? entry : undefined;
  return makeSpan(text, start, end, 'PER', usable?.canonical ?? latin, 'rule', usable);
}

/**
 * Person names: after titles (श्री, डॉ., मंत्री, निदेशक …, including पीएम/डीसीपी), before a
 * common surname (सुनील कुमार), or as the 2–3 words before "ने कहा/बताया".
 * `covered` reports tokens already claimed by a gazetteer ORG/LOC/ID match.
 */
export function hindiPersonSpans(
  text: string,
  tokens: Token[],
  gaz: Gazetteer,
  covered: (t: Token) => boolean,
): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok.deva) continue;
    if (isTitle(tok)) {
      let j = i + 1;
      // Stacked titles: निदेशक डॉ. एम श्रीनिवास.
      while (j < tokens.length && isTitle(tokens[j]) && nameGap(text, tokens[j - 1], tokens[j])) j++;
      if (j >= tokens.length || !nameGap(text, tokens[j - 1], tokens[j])) continue;
      let k = j;
      while (k < tokens.length && k - j < 4 && nameToken(tokens[k], covered)) {
        if (k > j && !nameGap(text, tokens[k - 1], tokens[k])) break;
        k++;
      }
      // A run of 4 is probably ordinary words; otherwise it must end at a clear boundary.
      if (k === j || k - j > 3) continue;
      if (!endsName(text, tokens, k)) continue;
      out.push(perSpan(text, tokens[j].start, tokens[k - 1].end, gaz));
      i = k - 1;
      continue;
    }
    if (SURNAMES.has(tok.key) && !covered(tok)) {
      let s = i;
      while (
        s > 0 &&
        i - s < 2 &&
        nameToken(tokens[s - 1], covered) &&
        nameGap(text, tokens[s - 1], tokens[s])
      )
        s--;
      if (s < i) out.push(perSpan(text, tokens[s].start, tok.end, gaz));
      continue;
    }
    // Two or three words each spelled like a listed given name or surname, ending at a boundary.
    if (nameToken(tok, covered) && nameWord(tok) && (i === 0 || !nameToken(tokens[i - 1], covered))) {
      let k = i + 1;
      while (
        k < tokens.length &&
        k - i < 3 &&
        nameToken(tokens[k], covered) &&
        nameGap(text, tokens[k - 1], tokens[k]) &&
        nameWord(tokens[k])
      )
        k++;
      if (k - i >= 2 && endsName(text, tokens, k, true)) {
        out.push(perSpan(text, tok.start, tokens[k - 1].end, gaz));
        i = k - 1;
        continue;
      }
    }
    if (tok.key === 'ने' && (tokens[i + 1]?.key === 'कहा' || tokens[i + 1]?.key === 'बताया')) {
      let s = i;
      while (s > 0 && i - s < 3 && nameToken(tokens[s - 1], covered)) {
        if (s < i && !nameGap(text, tokens[s - 1], tokens[s])) break;
        s--;
      }
      if (i - s >= 2) out.push(perSpan(text, tokens[s].start, tokens[i - 1].end, gaz));
    }
  }
  return out;
}

/**
 * Places named just before a place noun: "सरोजिनी नगर थाने", "मेवात जिले", "बरसाना गांव", "लूणी नदी";
 * and two-word names ending in a place head before a postposition: "उद्योग विहार में" (not "नगर निगम").
 */
export function hindiPlaceSpans(
  text: string,
  tokens: Token[],
  gaz: Gazetteer,
  covered: (t: Token) => boolean,
): Span[] {
  const out: Span[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (!LOC_CUES.has(tokens[i].key)) continue;
    let s = i - 1;
    if (PLACE_HEADS.has(tokens[s].key) && s > 0) s--;
    if (!nameToken(tokens[s], covered) || !nameGap(text, tokens[s], tokens[i])) continue;
    out.push(placeSpan(text, tokens[s].start, tokens[i - 1].end, gaz));
  }
  for (let i = 1; i + 1 < tokens.length; i++) {
    const name = tokens[i - 1]!;
    const head = tokens[i]!;
    const next = tokens[i + 1]!;
    if (!PLACE_HEADS.has(head.key) || !POSTPOSITIONS.has(next.key) || covered(head)) continue;
    if (!nameToken(name, covered) || !nameGap(text, name, head)) continue;
    out.push(placeSpan(text, name.start, head.end, gaz));
  }
  return out;
}

/** A place found by a rule: the gazetteer's place with the same sound, else the romanisation. */
function placeSpan(text: string, start: number, end: number, gaz: Gazetteer): Span {
  const latin = transliterateName(text.slice(start, end));
  const entry = gaz.byPhonetic.get(phoneticKey(latin));
  const usable = entry?.type === 'LOC' ? entry : undefined;
  return makeSpan(text, start, end, 'LOC', usable?.canonical ?? latin, 'rule', usable);
}

/** "… जिग्नेश ठक्कर है": a name may also end a clause before a form of "to be". */
const COPULAS = new Set(['है', 'हैं', 'था', 'थे', 'थी', 'थीं']);

const POSTPOSITIONS = new Set(['में', 'से', 'के', 'की', 'का', 'पर', 'तक']);

/**
 * Devanagari word sequences (1–3 words) whose romanisation matches a Latin-only PER/LOC
 * gazetteer name (e.g. a user entry "Sunita Verma" matches सुनीता वर्मा).
 */
export function transliterationSpans(
  text: string,
  tokens: Token[],
  gaz: Gazetteer,
  covered: (t: Token) => boolean,
): Span[] {
  const out: Span[] = [];
  if (gaz.latinOnlyPhonetic.size === 0) return out;
  // Both transliteration and the phonetic key work word by word, so a run's key is its words' keys
  // joined (each word's key computed once and remembered by wordNameKey).
  // Per token, once: can it be a name word, and may it follow the one before inside a name.
  const ok = tokens.map((t) => nameToken(t, covered));
  const joins = tokens.map((t, q) => q > 0 && ok[q - 1] && ok[q] && nameGap(text, tokens[q - 1], t));
  const keys: string[] = [];
  const keyOf = (q: number): string => {
    keys[q] ??= nameKey(tokens[q]);
    return keys[q];
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!ok[i]) continue;
    // Longest run first: the run of name words from i, at most 3, is tried at each length down to 1.
    let max = 1;
    while (max < 3 && i + max < tokens.length && joins[i + max]) max++;
    for (let n = max; n >= 1; n--) {
      let key = '';
      for (let q = i; q < i + n; q++) key += keyOf(q);
      const entry = gaz.latinOnlyPhonetic.get(key);
      if (!entry) continue;
      out.push(
        makeSpan(text, tokens[i].start, tokens[i + n - 1].end, entry.type, entry.canonical, 'rule', entry),
      );
      i += n - 1;
      break;
    }
  }
  return out;
}

// Mean emission margin a tagger span needs (the scale is that of the committed weights): set on the Hindi dev
// sets, where it keeps the precision of the rules while adding names the rules miss.
const MIN_MARGIN = 25;
// Organisations are the tagger's weakest class (cross-validated F1 0.71 against 0.93 for places), and the
// romanisation of an English name written in Devanagari is rarely how it is spelt in English.
const ORG_MARGIN = 60;
// A lone word has no internal evidence (एम्सटर्डम read as a person): it needs a surer tagger.
const SINGLE_MARGIN = 40;

/**
 * Names found by the trained tagger. They rank below every rule and gazetteer match (source `nlp`), so
 * they only fill gaps; canonical names come from the gazetteer when it knows the surface (or, for people
 * and places, its sound), else from the romanisation. Spans with Latin letters are left to the English
 * rules, which read capitals. `gazetteerMatches`: this text's gazetteer matches, if already found;
 * `found`: the spans the rules and gazetteer found in it.
 */
export function taggerSpans(
  text: string,
  gaz: Gazetteer,
  gazetteerMatches?: Span[],
  found: Span[] = [],
  tokens?: readonly Token[],
): Span[] {
  const out: Span[] = [];
  for (const e of tagEntities(text, gaz, undefined, gazetteerMatches, tokens)) {
    // A span overlapping what the rules found would lose to it; it is not resolved (which is the slow
    // part), except a person that may trim a rule-found one (trimRulePeople).
    const clash = found.some(
      (s) =>
        s.start < e.end &&
        e.start < s.end &&
        !(
          e.type === 'PER' &&
          s.source === 'rule' &&
          s.type === 'PER' &&
          s.end === e.end &&
          s.start < e.start
        ),
    );
    if (clash) continue;
    const surface = text.slice(e.start, e.end);
    const single = !/\s/.test(text.slice(e.start, e.end));
    if (
      e.margin < (single ? SINGLE_MARGIN : e.type === 'ORG' ? ORG_MARGIN : MIN_MARGIN) ||
      /[A-Za-z]/.test(surface) ||
      !/[\u0900-\u097f]/.test(surface)
    )
      continue;
    // "केंद्रीय एजेंसियों", "जांच एजेंसियों": a common word first is a description, not a name.
    const first = surface.split(/\s/)[0];
    if (HINDI_STOP.has(wordKey(first))) continue;
    const known = entryFor(surface, gaz);
    if (known) {
      out.push(makeSpan(text, e.start, e.end, known.type, known.canonical, 'nlp', known));
      continue;
    }
    const span =
      e.type === 'PER'
        ? perSpan(text, e.start, e.end, gaz)
        : e.type === 'LOC'
          ? placeSpan(text, e.start, e.end, gaz)
          : makeSpan(text, e.start, e.end, 'ORG', transliterateName(surface), 'rule');
    out.push({ ...span, source: 'nlp' });
  }
  return out;
}

/**
 * A rule-found person that starts with words the tagger leaves out ("सरपंच रामकिशोर बघेल" from the
 * "… ने बताया" rule, where the tagger reads only "रामकिशोर बघेल") starts where the tagger's does, when the
 * words left out are not spelled like names. Returns the spans with such rule spans trimmed.
 */
export function trimRulePeople(text: string, spans: Span[], gaz: Gazetteer): Span[] {
  const tagged = spans.filter((s) => s.source === 'nlp' && s.type === 'PER');
  if (tagged.length === 0) return spans;
  return spans.map((s) => {
    if (s.source !== 'rule' || s.type !== 'PER' || s.entry) return s;
    const t = tagged.find((x) => x.end === s.end && x.start > s.start);
    if (!t) return s;
    const dropped = text.slice(s.start, t.start).trim().split(/\s+/);
    if (dropped.some((w) => isNameWord(w))) return s;
    return perSpan(text, t.start, t.end, gaz);
  });
}
