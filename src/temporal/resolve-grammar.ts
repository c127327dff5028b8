/**
 * Resolution of the composed values the Hindi date grammar builds (grammar.ts): ordinal weekdays of a
 * month, days of a shifted month or year, weekdays of a shifted week, multi-unit offsets and days counted
 * from the date the text last mentioned.
 */

import {
  addDays,
  addMonths,
  addUnit,
  type CivilDate,
  daysInMonth,
  formatDate,
  formatInstant,
  formatMonth,
  isValidDate,
  weekday,
} from './calendar.ts';
import type { Unit } from './lexicon.ts';
import type { Parsed } from './model.ts';
import type { ResolveContext, Resolved } from './resolve.ts';

type Composed = Extract<Parsed, { type: 'year' | 'nth-weekday' | 'rel-date' | 'week-weekday' | 'offsets' }>;

/** Where relative values can count from. */
export interface Anchors {
  /** A date written earlier in the same sentence (for `दो दिन बाद`). */
  sentence?: CivilDate;
  /** The last date resolved earlier in the text (for `उसी दिन`, `उससे एक दिन पहले`). */
  previous?: CivilDate;
}

const day = (d: CivilDate, resolution: string, approximate?: boolean): Resolved => ({
  kind: 'date',
  value: formatDate(d),
  resolution,
  day: d,
  approximate: approximate || undefined,
});

const SUB_DAY_MS: Partial<Record<Unit, number>> = { hour: 3_600_000, minute: 60_000, second: 1000 };

/** Resolve a composed value; undefined when it needs a reference that is missing or names no real day. */
export function resolveComposed(
  p: Composed,
  start: number,
  end: number,
  ctx: ResolveContext,
  anchors: Anchors,
): Resolved | undefined {
  if (p.type === 'year') return { kind: 'date', value: String(p.y).padStart(4, '0'), resolution: 'absolute' };
  if (p.type === 'nth-weekday' && p.m !== undefined && p.y !== undefined)
    return nthWeekday(p.y, p.m, p.n, p.wd, 'absolute');
  if (p.type === 'offsets') return offsets(p, ctx, anchors);
  const ref = ctx.ref;
  if (!ref) return undefined;
  const r = ref.date;
  switch (p.type) {
    case 'nth-weekday': {
      if (p.m === undefined) {
        const month = addMonths({ ...r, d: 1 }, p.shift);
        return nthWeekday(month.y, month.m, p.n, p.wd, 'month-from-reference');
      }
      // A named month without a year: the closest one, forward when the clause is in the future tense.
      const future = ctx.tense(start, end) === 'future';
      let y = r.y;
      if (!future && p.m > r.m) y--;
      if (future && p.m < r.m) y++;
      return nthWeekday(y, p.m, p.n, p.wd, 'year-from-reference');
    }
    case 'rel-date': {
      if (p.unit === 'month') {
        const month = addMonths({ ...r, d: 1 }, p.shift);
        if (p.d === undefined || !isValidDate(month.y, month.m, p.d)) return undefined;
        return day({ y: month.y, m: month.m, d: p.d }, 'relative-month');
      }
      const y = r.y + p.shift;
      if (p.m === undefined) return undefined;
      if (p.d === undefined) return { kind: 'date', value: formatMonth(y, p.m), resolution: 'relative-year' };
      return isValidDate(y, p.m, p.d) ? day({ y, m: p.m, d: p.d }, 'relative-year') : undefined;
    }
    case 'week-weekday': {
      // Indian calendars and ISO 8601 start the week on Monday.
      const monday = addDays(r, -((weekday(r) + 6) % 7));
      return day(addDays(monday, 7 * p.shift + ((p.wd + 6) % 7)), 'relative-week');
    }
  }
  return undefined;
}

function nthWeekday(y: number, m: number, n: number, wd: number, resolution: string): Resolved | undefined {
  const len = daysInMonth(y, m);
  let d: number;
  if (n < 0) {
    const lastWd = weekday({ y, m, d: len });
    d = len - ((lastWd - wd + 7) % 7);
  } else {
    const firstWd = weekday({ y, m, d: 1 });
    d = 1 + ((wd - firstWd + 7) % 7) + 7 * (n - 1);
  }
  return d >= 1 && d <= len ? day({ y, m, d }, `nth-weekday-${resolution}`) : undefined;
}

/**
 * Offsets: whole units move the calendar (years and months clamp the day: 31 March − 1 month = 28/29
 * February); a fraction moves by the next smaller unit (`डेढ़ साल` = 1 year 6 months). Months, years,
 * vague amounts and fractions give an approximate day: "three years ago" names a day only roughly.
 */
function offsets(
  p: Extract<Parsed, { type: 'offsets' }>,
  ctx: ResolveContext,
  anchors: Anchors,
): Resolved | undefined {
  const ref = ctx.ref;
  const subDay = p.parts.filter((x) => SUB_DAY_MS[x.unit] !== undefined);
  if (subDay.length === p.parts.length && p.parts.length) {
    // Hours and minutes count from the publication instant; from another date they name no clock time.
    if (!ref || p.from === 'previous') return undefined;
    const ms = subDay.reduce((sum, x) => sum + x.n * SUB_DAY_MS[x.unit]!, 0);
    return {
      kind: 'datetime',
      value: formatInstant(ref.instant + p.dir * ms, ctx.timeZone),
      resolution: 'relative',
      approximate: p.vague || undefined,
    };
  }
  let base: CivilDate | undefined;
  let resolution = 'relative';
  if (p.from === 'previous' && anchors.previous) {
    base = anchors.previous;
    resolution = 'relative-to-previous-date';
  } else if (p.from === 'sentence' && p.dir > 0 && anchors.sentence) {
    base = anchors.sentence;
    resolution = 'relative-to-date-in-sentence';
  } else base = ref?.date;
  if (!base) return undefined;
  let approximate = Boolean(p.vague) || subDay.length > 0;
  let target = base;
  for (const { n, unit } of p.parts) {
    if (SUB_DAY_MS[unit] !== undefined) continue;
    if (unit === 'month' || unit === 'year') approximate = true;
    const whole = Math.trunc(n);
    const frac = n - whole;
    target = addUnit(target, p.dir * whole, unit);
    if (frac) {
      approximate = true;
      if (unit === 'year') target = addMonths(target, p.dir * Math.round(frac * 12));
      else if (unit === 'month') target = addDays(target, p.dir * Math.round(frac * 30));
      else if (unit === 'week') target = addDays(target, p.dir * Math.round(frac * 7));
      else target = addDays(target, p.dir * Math.round(frac));
    }
  }
  return day(target, p.vague ? `${resolution}-vague` : resolution, approximate);
}
