/**
 * The entity stage: gazetteer + rules (+ compromise's word lists for English) per text, alias learning from
 * brackets, a second pass with the learned aliases, and merging into one Entity per canonical.
 * Pure: no I/O, no environment; the gazetteer is compiled once and cached.
 */
import type { Entity } from '../core/types.ts';
import { learnAliases } from './aliases.ts';
import { campusOrgSpans, composedOrgSpans } from './compose.ts';
import {
  capitalisedRunSpans,
  englishNameSpans,
  englishPlaceSpans,
  englishTitleSpans,
  latinAcronymSpans,
} from './english.ts';
import { lexiconSpans } from './english-lexicon.ts';
import { buildGazetteer, entryFor, type Gazetteer, type GazetteerEntry, loadGazetteer } from './gazetteer.ts';
import {
  devanagariAcronymSpans,
  hindiPersonSpans,
  hindiPlaceSpans,
  taggerSpans,
  transliterationSpans,
  trimRulePeople,
} from './hindi.ts';
import { makeSpan, matchGazetteer, resolveOverlaps, type Span } from './match.ts';
import { type LocatedSpan, mergeEntities } from './merge.ts';
import { hasLatin, isDevanagari, latinShare, type Token, tokenize } from './text.ts';

/** Input of the entity stage: the title and the cleaned body paragraphs with their languages. */
export interface EntityInput {
  title: string;
  /** `lang` is ISO 639-3 (`hin`, `eng`, …). */
  paragraphs: { text: string; lang: string }[];
}

/** Options of {@link extractEntities}. */
export interface EntityOptions {
  /** Compiled gazetteer; defaults to the built-in one ({@link loadGazetteer}). */
  gazetteer?: Gazetteer;
  /** Run the trained Hindi tagger on Devanagari text (default true); false leaves the rules alone. */
  tagger?: boolean;
}

interface Unit {
  paragraph: number | null;
  text: string;
  tokens: Token[];
  english: boolean;
  /**
   * The Latin-script rules (capitalised runs, titles) apply: English text, and Hindi text with English
   * names in it. Off for other languages (German, Spanish …): their capitalised nouns are not names
   * and their head words are not English; they get the gazetteer and acronyms only.
   */
  latinRules: boolean;
  spans: Span[];
}

/**
 * First candidates of one text: the gazetteer and the rules, against which the gaps left for the word lists
 * are judged. Kept in `u.spans`; the gazetteer's own matches are returned for the tagger.
 */
function ruleCandidates(u: Unit, gaz: Gazetteer): Span[] {
  const { text, tokens } = u;
  const spans = matchGazetteer(text, tokens, gaz, 'gazetteer');
  const gazetteerMatches = [...spans];
  spans.push(...composedOrgSpans(text, tokens, spans, gaz));
  if (hasLatin(text)) {
    spans.push(...latinAcronymSpans(text, tokens, gaz));
    if (u.latinRules) {
      spans.push(...capitalisedRunSpans(text, tokens, gaz));
      spans.push(...englishTitleSpans(text, tokens, gaz));
    }
  }
  u.spans = spans;
  return gazetteerMatches;
}

/** All candidate spans of one text before overlap resolution. */
function candidates(u: Unit, gaz: Gazetteer, tagger: boolean, gazetteerMatches: Span[]): Span[] {
  const { text, tokens, spans } = u;
  if (hasLatin(text) && u.english) {
    spans.push(...lexiconSpans(text, tokens, spans, gaz));
    spans.push(...englishNameSpans(text, tokens, spans, gaz));
    spans.push(...englishPlaceSpans(text, tokens, spans));
  }
  if (isDevanagari(text)) {
    // Names are never read inside a gazetteer organisation/place/identifier.
    const claimed = new Set<number>();
    for (const s of spans)
      if (s.source === 'gazetteer' && s.type !== 'PER')
        for (const t of tokens) if (t.start >= s.start && t.end <= s.end) claimed.add(t.start);
    const covered = (t: Token): boolean => claimed.has(t.start);
    spans.push(...devanagariAcronymSpans(text, tokens, gaz));
    spans.push(...hindiPersonSpans(text, tokens, gaz, covered));
    spans.push(...hindiPlaceSpans(text, tokens, gaz, covered));
    spans.push(...transliterationSpans(text, tokens, gaz, covered));
    // The trained tagger reads context no list holds; its spans rank last, so they only fill gaps.
    if (tagger && !u.english) spans.push(...taggerSpans(text, gaz, gazetteerMatches, spans, tokens));
  }
  const out = isDevanagari(text) && !u.english ? trimRulePeople(text, spans, gaz) : spans;
  out.push(...campusOrgSpans(text, out, gaz));
  return out;
}

/** Compile the aliases learned in this article into a small gazetteer for the second pass. */
function learnedGazetteer(units: Unit[], links: Array<[string, string]>): Gazetteer | undefined {
  const linked = new Set(links.flat().map((c) => c.toLowerCase()));
  for (const u of units)
    for (const s of u.spans) if (s.source === 'learned') linked.add(s.canonical.toLowerCase());
  if (linked.size === 0) return undefined;
  const entries = new Map<string, GazetteerEntry>();
  for (const u of units) {
    for (const s of u.spans) {
      if (!linked.has(s.canonical.toLowerCase())) continue;
      const k = s.canonical.toLowerCase();
      const e = entries.get(k) ?? { canonical: s.canonical, type: s.type, aliases: [] };
      if (s.entry?.partOf) e.partOf = s.entry.partOf;
      if (!e.aliases.includes(s.surface)) e.aliases.push(s.surface);
      entries.set(k, e);
    }
  }
  return entries.size ? buildGazetteer([...entries.values()], { perArticle: true }) : undefined;
}

/**
 * Extract named entities (ORG, LOC, PER, ID) from a title and body paragraphs in Hindi and/or
 * English. Mentions carry UTF-16 offsets into their text (`paragraph: null` for the title);
 * mentions of one canonical are merged, with aliases from the gazetteer and from the article.
 */
export function extractEntities(input: EntityInput, options: EntityOptions = {}): Entity[] {
  const gaz = options.gazetteer ?? loadGazetteer();
  const units: Unit[] = [];
  const add = (paragraph: number | null, text: string, english: boolean, latinRules: boolean): void => {
    if (text) units.push({ paragraph, text, tokens: tokenize(text), english, latinRules, spans: [] });
  };
  // The title has no language of its own here: a Latin title is English unless the body is written
  // in another Latin-script language (a German page's title is German).
  const other = otherLanguageBody(input.paragraphs);
  const title = input.title ?? '';
  const englishTitle = !other && latinShare(title) > 0.6;
  add(null, title, englishTitle, !other);
  input.paragraphs.forEach((p, i) => {
    const english = p.lang === 'eng' || (NO_LANGUAGE.has(p.lang) && latinShare(p.text) > 0.6);
    add(i, p.text, english, english || INDIAN.has(p.lang) || NO_LANGUAGE.has(p.lang));
  });

  const gazetteerMatches = units.map((u) => ruleCandidates(u, gaz));
  const links: Array<[string, string]> = [];
  for (const [k, u] of units.entries()) {
    u.spans = resolveOverlaps(candidates(u, gaz, options.tagger ?? true, gazetteerMatches[k]!));
    const learned = learnAliases(u.text, u.tokens, u.spans, gaz);
    if (learned.spans.length) u.spans = resolveOverlaps([...u.spans, ...learned.spans]);
    links.push(...learned.links);
  }

  // Second pass: a name learned in one paragraph is found wherever else it occurs.
  const local = learnedGazetteer(units, links);
  if (local) {
    for (const u of units) {
      const more = matchGazetteer(u.text, u.tokens, local, 'learned').map((s) => withRealEntry(s, gaz));
      if (more.length) u.spans = resolveOverlaps([...u.spans, ...more]);
    }
  }

  const located: LocatedSpan[] = [];
  for (const u of units) for (const span of u.spans) located.push({ paragraph: u.paragraph, span });
  return mergeEntities(located, links);
}

/** Devanagari languages: Latin words in their paragraphs are English names, as in Hindi ones. */
const INDIAN = new Set(['hin', 'mar', 'nep']);

/** Language codes that say nothing about the text: its script decides, as before languages were given. */
const NO_LANGUAGE = new Set(['und', '']);

/**
 * Whether most of the body (by characters) is in a language other than English and Hindi, which are
 * the languages the name rules know.
 */
function otherLanguageBody(paragraphs: EntityInput['paragraphs']): boolean {
  let other = 0;
  let known = 0;
  for (const p of paragraphs) {
    if (p.lang === 'eng' || p.lang === 'hin') known += p.text.length;
    else if (!NO_LANGUAGE.has(p.lang)) other += p.text.length;
  }
  return other > known;
}

/** A second-pass span points at the real gazetteer entry (if any), not the article-local one. */
function withRealEntry(s: Span, gaz: Gazetteer): Span {
  const real = entryFor(s.canonical, gaz);
  const out = makeSpan(s.surface, 0, s.surface.length, real?.type ?? s.type, s.canonical, 'learned', real);
  return { ...out, start: s.start, end: s.end };
}
