/**
 * Rules for dates: absolute formats (`24 नवंबर 2022`, `Nov 24`, `24/11/2022`), weekdays, and the English
 * deictic words (`yesterday`), periods (`last month`) and offsets (`two days ago`); their Hindi
 * counterparts are composed by the grammar (grammar.ts, grammar-words.ts).
 */

import {
  APPROX_PREFIX_SRC,
  alt,
  MONTH_SRC,
  monthNumber,
  unitMultiplier,
  unitOf,
  WEEKDAY_SRC,
  weekdayNumber,
} from './lexicon.ts';
import { D, DIGIT, digits, L, MONTH_GATE, type Parsed, R, type Rule, UNIT_GATE } from './model.ts';
import { NUM_SRC, parseNumber } from './numbers.ts';

const ORD = '(?:st|nd|rd|th)?';
// English only: Hindi relative words, deictic words, periods and offsets are composed by the grammar
// (grammar.ts), which these regexes used to list phrase by phrase.
const PREV_SRC = alt(['last', 'previous', 'past']);
const NEXT_SRC = alt(['next', 'coming']);
const THIS_SRC = alt(['this']);
const EN_UNIT_SRC = alt(
  'seconds secs second sec minutes minute mins min hours hour hrs hr days day weeks week fortnights fortnight months month years year'.split(
    ' ',
  ),
);

const re = (src: string): RegExp => new RegExp(src, 'giu');
// Gates are tested with .test(), so they must not be global (a global regex keeps lastIndex between calls).
const gre = (src: string): RegExp => new RegExp(src, 'u');

function date(y: number | undefined, m: number | undefined, d: number): Parsed | undefined {
  if (m !== undefined && (m < 1 || m > 12)) return undefined;
  if (d < 1 || d > 31) return undefined;
  if (y !== undefined && (y < 1900 || y > 2100)) return undefined;
  return { type: 'date', y, m, d };
}

/** Two-digit years pivot at 40: `07/08/95` and `15.08.47` are last century, `24/11/22` is 2022. */
function year(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const y = digits(raw);
  if (raw.length !== 2) return y;
  return y < 40 ? 2000 + y : 1900 + y;
}

// Version numbers and software releases are not dates: `version 10.12.15`, `v5.10.15`.
const VERSION_BEFORE = /(?:version|ver\.?|v|वर्जन|संस्करण|release|रिलीज|build|android|ios)\s*$/iu;

/** English deictic words and their day offsets (Hindi `आज`/`कल`/`परसों` are in grammar-words.ts). */
const DEICTIC: Record<string, { days: number; ambiguous?: boolean }> = {
  today: { days: 0 },
  tonight: { days: 0 },
  'earlier today': { days: 0 },
  'later today': { days: 0 },
  'this morning': { days: 0 },
  'this afternoon': { days: 0 },
  'this evening': { days: 0 },
  yesterday: { days: -1 },
  'last night': { days: -1 },
  tomorrow: { days: 1 },
  'the day before yesterday': { days: -2 },
  'day before yesterday': { days: -2 },
  'the day after tomorrow': { days: 2 },
  'day after tomorrow': { days: 2 },
};
const DEICTIC_BY_KEY = new Map(
  Object.entries(DEICTIC).map(([k, v]) => [k.normalize('NFD').toLowerCase(), v]),
);

function periodShift(which: string): number {
  const w = which.toLowerCase().replace(/\s+/g, ' ');
  if (new RegExp(`^${PREV_SRC}$`, 'iu').test(w)) return -1;
  if (new RegExp(`^${NEXT_SRC}$`, 'iu').test(w)) return 1;
  return 0;
}

/** Date rules, most specific first (order only matters for readability; overlaps are resolved later). */
export const DATE_RULES: Rule[] = [
  {
    name: 'iso-date',
    gate: [gre(`${D}{4}-${D}`)],
    priority: 5,
    re: re(`${L}(?<y>${D}{4})-(?<m>${D}{1,2})-(?<d>${D}{1,2})${R}(?![-/.]${D})`),
    build: (m) => wrap(date(digits(m.groups!.y), digits(m.groups!.m), digits(m.groups!.d))),
  },
  {
    // Indian day-first numerals; month-first only when the first number cannot be a month (11/24/2022).
    name: 'numeric-date',
    gate: [gre(`${D}[/.-]${D}{1,2}[/.-]${D}{2}`)],
    priority: 5,
    re: re(`${L}(?<a>${D}{1,2})(?<sep>[/.-])(?<b>${D}{1,2})\\k<sep>(?<y>${D}{4}|${D}{2})${R}(?![-/.]${D})`),
    build: (m, text) => {
      if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return undefined;
      const a = digits(m.groups!.a);
      const b = digits(m.groups!.b);
      const y = year(m.groups!.y);
      return wrap(b > 12 && a <= 12 ? date(y, a, b) : date(y, b, a));
    },
  },
  {
    // Year first with dots or slashes (`2019.3.7`, `2019/03/07`): the order East Asian and some Indian
    // official documents use.
    name: 'year-first-date',
    gate: [gre(`${D}{4}[./]${D}`)],
    priority: 5,
    re: re(`${L}(?<y>${D}{4})(?<sep>[./])(?<m>${D}{1,2})\\k<sep>(?<d>${D}{1,2})${R}(?![-/.]${D})`),
    build: (m, text) =>
      VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))
        ? undefined
        : wrap(date(digits(m.groups!.y), digits(m.groups!.m), digits(m.groups!.d))),
  },
  {
    name: 'day-month-year',
    gate: [DIGIT, MONTH_GATE],
    priority: 5,
    re: re(`${L}(?<d>${D}{1,2})${ORD}(?:\\s+of)?[\\s-]*(?<mon>${MONTH_SRC})(?:,?[\\s-]*(?<y>${D}{4}))?${R}`),
    build: (m) => wrap(date(year(m.groups!.y), monthNumber(m.groups!.mon), digits(m.groups!.d))),
  },
  {
    name: 'month-day-year',
    gate: [DIGIT, MONTH_GATE],
    priority: 5,
    re: re(`${L}(?<mon>${MONTH_SRC})\\s+(?<d>${D}{1,2})${ORD}${R}(?:,?\\s+(?<y>${D}{4})${R})?`),
    build: (m) => wrap(date(year(m.groups!.y), monthNumber(m.groups!.mon), digits(m.groups!.d))),
  },
  {
    name: 'month-year',
    gate: [DIGIT, MONTH_GATE],
    priority: 4,
    re: re(`${L}(?<mon>${MONTH_SRC}),?\\s+(?<y>${D}{4})${R}`),
    build: (m) => ({ parsed: { type: 'month', y: year(m.groups!.y), m: monthNumber(m.groups!.mon)! } }),
  },
  {
    // A bare English month after a preposition (`in June`, `since March`); capitalised full names only,
    // so the modal `may` and abbreviations never match. At most three spaces in the lookbehind: `\s+` there
    // re-read a long run of spaces from every position in it (quadratic: 17 s for 80,000 spaces).
    name: 'english-month',
    gate: [/\b(?:in|since|during|until|till|by|from|through|throughout)\s+[A-Z][a-z]{2,}/],
    priority: 3,
    re: /(?<=\b(?:[Ii]n|since|during|until|till|by|from|through|throughout)\s{1,3})(?<mon>January|February|March|April|May|June|July|August|September|October|November|December)(?![\p{L}\p{M}\p{N}])(?!\s+\d)/gu,
    build: (m) => ({ parsed: { type: 'month', m: monthNumber(m.groups!.mon)! } }),
  },
  {
    name: 'day-of-month',
    gate: [/\d(?:st|nd|rd|th)/],
    priority: 4,
    re: re(`(?<=\\bon\\s+the\\s+)(?<d>\\d{1,2})(?:st|nd|rd|th)${R}`),
    build: (m) => wrap(date(undefined, undefined, digits(m.groups!.d))),
  },
  {
    name: 'weekday',
    gate: [/वार|day/i],
    priority: 4,
    re: re(`${L}(?:(?<mod>${PREV_SRC}|${NEXT_SRC}|${THIS_SRC})\\s+)?(?<wd>${WEEKDAY_SRC})${R}`),
    build: (m) => {
      const shift = m.groups!.mod ? periodShift(m.groups!.mod) : 0;
      const mode = shift < 0 ? 'last' : shift > 0 ? 'next' : 'default';
      return { parsed: { type: 'weekday', wd: weekdayNumber(m.groups!.wd)!, mode } };
    },
  },
  {
    name: 'deictic',
    gate: [/today|tonight|yesterday|tomorrow|night|this|day/i],
    priority: 3,
    re: re(`${L}(?<w>${alt(Object.keys(DEICTIC))})${R}`),
    build: (m) => {
      const d = DEICTIC_BY_KEY.get(m.groups!.w.normalize('NFD').toLowerCase().replace(/\s+/g, ' '));
      return d ? { parsed: { type: 'deictic', ...d } } : undefined;
    },
  },
  {
    // `earlier this month` names the month; `past week` is a span, so it becomes a duration.
    name: 'period',
    gate: [/week|month|year/i],
    priority: 3,
    re: re(
      `${L}(?:(?<edge>earlier|later)\\s+)?(?<which>${PREV_SRC}|${NEXT_SRC}|${THIS_SRC})\\s+(?<unit>week|month|year)${R}`,
    ),
    build: (m) => {
      const unit = unitOf(m.groups!.unit) as 'week' | 'month' | 'year';
      if (/^past$/i.test(m.groups!.which))
        return { parsed: { type: 'duration', n: 1, unit, trailing: true } };
      return {
        parsed: { type: 'period', unit, shift: periodShift(m.groups!.which) },
        approximate: unit === 'week',
      };
    },
  },
  {
    name: 'offset',
    gate: [UNIT_GATE, /ago|later|earlier|from now|hence/i],
    priority: 4,
    re: re(
      `${L}(?:(?<approx>${APPROX_PREFIX_SRC})\\s+)?(?<num>${NUM_SRC})[\\s-]*(?<unit>${EN_UNIT_SRC})\\s+(?<dir>ago|later|earlier|from\\s+now|hence)${R}`,
    ),
    build: (m) => {
      const n = parseNumber(m.groups!.num);
      const unit = unitOf(m.groups!.unit);
      if (n === undefined || !unit) return undefined;
      const dir = /^(?:later|from\s+now|hence)$/iu.test(m.groups!.dir) ? 1 : -1;
      return {
        parsed: { type: 'offset', n: n * unitMultiplier(m.groups!.unit), unit, dir },
        approximate: m.groups!.approx !== undefined,
      };
    },
  },
];

function wrap(parsed: Parsed | undefined): { parsed: Parsed } | undefined {
  return parsed ? { parsed } : undefined;
}
