/**
 * Rules for clock times (`सुबह सात बजे`, `शाम 5:30 बजे`, `9:04 PM`, `around 7 in the morning`) and
 * durations (`करीब 11 घंटे`, `ढाई घंटे`, `for nearly two weeks`, `पिछले 24 घंटों`).
 */

import {
  APPROX_PREFIX_SRC,
  APPROX_SUFFIX_SRC,
  alt,
  EN_NUMBER_SRC,
  UNIT_SRC,
  unitMultiplier,
  unitOf,
} from './lexicon.ts';
import { D, digits, L, type PartOfDay, R, type Rule, UNIT_GATE } from './model.ts';
import { HOUR_NUM_SRC, NUM_SRC, parseNumber } from './numbers.ts';

const re = (src: string): RegExp => new RegExp(src, 'giu');
// Gates are tested with .test(), so they must not be global (a global regex keeps lastIndex between calls).
const gre = (src: string): RegExp => new RegExp(src, 'u');

/** Hindi parts of the day → how they shift a 12-hour clock number. */
const HI_POD: Record<string, PartOfDay> = {
  सुबह: 'morning',
  'सुबह-सुबह': 'morning',
  सवेरे: 'morning',
  प्रातः: 'morning',
  'प्रात:': 'morning',
  तड़के: 'morning',
  दोपहर: 'noon',
  'दोपहर बाद': 'evening',
  शाम: 'evening',
  'देर शाम': 'evening',
  सायं: 'evening',
  रात: 'night',
  रात्रि: 'night',
  'देर रात': 'night',
};
const POD_BY_KEY = new Map(Object.entries(HI_POD).map(([k, v]) => [k.normalize('NFD'), v]));
const HI_POD_SRC = alt(Object.keys(HI_POD));
// `a.m.` keeps its final dot; `am.` at a sentence end does not (that dot ends the sentence).
const AM_PM_SRC = '(?<ampm>a\\.\\s?m\\.|p\\.\\s?m\\.|a\\.?\\s?m|p\\.?\\s?m)(?![\\p{L}])';
const TZ_SRC = '(?:\\s*(?<tz>IST|GMT|UTC))?';
const TZ_OFFSET: Record<string, number> = { IST: 330, GMT: 0, UTC: 0 };
const CUE_BEFORE = /\b(?:at|by|till|until|from|since|before|after|around|about)\s+$/i;

/**
 * 24-hour minute of day for a clock reading and its part of day. Night hours 1–4 stay small (`रात 2 बजे`
 * is 02:00); `रात 12 बजे` / `12 midnight` is 1440, the midnight that ends the day it is anchored to.
 */
export function toMinuteOfDay(hour: number, minute: number, pod: PartOfDay | undefined): number | undefined {
  if (!Number.isFinite(hour) || hour < 0 || hour > 24 || minute < 0 || minute > 59) return undefined;
  let h = hour;
  if (pod && hour > 12) {
    if (pod === 'am' || pod === 'morning') return undefined; // `सुबह 15 बजे` is not a time
  } else if (pod === 'am' || pod === 'morning') h = hour === 12 ? 0 : hour;
  else if (pod === 'pm' || pod === 'evening') h = hour < 12 ? hour + 12 : hour;
  else if (pod === 'noon') h = hour <= 6 ? hour + 12 : hour;
  else if (pod === 'night') h = hour === 12 ? 24 : hour >= 5 ? hour + 12 : hour;
  return h * 60 + minute;
}

function hiPod(raw: string | undefined): PartOfDay | undefined {
  return raw === undefined ? undefined : POD_BY_KEY.get(raw.normalize('NFD').replace(/\s+/g, ' '));
}

/** Split a fractional hour (`साढ़े सात` = 7.5) into hour and minutes. */
function hourParts(raw: string, minutesRaw: string | undefined): [number, number] | undefined {
  const n = parseNumber(raw);
  if (n === undefined) return undefined;
  const h = Math.floor(n);
  const frac = Math.round((n - h) * 60);
  if (minutesRaw !== undefined) {
    if (frac !== 0) return undefined;
    const mm = parseNumber(minutesRaw);
    return mm === undefined ? undefined : [h, mm];
  }
  return [h, frac];
}

function time(minuteOfDay: number | undefined, approximate: boolean, offset?: number) {
  if (minuteOfDay === undefined) return undefined;
  return { parsed: { type: 'time' as const, minuteOfDay, offset }, approximate };
}

const HI_APPROX_AFTER = '(?:\\s+(?<suffix>के\\s+(?:करीब|क़रीब|आसपास|आस-पास|लगभग)))?';

/** Clock-time rules. */
export const TIME_RULES: Rule[] = [
  {
    // सुबह सात बजे, शाम 5:30 बजे, रात 9 बजे, साढ़े सात बजे, 7 बजकर 30 मिनट, सात बजे सुबह
    name: 'hindi-clock',
    gate: [/बज/],
    priority: 6,
    re: re(
      `${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?:(?<pod>${HI_POD_SRC})\\s+(?:के\\s+)?(?:(?<approx2>${APPROX_PREFIX_SRC})\\s+)?)?(?<h>${HOUR_NUM_SRC})(?:[:.](?<mi>${D}{2}))?\\s*(?:बजे|बज(?:कर|के)\\s+(?<mi2>${D}{1,2}|${HOUR_NUM_SRC})\\s+मिनट)${R}(?:\\s+(?<pod2>${HI_POD_SRC})${R})?${HI_APPROX_AFTER}`,
    ),
    build: (m) => {
      const g = m.groups!;
      const parts = hourParts(g.h, g.mi ?? g.mi2);
      if (!parts) return undefined;
      const approximate = Boolean(g.approx || g.approx2 || g.suffix);
      return time(toMinuteOfDay(parts[0], parts[1], hiPod(g.pod ?? g.pod2)), approximate);
    },
  },
  {
    // शाम 5:30, सुबह 10.15 (part of day plus clock digits, no बजे)
    name: 'hindi-pod-clock',
    gate: [gre(`${D}[:.]${D}{2}`)],
    priority: 6,
    re: re(`${L}(?<pod>${HI_POD_SRC})\\s+(?:के\\s+)?(?<h>${D}{1,2})[:.](?<mi>${D}{2})${R}(?!\\s*बजे)`),
    build: (m) => time(toMinuteOfDay(digits(m.groups!.h), digits(m.groups!.mi), hiPod(m.groups!.pod)), false),
  },
  {
    // आधी रात = midnight
    name: 'hindi-midnight',
    gate: [/आधी/],
    priority: 6,
    re: re(`${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?आधी\\s+रात${R}`),
    build: (m) => time(1440, m.groups!.approx !== undefined),
  },
  {
    // 9:04 PM, 7 am, 10.30 a.m. IST
    name: 'english-ampm',
    gate: [/\d\s*[ap]\.?\s?m/i],
    priority: 6,
    re: re(
      `${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?<h>\\d{1,2})(?:[:.](?<mi>\\d{2}))?\\s*${AM_PM_SRC}${TZ_SRC}`,
    ),
    build: (m) => {
      const g = m.groups!;
      const pod: PartOfDay = /^a/i.test(g.ampm) ? 'am' : 'pm';
      if (Number(g.h) > 12) return undefined;
      return time(toMinuteOfDay(Number(g.h), Number(g.mi ?? 0), pod), Boolean(g.approx), tzOffset(g.tz));
    },
  },
  {
    // around 7 in the morning, seven in the evening, 10 at night, 5 o'clock
    name: 'english-pod',
    gate: [/morning|afternoon|evening|night/i],
    priority: 6,
    re: re(
      `${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?<h>\\d{1,2}|${EN_NUMBER_SRC})(?:[:.](?<mi>\\d{2}))?(?:\\s+o'clock)?\\s+(?:in\\s+the\\s+(?<pod>morning|afternoon|evening|night)|at\\s+(?<night>night))${R}`,
    ),
    build: (m) => {
      const g = m.groups!;
      const h = parseNumber(g.h);
      if (h === undefined || !Number.isInteger(h)) return undefined;
      const pod: PartOfDay =
        g.night || /night/i.test(g.pod ?? '')
          ? 'night'
          : /morning/i.test(g.pod)
            ? 'morning'
            : /afternoon/i.test(g.pod)
              ? 'noon'
              : 'evening';
      return time(toMinuteOfDay(h, Number(g.mi ?? 0), pod), Boolean(g.approx));
    },
  },
  {
    // 21:04 IST, 2100 hrs, `at 9:30` (a bare H:MM needs a cue word or a zone, else it may be a score)
    name: 'english-24h',
    gate: [/\d:\d\d|\d{4}\s*(?:hrs|IST)/i],
    priority: 6,
    re: re(
      `${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?:(?<h>\\d{1,2}):(?<mi>\\d{2})(?:\\s*(?<tz>IST|GMT|UTC|hrs|hours))?|(?<hh>[01]\\d|2[0-3])(?<mm>[0-5]\\d)\\s*(?<tz2>hrs|IST))${R}`,
    ),
    build: (m, text) => {
      const g = m.groups!;
      const h = Number(g.h ?? g.hh);
      const mi = Number(g.mi ?? g.mm);
      const tz = g.tz ?? g.tz2;
      if (!tz && !g.approx && !CUE_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index)))
        return undefined;
      if (h > 23) return undefined;
      return time(toMinuteOfDay(h, mi, undefined), Boolean(g.approx), tzOffset(tz));
    },
  },
  {
    name: 'english-noon',
    gate: [/noon|midday|midnight/i],
    priority: 6,
    re: re(`${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?:12\\s+)?(?<w>noon|midday|midnight)${R}`),
    build: (m) => time(/midnight/i.test(m.groups!.w) ? 1440 : 720, Boolean(m.groups!.approx)),
  },
];

function tzOffset(tz: string | undefined): number | undefined {
  return tz ? TZ_OFFSET[tz.toUpperCase()] : undefined;
}

// Ages are not durations: `25 साल का युवक`, `20 साल की उम्र में`, `a 25-year-old`, `aged 30 years`.
const AGE_AFTER =
  '(?!\\s*-?\\s*olds?\\b|\\s+of\\s+age|\\s+(?:का|की|के)\\s+(?:उम्र|आयु|युवक|युवती|लड़का|लड़की|लड़के|बच्चा|बच्ची|बच्चे|बालक|बालिका|किशोर|किशोरी|महिला|व्यक्ति|शख्स|शख़्स|आदमी|बुजुर्ग|बुज़ुर्ग|मासूम|छात्र|छात्रा|युवा|नाबालिग))';
const AGE_BEFORE = '(?<!(?:उम्र|आयु|aged|age)\\s+)';
const TRAILING_SRC = alt(['पिछले', 'पिछली', 'बीते', 'बीती', 'गत', 'last', 'past']);

/** Duration rules. */
export const DURATION_RULES: Rule[] = [
  {
    name: 'duration',
    gate: [UNIT_GATE],
    priority: 2,
    re: re(
      `${L}(?:(?<last>${TRAILING_SRC})\\s+)?(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?${AGE_BEFORE}(?<num>${NUM_SRC})[\\s-]*(?<unit>${UNIT_SRC})(?<half>\\s+and\\s+a\\s+half)?${R}${AGE_AFTER}(?:\\s+(?<suffix>${APPROX_SUFFIX_SRC})${R})?`,
    ),
    build: (m, text) => {
      const g = m.groups!;
      const n = (parseNumber(g.num) ?? Number.NaN) + (g.half && !/half/i.test(g.num) ? 0.5 : 0);
      const unit = unitOf(g.unit);
      if (Number.isNaN(n) || n <= 0 || !unit) return undefined;
      // `a day`/`an hour` alone is usually idiomatic ("twice a day"); keep it only with a qualifier or `for`.
      const forBefore = /\bfor\s+$/i.test(text.slice(Math.max(0, m.index - 5), m.index));
      if (/^an?$/i.test(g.num.trim()) && !g.approx && !g.last && !forBefore) return undefined;
      return {
        parsed: { type: 'duration', n: n * unitMultiplier(g.unit), unit, trailing: g.last !== undefined },
        approximate: Boolean(g.approx || g.suffix),
      };
    },
  },
];
