/**
 * A small compositional grammar for Hindi dates. Instead of one regex per phrase, tokens (tokens.ts)
 * are composed by a handful of rules: a number is digits, a number word, or words joined by `सौ`/`हजार`
 * (`उन्नीस सौ बानवे` = 1992); a quantity is a number or `कुछ` plus a unit; an offset is quantities joined
 * by `और` plus `पहले`/`बाद`, optionally counted `अब से` or from the date just mentioned (`उससे`); a
 * month is `अगले महीने` or a month name; an ordinal weekday hangs off a month with `के`; a weekday next to
 * a full date defers to the date.
 *
 * Cost: one pass over the tokens; at each token every rule looks at most ~12 tokens ahead, so the
 * grammar is linear in the text and never rescans it.
 */

import {
  at,
  calendarDate,
  type Hit,
  isDay,
  isWord,
  isYear,
  quantity,
  rd,
  readNumber,
} from './grammar-parts.ts';
import { deictic, relativeWord } from './grammar-words.ts';
import type { Unit } from './lexicon.ts';
import type { Candidate } from './model.ts';
import { reading, type Tok, type TokKind, tokenize } from './tokens.ts';

/** Tie-break against the regex rules: a grammar reading of the same span is the more specific one. */
const PRIORITY = 5;
const MAX_PARTS = 4;

const GENITIVE = ['के', 'की', 'का'];
const DAY_WORDS = ['दिन', 'रोज', 'रोज\u093C'.normalize('NFD')];

/** A month name at `i` and the year that may follow it (`मार्च`, `मार्च 2023`); undefined when no month. */
function monthYear(t: Tok[], i: number): { m: number; y: number | undefined; next: number } | undefined {
  const mo = reading(t[i], 'month');
  if (!mo) return undefined;
  const yr = readNumber(t, i + 1, false);
  return isYear(yr) ? { m: mo.v, y: yr.v, next: yr.next } : { m: mo.v, y: undefined, next: i + 1 };
}

/** `[अगले] महीने के दूसरे शनिवार`, `मार्च 2023 का आखिरी सोमवार`. */
function nthWeekday(t: Tok[], i: number): Hit | undefined {
  let j: number;
  let shift = 0;
  let m: number | undefined;
  let y: number | undefined;
  const rel = reading(t[i], 'rel');
  if (rel) {
    if (rd(t, i + 1, 'unit')?.unit !== 'month') return undefined;
    shift = rel.v;
    j = i + 2;
  } else if (reading(t[i], 'unit')?.unit === 'month') {
    if (t[i]!.gap === 'space' && reading(t[i - 1], 'every')) return undefined; // हर महीने: recurring
    j = i + 1;
  } else {
    const mo = monthYear(t, i);
    if (!mo) return undefined;
    ({ m, y, next: j } = mo);
  }
  if (isWord(t, j, GENITIVE)) j++;
  const o = rd(t, j, 'ord');
  const wd = rd(t, j + 1, 'weekday');
  if (!o || !wd) return undefined;
  return { next: j + 2, parsed: { type: 'nth-weekday', n: o.v, wd: wd.v, shift, m, y } };
}

/** `अगले महीने की 5 तारीख`, `अप्रैल की बारह तारीख`, `बारह तारीख`. */
function dayOfMonth(t: Tok[], i: number): Hit | undefined {
  let j = i;
  let shift: number | undefined;
  let m: number | undefined;
  let y: number | undefined;
  const rel = reading(t[i], 'rel');
  const mo = monthYear(t, i);
  if (rel && rd(t, i + 1, 'unit')?.unit === 'month') {
    shift = rel.v;
    j = i + 2;
  } else if (
    reading(t[i], 'unit')?.unit === 'month' &&
    !reading(t[i - 1], 'every') &&
    !reading(t[i - 1], 'num')
  ) {
    shift = 0; // `महीने की 15 तारीख`: this month (not `हर महीने`, not `दो महीने`)
    j = i + 1;
  } else if (mo) {
    ({ m, y, next: j } = mo);
  }
  const first = j === i;
  if (!first && isWord(t, j, GENITIVE)) j++;
  const d = readNumber(t, j, first);
  if (!isDay(d) || !rd(t, d.next, 'tarikh')) return undefined;
  const next = d.next + 1;
  if (shift !== undefined) return { next, parsed: { type: 'rel-date', unit: 'month', shift, d: d.v } };
  return { next, parsed: { type: 'date', y, m, d: d.v } };
}

/** A calendar date, with a weekday before or after it that the date overrides (`शनिवार, 5 मार्च 2016`). */
function dateWithWeekday(t: Tok[], i: number): Hit | undefined {
  let j = i;
  const before = reading(t[i], 'weekday');
  if (before) {
    // Only a comma or a space joins them: `बुधवार को 24 नवंबर` names the day twice and keeps both spans.
    j = i + 1;
    if (t[j]?.gap === 'comma') {
      const c = calendarDate(t, j, true);
      if (c?.d !== undefined) return { next: c.next, parsed: { type: 'date', y: c.y, m: c.m, d: c.d } };
      return undefined;
    }
  }
  const c = calendarDate(t, j, j === i);
  if (!c) return undefined;
  if (c.d === undefined) {
    return before ? undefined : { next: c.next, parsed: { type: 'month', y: c.y, m: c.m } };
  }
  let next = c.next;
  if (!before && (t[next]?.gap === 'comma' || t[next]?.gap === 'space') && reading(t[next], 'weekday'))
    next++;
  return { next, parsed: { type: 'date', y: c.y, m: c.m, d: c.d } };
}

/** `पिछले साल 5 मार्च`, `अगले साल जनवरी`, `सन दो हजार पंद्रह`. */
function yearPhrase(t: Tok[], i: number): Hit | undefined {
  if (reading(t[i], 'era')) {
    // After `सन` (not `साल`, which is also a noun) a year may be old (`सन 1857`): 1000–2100.
    const y = readNumber(t, i + 1, false);
    const san = t[i]!.word.startsWith('सन');
    const old = san && y && Number.isInteger(y.v) && y.v >= 1000 && (y.digitCount === 4 || y.compound);
    return isYear(y) || old ? { next: y!.next, parsed: { type: 'year', y: y!.v } } : undefined;
  }
  const rel = reading(t[i], 'rel');
  if (!rel || rd(t, i + 1, 'unit')?.unit !== 'year') return undefined;
  let j = i + 2;
  if (isWord(t, j, ['के', 'की', 'में'])) j++;
  const c = calendarDate(t, j, false);
  if (c && c.y === undefined) {
    return { next: c.next, parsed: { type: 'rel-date', unit: 'year', shift: rel.v, m: c.m, d: c.d } };
  }
  const mo = rd(t, j, 'month');
  return mo ? { next: j + 1, parsed: { type: 'rel-date', unit: 'year', shift: rel.v, m: mo.v } } : undefined;
}

/** `पिछले हफ्ते मंगलवार`, `अगले सप्ताह के सोमवार`, `बुधवार पिछले सप्ताह`. */
function weekWeekday(t: Tok[], i: number): Hit | undefined {
  const rel = reading(t[i], 'rel');
  if (rel && rd(t, i + 1, 'unit')?.unit === 'week') {
    let j = i + 2;
    if (isWord(t, j, GENITIVE)) j++;
    const wd = rd(t, j, 'weekday');
    return wd && { next: j + 1, parsed: { type: 'week-weekday', shift: rel.v, wd: wd.v } };
  }
  const wd = reading(t[i], 'weekday');
  if (!wd) return undefined;
  let j = i + 1;
  if (isWord(t, j, ['को'])) j++;
  const r = rd(t, j, 'rel');
  if (!r || rd(t, j + 1, 'unit')?.unit !== 'week') return undefined;
  return { next: j + 2, parsed: { type: 'week-weekday', shift: r.v, wd: wd.v } };
}

/** `अगले दिन`, `उसके अगले रोज`, `दूसरे दिन`, `उसी दिन`: a day counted from the date just mentioned. */
function sameOrNextDay(t: Tok[], i: number): Hit | undefined {
  const that = reading(t[i], 'that') !== undefined;
  const j = that ? i + 1 : i;
  const first = j === i;
  const x = at(t, j, first);
  if (!x) return undefined;
  let days: number | undefined;
  const rel = reading(x, 'rel');
  if (rel && (rel.v === 1 || (that && rel.v === -1))) days = rel.v;
  else if ((reading(x, 'ord')?.v ?? 0) >= 2)
    days = reading(x, 'ord')!.v - 1; // दूसरे दिन: the day after
  else if (!that && reading(x, 'same')) days = 0;
  if (days === undefined || !isWord(t, j + 1, DAY_WORDS)) return undefined;
  const parts = days ? [{ n: Math.abs(days), unit: 'day' as const }] : [];
  return { next: j + 2, parsed: { type: 'offsets', parts, dir: days < 0 ? -1 : 1, from: 'previous' } };
}

/** `3 साल 2 महीने पहले`, `1 वर्ष और 10 दिन बाद`, `अब से तीन दिन में`, `उससे एक दिन पहले`, `कुछ साल पहले`. */
function offsets(t: Tok[], i: number): Hit | undefined {
  let j = i;
  let approximate = false;
  let from: 'reference' | 'previous' | 'sentence' = 'sentence';
  if (reading(t[j], 'approx')) {
    approximate = true;
    j++;
  }
  const now = rd(t, j, 'now', j === i);
  if (now && isWord(t, j + 1, ['से'])) {
    from = 'reference';
    j += 2;
  } else if (rd(t, j, 'that', j === i)) {
    from = 'previous';
    j++;
  } else if (j === i && t[i]!.gap === 'space' && ['के', 'से'].includes(t[i - 1]?.word ?? '')) {
    from = 'previous'; // `घटना के दो दिन बाद`: counted from the event, the date the story last named
  }
  if (rd(t, j, 'exact', j === i)) j++; // `आज से ठीक एक साल पहले`
  const parts: { n: number; unit: Unit }[] = [];
  let vague = false;
  let q = quantity(t, j, j === i);
  while (q && parts.length < MAX_PARTS) {
    parts.push({ n: q.n, unit: q.unit });
    vague ||= q.vague;
    j = q.next;
    const joiner = rd(t, j, 'and') !== undefined;
    q = quantity(t, joiner ? j + 1 : j, false, !joiner);
    if (q && joiner) j++;
  }
  if (!parts.length) return undefined;
  let k = j;
  if (isWord(t, k, ['के', 'से'])) k++;
  const dir = rd(t, k, 'dir');
  let next: number;
  let sign: -1 | 1;
  if (dir) {
    sign = dir.v < 0 ? -1 : 1;
    next = k + 1;
    if (sign > 0 && isWord(t, next, ['में'])) next++;
  } else if (from === 'reference' && isWord(t, j, ['में'])) {
    sign = 1;
    next = j + 1;
  } else return undefined;
  return { next, parsed: { type: 'offsets', parts, dir: sign, from, vague }, approximate };
}

/** Readings a phrase can start with (see the rules above). */
const STARTS = new Set<TokKind>([
  'rel',
  'unit',
  'month',
  'num',
  'frac',
  'hundred',
  'weekday',
  'era',
  'that',
  'same',
  'ord',
  'approx',
  'now',
  'vague',
  'range',
  'exact',
  'deictic',
  'coming',
]);

const RULES = [
  deictic,
  relativeWord,
  nthWeekday,
  dayOfMonth,
  dateWithWeekday,
  yearPhrase,
  weekWeekday,
  sameOrNextDay,
  offsets,
];

/** Grammar matches in a text, as candidates for the same overlap resolution as the regex rules. */
export function grammarCandidates(text: string): Candidate[] {
  const t = tokenize(text);
  const out: Candidate[] = [];
  for (let i = 0; i < t.length; i++) {
    // Most tokens with a reading are postpositions (`के`, `में`), which start no rule.
    if (!t[i]!.readings.some((r) => STARTS.has(r.kind))) continue;
    for (const rule of RULES) {
      const hit = rule(t, i);
      if (!hit) continue;
      out.push({
        start: t[i]!.start,
        end: t[hit.next - 1]!.end,
        parsed: hit.parsed,
        approximate: hit.approximate ?? false,
        priority: PRIORITY,
      });
    }
  }
  return out;
}
