/**
 * The temporal stage: finds dates, clock times, relative dates and durations in Hindi and English text
 * and resolves them to ISO 8601 against the publication time. Pure: no I/O, no clock, no environment.
 */

import type { TemporalValue } from '../core/types.ts';
import { type CivilDate, isKnownZone, type ResolvedReference, resolveReference } from './calendar.ts';
import { chronoCandidates } from './chrono.ts';
import { indexSentences, sentenceOf, type Tense, tenseAround } from './context.ts';
import type { Candidate, Rule } from './model.ts';
import { type ResolveContext, resolveDateLike, resolveTime } from './resolve.ts';
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
  const out = extractSegment(input.title ?? '', null, guessLang(input.title ?? ''), resolved, timeZone);
  input.paragraphs.forEach((p, i) => {
    out.push(...extractSegment(p.text, i, p.lang, resolved, timeZone));
  });
  return out;
}

/** Scan one segment (title or paragraph). Exported for tests and for callers working paragraph by paragraph. */
export function extractSegment(
  text: string,
  paragraph: number | null,
  lang: string,
  ref: ResolvedReference | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): TemporalValue[] {
  if (!text) return [];
  const sentences = indexSentences(text);
  let selected = selectNonOverlapping(matchRules(text));
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
  const days: { start: number; end: number; sentence: number; day: CivilDate }[] = [];
  const results = new Map<Candidate, TemporalValue>();
  for (const c of selected) {
    if (c.parsed.type === 'time') continue;
    const sentence = sentenceOf(sentences, c.start);
    const anchor = [...days].reverse().find((d) => d.sentence === sentence)?.day;
    const r = resolveDateLike(c.parsed, c.start, c.end, ctx, anchor);
    if (!r) continue;
    const approximate = c.approximate || Boolean(r.approximate);
    if (r.day && !approximate) days.push({ start: c.start, end: c.end, sentence, day: r.day });
    results.set(c, value(text, paragraph, c, r.kind, r.value, approximate, r.resolution, c.source));
  }
  // Pass 2: clock times take the date written before them in the sentence, or one right after them.
  for (const c of selected) {
    if (c.parsed.type !== 'time') continue;
    const sentence = sentenceOf(sentences, c.start);
    const before = [...days].reverse().find((d) => d.sentence === sentence && d.end <= c.start);
    const after = days.find(
      (d) =>
        d.sentence === sentence &&
        d.start >= c.end &&
        /^[\s,]*(?:on\s+|को\s+)?(?:the\s+)?$/iu.test(text.slice(c.end, d.start)),
    );
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
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept;
}

/** Titles carry no language tag: call one English when it has more Latin than Devanagari letters. */
function guessLang(text: string): string {
  const latin = text.match(LATIN)?.length ?? 0;
  const deva = text.match(DEVANAGARI)?.length ?? 0;
  return latin > deva ? 'eng' : 'hin';
}
