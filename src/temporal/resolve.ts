/**
 * Turns parsed matches into ISO 8601 values using the publication reference and the sentence.
 *
 * Policy (news is mostly about the recent past): a date with a missing year/month, a bare weekday and
 * an ambiguous `कल`/`परसों` resolve to the closest day on or before the reference, unless the clause
 * around them is in the future tense. A clock time takes the nearest date written before it in the same
 * sentence, else the nearest one after it in that sentence, else the reference date.
 */

import {
  addDays,
  addMonths,
  type CivilDate,
  compareDates,
  formatDate,
  formatLocalDateTime,
  formatMonth,
  isValidDate,
  type ResolvedReference,
  weekday,
  zoneOffsetForLocal,
} from './calendar.ts';
import type { SentenceIndex, Tense } from './context.ts';
import type { Unit } from './lexicon.ts';
import type { Parsed } from './model.ts';
import { type Anchors, resolveComposed } from './resolve-grammar.ts';

/** A resolved value before its location is attached. */
export interface Resolved {
  kind: 'date' | 'time' | 'datetime' | 'duration';
  value: string;
  resolution: string;
  approximate?: boolean;
  /** Set when the value is a single calendar day, so later times in the sentence can anchor to it. */
  day?: CivilDate;
}

/** What resolution needs to know about the segment and the story. */
export interface ResolveContext {
  text: string;
  sentences: SentenceIndex;
  ref?: ResolvedReference;
  timeZone: string;
  /** Tense around [start, end) (computed lazily; most expressions never need it). */
  tense(start: number, end: number): Tense;
}

/**
 * Resolve everything except clock times; `anchors` are the nearest earlier day in the sentence and the
 * last day resolved earlier in the text.
 */
export function resolveDateLike(
  p: Exclude<Parsed, { type: 'time' }>,
  start: number,
  end: number,
  ctx: ResolveContext,
  anchors: Anchors = {},
): Resolved | undefined {
  switch (p.type) {
    case 'year':
    case 'nth-weekday':
    case 'rel-date':
    case 'week-weekday':
    case 'offsets':
      return resolveComposed(p, start, end, ctx, anchors);
  }
  if (p.type === 'duration') {
    return {
      kind: 'duration',
      value: formatDuration(p.n, p.unit),
      resolution: p.trailing ? 'duration-ending-at-reference' : 'duration',
    };
  }
  if (p.type === 'date' && p.y !== undefined && p.m !== undefined) {
    if (!isValidDate(p.y, p.m, p.d)) return undefined;
    return day({ y: p.y, m: p.m, d: p.d }, 'absolute');
  }
  if (p.type === 'month' && p.y !== undefined)
    return { kind: 'date', value: formatMonth(p.y, p.m), resolution: 'absolute' };
  const ref = ctx.ref;
  if (!ref) return undefined; // everything below needs the publication date
  const r = ref.date;
  switch (p.type) {
    case 'date': {
      const future = ctx.tense(start, end) === 'future';
      if (p.m !== undefined) {
        let y = r.y;
        const cmp = compareDates({ y, m: p.m, d: p.d }, r);
        if (!future && cmp > 0) y--;
        if (future && cmp < 0) y++;
        if (!isValidDate(y, p.m, p.d)) return undefined;
        return day({ y, m: p.m, d: p.d }, future ? 'year-from-reference-future' : 'year-from-reference');
      }
      let month = { y: r.y, m: r.m, d: 1 };
      if (!future && p.d > r.d) month = addMonths(month, -1);
      if (future && p.d < r.d) month = addMonths(month, 1);
      if (!isValidDate(month.y, month.m, p.d)) return undefined;
      return day({ ...month, d: p.d }, future ? 'month-from-reference-future' : 'month-from-reference');
    }
    case 'month': {
      const future = ctx.tense(start, end) === 'future';
      let y = r.y;
      if (!future && p.m > r.m) y--;
      if (future && p.m < r.m) y++;
      return { kind: 'date', value: formatMonth(y, p.m), resolution: 'year-from-reference' };
    }
    case 'weekday': {
      const today = weekday(r);
      const back = (today - p.wd + 7) % 7;
      const forward = (p.wd - today + 7) % 7;
      if (p.mode === 'last') return day(addDays(r, -(back || 7)), 'weekday-last-before-reference');
      if (p.mode === 'next') return day(addDays(r, forward || 7), 'weekday-next-after-reference');
      if (ctx.tense(start, end) === 'future') return day(addDays(r, forward), 'weekday-after-reference');
      return day(addDays(r, -back), 'weekday-before-reference');
    }
    case 'deictic': {
      if (p.ambiguous && ctx.tense(start, end) === 'future')
        return day(addDays(r, -p.days), 'relative-future-tense');
      return day(addDays(r, p.days), 'relative');
    }
    case 'period': {
      if (p.unit === 'week') return { ...day(addDays(r, 7 * p.shift), 'relative-week'), approximate: true };
      if (p.unit === 'month') {
        const m = addMonths({ ...r, d: 1 }, p.shift);
        return { kind: 'date', value: formatMonth(m.y, m.m), resolution: 'relative-month' };
      }
      return { kind: 'date', value: String(r.y + p.shift).padStart(4, '0'), resolution: 'relative-year' };
    }
    case 'offset':
      // One unit is the simplest composed offset; see resolve-grammar.ts.
      return resolveComposed(
        { type: 'offsets', parts: [{ n: p.n, unit: p.unit }], dir: p.dir, from: 'sentence' },
        start,
        end,
        ctx,
        anchors,
      );
  }
  return undefined;
}

function day(d: CivilDate, resolution: string): Resolved {
  return { kind: 'date', value: formatDate(d), resolution, day: d };
}

/**
 * Resolve a clock time against an anchor day. When only the reference date is available and the time
 * would fall after publication in a non-future sentence, the previous day is meant (`रात 11 बजे` in a
 * story filed at 9 PM).
 */
export function resolveTime(
  p: Extract<Parsed, { type: 'time' }>,
  start: number,
  end: number,
  ctx: ResolveContext,
  anchor: { day: CivilDate; where: 'before' | 'after' } | undefined,
): Resolved | undefined {
  if (anchor) {
    const value = formatLocalDateTime(anchor.day, p.minuteOfDay, ctx.timeZone, p.offset);
    return {
      kind: 'time',
      value,
      resolution: `anchored-to-date-in-sentence${anchor.where === 'after' ? '-after' : ''}`,
    };
  }
  const ref = ctx.ref;
  if (!ref) return undefined;
  let d = ref.date;
  let resolution = 'anchored-to-reference-date';
  const instant = localInstant(d, p.minuteOfDay, ctx.timeZone, p.offset);
  if (instant > ref.instant && ctx.tense(start, end) !== 'future') {
    d = addDays(d, -1);
    resolution = 'anchored-to-reference-date-previous-day';
  }
  return { kind: 'time', value: formatLocalDateTime(d, p.minuteOfDay, ctx.timeZone, p.offset), resolution };
}

function localInstant(d: CivilDate, minuteOfDay: number, timeZone: string, offset?: number): number {
  const off =
    offset ?? zoneOffsetForLocal(addDays(d, Math.floor(minuteOfDay / 1440)), minuteOfDay % 1440, timeZone);
  return Date.UTC(d.y, d.m - 1, d.d, 0, minuteOfDay) - off * 60_000;
}

/**
 * ISO 8601 duration. Fractions are spelt out in the next smaller unit (`ढाई घंटे` → `PT2H30M`,
 * `डेढ़ हफ्ते` → `P10DT12H`) because many consumers cannot parse decimal components.
 */
export function formatDuration(n: number, unit: Unit): string {
  const whole = Math.floor(n);
  const frac = n - whole;
  const part = (v: number, s: string): string => (v ? `${v}${s}` : '');
  switch (unit) {
    case 'second':
      return `PT${Math.round(n)}S`;
    case 'minute':
      return `PT${part(whole, 'M')}${part(Math.round(frac * 60), 'S')}` || 'PT0M';
    case 'hour':
      return `PT${part(whole, 'H')}${part(Math.round(frac * 60), 'M')}` || 'PT0H';
    case 'day': {
      const h = Math.round(frac * 24);
      return `P${part(whole, 'D')}${h ? `T${h}H` : ''}` || 'P0D';
    }
    case 'week':
      return frac ? formatDuration(n * 7, 'day') : `P${whole}W`;
    case 'month':
      return `P${part(whole, 'M')}${part(Math.round(frac * 30), 'D')}` || 'P0M';
    case 'year':
      return `P${part(whole, 'Y')}${part(Math.round(frac * 12), 'M')}` || 'P0Y';
  }
}
