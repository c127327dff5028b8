/**
 * Civil-date arithmetic and time-zone offsets, without reading the clock.
 *
 * Dates are plain `{ y, m, d }` records so arithmetic never crosses a time zone by accident; `Date.UTC`
 * is used only as a calendar calculator. Offsets come from `Intl.DateTimeFormat`, which knows the IANA
 * database, so a zone other than Asia/Kolkata (fixed +05:30, no DST) also works.
 */

import type { Unit } from './lexicon.ts';

/** A calendar date (month 1–12). */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** The publication instant seen from the story's time zone. */
export interface ResolvedReference {
  /** UTC epoch milliseconds of the reference instant. */
  instant: number;
  /** Local calendar date of the reference. */
  date: CivilDate;
  /** Local minutes since midnight (end of day when the reference had no time). */
  minuteOfDay: number;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** Add whole days. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtc(Date.UTC(date.y, date.m - 1, date.d + days));
}

/** Add whole months, clamping the day to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const first = fromUtc(Date.UTC(date.y, date.m - 1 + months, 1));
  return { ...first, d: Math.min(date.d, daysInMonth(first.y, first.m)) };
}

/** Add an amount of a calendar unit (whole days/weeks/months/years only). */
export function addUnit(date: CivilDate, n: number, unit: Unit): CivilDate {
  if (unit === 'week') return addDays(date, 7 * n);
  if (unit === 'month') return addMonths(date, n);
  if (unit === 'year') return addMonths(date, 12 * n);
  return addDays(date, n);
}

/** Days in a month. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True when y-m-d names a real calendar day. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** 0 = Sunday. */
export function weekday(date: CivilDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

/** Negative, zero or positive like a comparator. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Days from a to b. */
export function diffDays(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

function fromUtc(ms: number): CivilDate {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2022-11-23`. */
export function formatDate(date: CivilDate): string {
  return `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;
}

/** `2022-11`. */
export function formatMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

/** `+05:30` for 330 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * `2022-11-23T07:00:00+05:30` for a local wall-clock time. `minuteOfDay` may be ≥ 1440 (rolls over to
 * the next day, used for "midnight at the end of Wednesday"). `offset` forces a zone written in the
 * text (`9 PM GMT`); otherwise the zone's offset at that moment is used.
 */
export function formatLocalDateTime(
  date: CivilDate,
  minuteOfDay: number,
  timeZone: string,
  offset?: number,
): string {
  const day = addDays(date, Math.floor(minuteOfDay / 1440));
  const mod = ((minuteOfDay % 1440) + 1440) % 1440;
  const off = offset ?? zoneOffsetForLocal(day, mod, timeZone);
  return `${formatDate(day)}T${pad(Math.floor(mod / 60))}:${pad(mod % 60)}:00${formatOffset(off)}`;
}

/** UTC epoch ms of a local wall-clock time in a zone. */
export function localToInstant(date: CivilDate, minuteOfDay: number, timeZone: string): number {
  const off = zoneOffsetForLocal(date, minuteOfDay, timeZone);
  return Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay) - off * 60_000;
}

/** Local date and time of an instant in a zone. */
export function instantToLocal(instant: number, timeZone: string): { date: CivilDate; minuteOfDay: number } {
  const local = instant + zoneOffsetAt(instant, timeZone) * 60_000;
  const t = new Date(local);
  return { date: fromUtc(local), minuteOfDay: t.getUTCHours() * 60 + t.getUTCMinutes() };
}

/** `2022-11-24T19:04:00+05:30` for an instant shown in a zone. */
export function formatInstant(instant: number, timeZone: string): string {
  const { date, minuteOfDay } = instantToLocal(instant, timeZone);
  return formatLocalDateTime(date, minuteOfDay, timeZone, zoneOffsetAt(instant, timeZone));
}

// One formatter per zone: constructing Intl formatters is the slow part, so they are cached. The cache
// only memoises a pure function, so the stage stays pure.
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** Offset of a zone from UTC in minutes at an instant (`Asia/Kolkata` → 330). Unknown zones throw. */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  if (timeZone === 'Asia/Kolkata' || timeZone === 'Asia/Calcutta') return 330; // fast path, no DST since 1945
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    FORMATTERS.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** Offset in effect at a local wall-clock time (two passes settle DST edges). */
export function zoneOffsetForLocal(date: CivilDate, minuteOfDay: number, timeZone: string): number {
  const naive = Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay);
  const first = zoneOffsetAt(naive, timeZone);
  return zoneOffsetAt(naive - first * 60_000, timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownZone(timeZone: string): boolean {
  try {
    zoneOffsetAt(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Read the publication time. A value with an offset is an instant; a value without one is local time
 * in `timeZone`; a bare date has no time of day (treated as the end of that day, so every time on that
 * day counts as "not after the reference"). Returns undefined for missing or unparseable input.
 */
export function resolveReference(
  published: string | undefined,
  timeZone: string,
): ResolvedReference | undefined {
  if (!published) return undefined;
  const m = ISO_RE.exec(published.trim());
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!isValidDate(date.y, date.m, date.d)) return undefined;
  if (m[4] === undefined) {
    return { instant: localToInstant(date, 1439, timeZone), date, minuteOfDay: 1439, timeZone };
  }
  const minute = Number(m[4]) * 60 + Number(m[5]);
  if (m[7] === undefined) {
    return { instant: localToInstant(date, minute, timeZone), date, minuteOfDay: minute, timeZone };
  }
  const instant = Date.parse(
    published
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
  );
  if (Number.isNaN(instant)) return undefined;
  return { instant, ...instantToLocal(instant, timeZone), timeZone };
}
