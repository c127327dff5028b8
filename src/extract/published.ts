/**
 * Publication times from meta values and visible dateline text ("Published : Nov 24, 2022, 9:04 PM IST",
 * "प्रकाशित: 24 नवंबर 2022, 21:04 IST", "Last Updated: 16th January 2012 | 10:47 IST", "16/01/2012").
 * Indian sources often omit the zone: IST is the default; a zone the text gives is kept.
 *
 * Every regex here runs on text that was first cut to {@link MAX_DATE_TEXT} characters and had its white
 * space collapsed, and none has nested unbounded quantifiers, so matching stays linear on hostile input.
 */
import { squash } from '../core/text.ts';
import {
  DEFAULT_OFFSET_MINUTES,
  dateAt,
  type Found,
  findDate,
  formatIso,
  isValidDate,
  normalizeDateText,
} from './dates-human.ts';

export { DEFAULT_OFFSET_MINUTES, formatIso, isValidDate } from './dates-human.ts';

/** Longest text a human-date parse looks at; datelines are short, and the cap bounds regex cost. */
export const MAX_DATE_TEXT = 300;

/**
 * Parse an ISO-like machine date (meta tag, JSON-LD, <time datetime>): `2022-11-24`, `2022-11-24T21:04`,
 * `2022-11-24 21:04:00.000Z`, `2022-11-24T21:04:00+0530`, `2022/11/24`. A value without zone is taken as
 * IST (or `defaultOffset`). Returns ISO 8601 with offset, or undefined when the value is not such a date.
 */
export function parseMachineDate(value: string, defaultOffset?: number): string | undefined {
  const v = value.trim();
  if (v.length > 64) return undefined;
  const m = /^(\d{4})([-/])(\d{2})\2(\d{2})(?![\d])/.exec(v);
  if (!m) return undefined;
  const found = dateAt(v, m.index, m[0].length, +m[1]!, +m[3]!, +m[4]!, defaultOffset);
  // Strict: nothing may follow the date and its time/zone but white space.
  if (!found || v.slice(found.end).trim() !== '') return undefined;
  return found.iso;
}

/** Unix epoch seconds or milliseconds, as some meta tags carry; shown in IST. */
function parseEpoch(value: string): string | undefined {
  if (!/^\d{10}(?:\d{3})?$/.test(value)) return undefined;
  const ms = value.length === 13 ? Number(value) : Number(value) * 1000;
  const ist = new Date(ms + DEFAULT_OFFSET_MINUTES * 60_000);
  const parts = [ist.getUTCFullYear(), ist.getUTCMonth() + 1, ist.getUTCDate()] as const;
  if (!isValidDate(...parts)) return undefined;
  const [h, mi, s] = [ist.getUTCHours(), ist.getUTCMinutes(), ist.getUTCSeconds()];
  return formatIso(...parts, h, mi, s, DEFAULT_OFFSET_MINUTES);
}

/**
 * Find a human-written date (and its time and zone, when given) in a piece of text and say where it is.
 * Indices refer to the normalised text (white space collapsed, Hindi digits made ASCII), which the result
 * also carries.
 */
export function findHumanDate(text: string): (Found & { text: string }) | undefined {
  const t = normalizeDateText(text.slice(0, MAX_DATE_TEXT * 2)).slice(0, MAX_DATE_TEXT);
  const f = findDate(t);
  return f ? { ...f, text: t } : undefined;
}

/**
 * Parse a human-written date and time such as a visible dateline: "Nov 24, 2022, 9:04 PM IST",
 * "16 जनवरी 2012", "Mon, 16 Jan 2012 10:47 AM (IST)", "16th January 2012 | 10:47 IST", "16/01/2012",
 * "2022-11-24T21:04:00Z". Returns ISO 8601 with offset (IST when the text names no zone).
 */
export function parseHumanDate(text: string): string | undefined {
  return findHumanDate(text)?.iso;
}

/**
 * Parse any date value a page's metadata may hold: machine dates first, then epoch numbers, then the
 * human forms (RFC 2822 "Thu, 24 Nov 2022 21:04:00 +0530", JavaScript's "Thu Nov 24 2022 21:04:00 GMT+0530").
 */
export function parseDateValue(value: string): string | undefined {
  const v = squash(value.slice(0, MAX_DATE_TEXT));
  if (!v) return undefined;
  return parseMachineDate(v) ?? parseEpoch(v) ?? parseHumanDate(v);
}

// The label must be followed by what starts a date (a separator, a digit, a month or weekday word), so
// that prose opening with "Published research…" or "प्रकाशित रिपोर्ट…" is not taken for a dateline.
const MONTH_START =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|जन|फ|मार्च|अप्रै|मई|जून|जुल|अग|सित|अक्|नव|दिस|सोम|मंगल|बुध|गुरु|शुक्र|शनि|रवि|on|at';
const AFTER_LABEL = String.raw`(?=\s*(?:[:：|-]|\p{N}|(?:${MONTH_START})))`;
const PUBLISHED_WORDS = String.raw`(?:first\s+)?publish(?:ed)?(?:\s+(?:on|at|date))?(?!\s*by\b)|posted(?:\s+(?:on|at))?|pub\s*date|(?:date|dated)(?=\s*[:：])|प्रकाशित(?:\s+(?:तिथि|तारीख|दिनांक))?|प्रकाशन\s+(?:तिथि|तारीख|दिनांक)|पब्लिश(?:्ड)?(?:\s+(?:डेट|तिथि))?|(?:दिनांक|तारीख)(?=\s*[:：])`;
const UPDATED_WORDS = String.raw`(?:last\s+)?updated(?:\s+(?:on|at))?|(?:last\s+)?modified(?:\s+on)?|अपडेटेड|(?:लास्ट\s+|अंतिम\s+)?अपडेट(?:\s+(?:तिथि|किया\s+गया))?|अद्यतन|संशोधित`;
const SEP = String.raw`\s*[:：|-]?\s*`;

/** A visible "Published"/"प्रकाशित" dateline line (not "Updated"), with its label and separator. */
export const DATELINE = new RegExp(String.raw`^\s*(?:${PUBLISHED_WORDS})${AFTER_LABEL}${SEP}`, 'iu');
/** The same label anywhere in a block; the match starts at the label itself. */
export const DATELINE_ANYWHERE = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}])(?:${PUBLISHED_WORDS})${AFTER_LABEL}${SEP}`,
  'iu',
);
/** A visible "Updated"/"अपडेटेड" line, with its label and separator. */
export const UPDATED_LINE = new RegExp(String.raw`^\s*(?:${UPDATED_WORDS})${AFTER_LABEL}${SEP}`, 'iu');
/** The "Updated" label anywhere in a block; the match starts at the label itself. */
export const UPDATED_ANYWHERE = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}])(?:${UPDATED_WORDS})${AFTER_LABEL}${SEP}`,
  'iu',
);

/** Most characters allowed between a dateline label and the date it introduces (a weekday, "on"). */
const LABEL_GAP = 40;

/**
 * Read a labelled date from one short line of visible text: the date must follow the label closely.
 * Returns the time and the line from the label on (for `publishedSource`).
 */
export function labelledDate(
  line: string,
  label: RegExp = DATELINE_ANYWHERE,
): { iso: string; from: string } | undefined {
  const t = line.slice(0, MAX_DATE_TEXT);
  const m = label.exec(t);
  if (!m) return undefined;
  const rest = t.slice(m.index + m[0].length);
  const f = findHumanDate(rest);
  if (!f || f.index > LABEL_GAP) return undefined;
  return { iso: f.iso, from: squash(t.slice(m.index)) };
}
