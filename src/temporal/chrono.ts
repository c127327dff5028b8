/**
 * English fallback through chrono-node.
 *
 * Why chrono only as a fallback: its resolution policy (forward dates, system zone, `Wednesday` = the
 * nearest one in either direction) differs from ours, it knows no Hindi, and it costs ~1–2 ms per
 * paragraph, over our per-paragraph budget. Our own rules cover the common news formats; chrono is
 * asked only about sentences that hold a date hint (a month name, an ordinal, a slashed date) that no
 * local rule explained, e.g. `the 5th of March`, `Nov 24th '22`. We keep only its components (year,
 * month, day, hour, minute) and resolve them with the same policy as everything else.
 */

import { Chrono, en, type ParsedResult } from 'chrono-node';
import type { SentenceIndex } from './context.ts';
import type { Candidate, Parsed } from './model.ts';

// Strict mode skips casual words (`today`, `now`) that our rules already handle; little-endian reads
// `5/3` day-first as Indian English does.
const CHRONO = new Chrono(en.configuration.createConfiguration(true, true));

const HINT =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}\/\d{1,2}\b/g;
const LEADING_FILLER = /^(?:(?:on|at|by|from|the|of)\s+)+/i;

/**
 * Chrono candidates for sentences with a date hint not covered by `covered` spans. Results that overlap
 * a covered span are dropped by the caller's overlap resolution (local rules win ties by priority).
 */
export function chronoCandidates(text: string, sentences: SentenceIndex, covered: Candidate[]): Candidate[] {
  const todo = new Set<number>();
  for (const m of text.matchAll(HINT)) {
    const at = m.index ?? 0;
    if (covered.some((c) => c.start <= at && at < c.end)) continue;
    const s = sentences.ranges.findIndex(([a, b]) => a <= at && at < b);
    if (s >= 0) todo.add(s);
  }
  const out: Candidate[] = [];
  for (const s of todo) {
    const [a, b] = sentences.ranges[s];
    // A fixed reference: chrono needs one, and we ignore everything it would infer from it.
    for (const r of CHRONO.parse(text.slice(a, b), {
      instant: new Date(Date.UTC(2000, 0, 1)),
      timezone: 0,
    })) {
      const c = toCandidate(r, a);
      if (c) out.push(c);
    }
  }
  return out;
}

function toCandidate(r: ParsedResult, base: number): Candidate | undefined {
  const lead = LEADING_FILLER.exec(r.text)?.[0].length ?? 0;
  const start = base + r.index + lead;
  const end = base + r.index + r.text.length;
  const s = r.start;
  let parsed: Parsed | undefined;
  if (s.isCertain('month') && s.isCertain('day')) {
    parsed = {
      type: 'date',
      y: s.isCertain('year') ? (s.get('year') ?? undefined) : undefined,
      m: s.get('month')!,
      d: s.get('day')!,
    };
  } else if (s.isCertain('month') && s.isCertain('year')) {
    parsed = { type: 'month', y: s.get('year')!, m: s.get('month')! };
  } else if (s.isCertain('hour')) {
    const tz = s.isCertain('timezoneOffset') ? (s.get('timezoneOffset') ?? undefined) : undefined;
    parsed = { type: 'time', minuteOfDay: s.get('hour')! * 60 + (s.get('minute') ?? 0), offset: tz };
  }
  if (!parsed || end <= start) return undefined;
  return { start, end, parsed, approximate: false, priority: 1, source: 'chrono' };
}
