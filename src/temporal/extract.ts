/**
 * The temporal stage: finds dates, clock times, relative dates and durations in Hindi and English text
 * and resolves them to ISO 8601 against the publication time. Pure: no I/O, no clock, no environment.
 */

import type { TemporalValue } from '../core/types.ts';
import { type CivilDate, isKnownZone, type ResolvedReference, resolveReference } from './calendar.ts';
import { chronoCandidates } from './chrono.ts';
import { indexSentences, sentenceOf, type Tense, tenseAround } from './context.ts';
import { grammarCandidates } from './grammar.ts';
import type { Candidate, Parsed, Rule } from './model.ts';
import { type ResolveContext, type Resolved, resolveDateLike, resolveTime } from './resolve.ts';
import { DATE_RULES } from './rules-date.ts';
import { DURATION_RULES, TIME_RULES } from './rules-time.ts';

/** Text to scan: the title and the body paragraphs with their ISO 639-3 language. */
export interface TemporalInput {
  title: string;
  paragraphs: { text: string; lang: string }[];
}

/** What relative expressions are resolved against. */
export interface TemporalReference {
  /** Publication time, ISO 8601, ideally with an offset (`2022-11-24T21:04:00+05:30`). */
  published?: string;
  /** IANA zone of the source; defaults to `Asia/Kolkata` (+05:30) for Indian sources. */
  timeZone?: string;
}

/** Zone assumed when the caller gives none (or an unknown one): the sources are Indian. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

const RULES: Rule[] = [...DATE_RULES, ...TIME_RULES, ...DURATION_RULES];
const LATIN = /[A-Za-z]/g;
const DEVANAGARI = /[\u0900-\u097F]/g;

/**
 * Extract temporal expressions from an article's title (`paragraph: null`) and body paragraphs.
 *
 * Without `published`, only self-contained values are returned: full dates, durations, and times
 * anchored to a full date in their sentence.
 */
export function extractTemporal(input: TemporalInput, ref: TemporalReference): TemporalValue[] {
  const timeZone = ref.timeZone && isKnownZone(ref.timeZone) ? ref.timeZone : DEFAULT_TIME_ZONE;
  const resolved = resolveReference(ref.published, timeZone);
  // `उसी दिन` in a paragraph can mean the day the previous paragraph ended on.
  const carry: TextState = {};
  const out = extractSegment(
    input.title ?? '',
    null,
    guessLang(input.title ?? ''),
    resolved,
    timeZone,
    carry,
  );
  input.paragraphs.forEach((p, i) => {
    out.push(...extractSegment(p.text, i, p.lang, resolved, timeZone, carry));
  });
  return out;
}

/** What one segment leaves for the next: the last exact day it resolved. */
export interface TextState {
  previous?: CivilDate;
}

// Any Devanagari letter: the grammar's words are Hindi, so English-only text skips tokenising.
const HAS_DEVANAGARI = /[\u0900-\u097F]/;

/**
 * Scan one segment (title or paragraph). Exported for tests and for callers working paragraph by
 * paragraph; pass the same `carry` to successive segments so `उसी दिन` can count from an earlier one.
 */
export function extractSegment(
  text: string,
  paragraph: number | null,
  lang: string,
  ref: ResolvedReference | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
  carry: TextState = {},
): TemporalValue[] {
  if (!text) return [];
  const sentences = indexSentences(text);
  const found = matchRules(text);
  if (HAS_DEVANAGARI.test(text)) found.push(...grammarCandidates(text));
  let selected = selectNonOverlapping(found);
  if (lang === 'eng') {
    const extra = chronoCandidates(text, sentences, selected);
    if (extra.length) selected = selectNonOverlapping([...selected, ...extra]);
  }
  selected.sort((a, b) => a.start - b.start);

  const tenseCache = new Map<string, Tense>();
  const ctx: ResolveContext = {
    text,
    sentences,
    ref,
    timeZone,
    tense(start, end) {
      const k = `${start}:${end}`;
      let t = tenseCache.get(k);
      if (!t) {
        t = tenseAround(text, sentences, start, end);
        tenseCache.set(k, t);
      }
      return t;
    },
  };

  // Pass 1: everything but clock times, in text order, so `दो दिन बाद` can count from an earlier date.
  type Day = { start: number; end: number; sentence: number; day: CivilDate };
  // Days by sentence, in text order: lookups stay local to a sentence (a paragraph of thousands of
  // dates used to copy and scan the whole list for every candidate).
  const days = new Map<number, Day[]>();
  const results = new Map<Candidate, TemporalValue>();
  const named = weekdaysNamedWithDate(text, selected);
  for (const c of selected) {
    if (c.parsed.type === 'time') continue;
    const sentence = sentenceOf(sentences, c.start);
    const anchors = { sentence: days.get(sentence)?.at(-1)?.day, previous: carry.previous };
    const partner = named.get(c);
    const r = partner
      ? withResolution(
          resolveDateLike(partner.parsed as DateParsed, partner.start, partner.end, ctx, anchors),
        )
      : resolveDateLike(c.parsed, c.start, c.end, ctx, anchors);
    if (!r) continue;
    const approximate = c.approximate || Boolean(r.approximate);
    if (r.day && !approximate) {
      carry.previous = r.day;
      const list = days.get(sentence) ?? [];
      list.push({ start: c.start, end: c.end, sentence, day: r.day });
      days.set(sentence, list);
    }
    results.set(c, value(text, paragraph, c, r.kind, r.value, approximate, r.resolution, c.source));
  }
  // Pass 2: clock times take the date written before them in the sentence, or one right after them.
  for (const c of selected) {
    if (c.parsed.type !== 'time') continue;
    const inSentence = days.get(sentenceOf(sentences, c.start)) ?? [];
    // Days in a sentence do not overlap, so they are sorted by end as well as by start.
    const k = firstIndex(inSentence, (d) => d.end > c.start);
    const before = k > 0 ? inSentence[k - 1] : undefined;
    // Only the first day after the time can qualify: any later one has that day's words in the gap.
    const next = inSentence[firstIndex(inSentence, (d) => d.start >= c.end)];
    const after =
      next && /^[\s,]*(?:on\s+|को\s+)?(?:the\s+)?$/iu.test(text.slice(c.end, next.start)) ? next : undefined;
    const anchor = before
      ? { day: before.day, where: 'before' as const }
      : after
        ? { day: after.day, where: 'after' as const }
        : undefined;
    const r = resolveTime(c.parsed, c.start, c.end, ctx, anchor);
    if (r) results.set(c, value(text, paragraph, c, r.kind, r.value, c.approximate, r.resolution, c.source));
  }
  return selected.flatMap((c) => results.get(c) ?? []);
}

type DateParsed = Exclude<Parsed, { type: 'time' }>;

// Only a comma or spaces (and English `on`) between a weekday and its date: `Thursday, Nov. 24`.
const WEEKDAY_DATE_GAP = /^\s*(?:,\s*)?(?:on\s+)?$/i;

/**
 * A weekday written right next to a calendar date names that date (`Saturday, March 5, 2016`,
 * `Nov 24, Thursday`): the date wins over the reference, so the weekday takes the date's day instead
 * of the nearest such weekday to publication.
 */
function weekdaysNamedWithDate(text: string, selected: Candidate[]): Map<Candidate, Candidate> {
  const out = new Map<Candidate, Candidate>();
  selected.forEach((c, i) => {
    if (c.parsed.type !== 'weekday' || c.parsed.mode !== 'default') return;
    const next = selected[i + 1];
    const prev = selected[i - 1];
    if (isDate(next) && WEEKDAY_DATE_GAP.test(text.slice(c.end, next!.start))) out.set(c, next!);
    else if (isDate(prev) && /^\s*,\s*$/.test(text.slice(prev!.end, c.start))) out.set(c, prev!);
  });
  return out;
}

/** A candidate that is a calendar date with its month. */
function isDate(c: Candidate | undefined): boolean {
  return c?.parsed.type === 'date' && c.parsed.m !== undefined;
}

function withResolution(r: Resolved | undefined): Resolved | undefined {
  return r && { ...r, resolution: 'weekday-named-with-date' };
}

function value(
  text: string,
  paragraph: number | null,
  c: Candidate,
  kind: TemporalValue['kind'],
  v: string,
  approximate: boolean,
  resolution: string,
  source?: string,
): TemporalValue {
  return {
    surface: text.slice(c.start, c.end),
    kind,
    value: v,
    approximate,
    resolution: source ? `${resolution} (${source})` : resolution,
    paragraph,
    start: c.start,
    end: c.end,
  };
}

function matchRules(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of RULES) {
    if (!rule.gate.every((g) => g.test(text))) continue;
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const built = rule.build(m as RegExpExecArray, text);
      if (!built) continue;
      const start = m.index ?? 0;
      out.push({
        start,
        end: start + m[0].length,
        parsed: built.parsed,
        approximate: built.approximate ?? false,
        priority: rule.priority,
      });
    }
  }
  return out;
}

/** Keep the longest match wherever spans overlap (ties: higher priority, then earlier start). */
export function selectNonOverlapping(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  );
  const kept: Candidate[] = [];
  // The kept spans never overlap, so ordered by start they are ordered by end too: a candidate only
  // needs checking against its neighbours there (binary search, not a scan of everything kept).
  const byStart: Candidate[] = [];
  for (const c of sorted) {
    const i = firstIndex(byStart, (k) => k.end > c.start);
    if (i < byStart.length && byStart[i]!.start < c.end) continue;
    byStart.splice(i, 0, c);
    kept.push(c);
  }
  return kept;
}

/** First index in `xs` where the (monotone: false…false true…true) predicate holds, else xs.length. */
function firstIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(xs[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Titles carry no language tag: call one English when it has more Latin than Devanagari letters. */
function guessLang(text: string): string {
  const latin = text.match(LATIN)?.length ?? 0;
  const deva = text.match(DEVANAGARI)?.length ?? 0;
  return latin > deva ? 'eng' : 'hin';
}
