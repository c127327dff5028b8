/**
 * The date grammar behind {@link ../published.ts}: day-month-year and month-day-year with English and Hindi
 * month names (full and abbreviated), numeric dates, an optional time before or after, and a zone.
 * Callers pass text already cut short; {@link normalizeDateText} collapses white space so that no pattern
 * can backtrack over long runs of it.
 */

/** Minutes east of UTC for zone abbreviations seen on Indian and international news pages. */
// biome-ignore format: a table reads better on few lines
const ZONES: Record<string, number> = {
  IST: 330, UTC: 0, GMT: 0, Z: 0, BST: 60, CET: 60, CEST: 120, EST: -300, EDT: -240, PST: -480, PDT: -420,
  PKT: 300, NPT: 345, SGT: 480, HKT: 480, JST: 540, AEST: 600, AEDT: 660,
};
/** IST: the zone of a page that names none. */
export const DEFAULT_OFFSET_MINUTES = 330;
/** Dates outside these years are taken for misreadings (ids, prices), not publication times. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2099;

// biome-ignore format: a table reads better on few lines
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Hindi, nukta removed (फ़रवरी → फरवरी), full and the abbreviations sites print ("16 जन॰ 2012").
  जनवरी: 1, जन: 1, फरवरी: 2, फरव: 2, फर: 2, मार्च: 3, अप्रैल: 4, अप्रै: 4, अप्रे: 4, मई: 5, जून: 6,
  जुलाई: 7, जुला: 7, जुल: 7, अगस्त: 8, अग: 8, सितंबर: 9, सितम्बर: 9, सितं: 9, सित: 9, अक्टूबर: 10,
  अक्तूबर: 10, अक्टू: 10, अक्तू: 10, अक्टु: 10, नवंबर: 11, नवम्बर: 11, नवं: 11, नव: 11, दिसंबर: 12,
  दिसम्बर: 12, दिसं: 12, दिस: 12,
};
const EN_MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const HI_MONTH = Object.keys(MONTHS)
  .filter((k) => !/^[a-z]/.test(k))
  .sort((a, b) => b.length - a.length)
  .join('|');
const MONTH = String.raw`(${EN_MONTH}|${HI_MONTH})\.?(?![\p{L}\p{M}])`;
const ORD = '(?:st|nd|rd|th)?';
/** Each pattern with the group numbers of year, month, day. */
const PATTERNS: { re: RegExp; y: number; m: number; d: number; words?: boolean }[] = [
  // 16 January 2012, 16th Jan, 2012, 16-Jan-2012, 16 जनवरी 2012
  {
    re: new RegExp(
      String.raw`(?<![\p{L}\p{M}\p{N}])(\d{1,2})${ORD}(?: of)?[ ,.-]{0,3}${MONTH}[ ,.'-]{0,3}(\d{4})(?!\d)`,
      'giu',
    ),
    y: 3,
    m: 2,
    d: 1,
    words: true,
  },
  // Jan 16, 2012; November 24th 2022; जनवरी 16, 2012
  {
    re: new RegExp(
      String.raw`(?<![\p{L}\p{M}])${MONTH}[ ,.-]{0,3}(\d{1,2})${ORD}(?!\d)[ ,.-]{0,3}(\d{4})(?!\d)`,
      'giu',
    ),
    y: 3,
    m: 1,
    d: 2,
    words: true,
  },
  // 16/01/2012, 16-01-2012, 16.01.2012 (day first, as written in India)
  { re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)/g, y: 4, m: 3, d: 1 },
  // 2012-01-16, 2012/01/16
  { re: /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d)/g, y: 1, m: 3, d: 4 },
];

const TIME = String.raw`(?:(सुबह|सवेरे|दोपहर|शाम|रात) ?)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d{1,9})?)?(?: ?([ap])\.? ?m\.?(?![a-z]))?(?: ?बजे)?`;
const TIME_AFTER = new RegExp(`[ ,|@–-]{0,4}(?:(?:at|on) )?T?${TIME}`, 'iuy');
const TIME_BEFORE = new RegExp(String.raw`${TIME}(?: \(?([a-z]{2,4})\)?)?[ ,|–-]{1,4}(?:on )?$`, 'iu');
const ZONE = new RegExp(
  String.raw` ?\(?(?:(${Object.keys(ZONES).join('|')})(?![a-z]))? ?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\)?`,
  'iuy',
);

const FOUR_DIGITS = /\d{4}/;

/** A date found in text: ISO 8601 with offset, and where its words start and end. */
export interface Found {
  iso: string;
  index: number;
  end: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with an explicit offset, e.g. `2022-11-24T21:04:00+05:30`. */
export function formatIso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMin: number,
): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A real calendar day (no 31 February, no month 13) in a plausible year, and a real time of day. */
export function isValidDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || h > 23 || mi > 59 || s > 59) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const DEVANAGARI_ZERO = 0x0966;

/** Collapse white space, make Devanagari digits ASCII, drop the nukta, read "॰" as an abbreviation dot. */
export function normalizeDateText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u093c/g, '')
    .replace(/[\u0966-\u096f]/g, (c) => String(c.charCodeAt(0) - DEVANAGARI_ZERO))
    .replace(/\u0970/g, '.')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, ' ')
    .trim();
}

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return /^[a-z]/.test(w) ? MONTHS[w.slice(0, 3)] : MONTHS[w];
}

function hour24(h: number, ap: string | undefined, period: string | undefined): number {
  if (ap && h <= 12) {
    const pm = ap.toLowerCase() === 'p';
    return h === 12 ? (pm ? 12 : 0) : pm ? h + 12 : h;
  }
  // Hindi day periods: दोपहर 2 बजे, शाम 6:30, रात 10:15 are afternoon and evening hours.
  if (period === 'दोपहर' && h < 12 && h <= 6) return h + 12;
  if (period === 'शाम' && h < 12) return h + 12;
  if (period === 'रात') return h === 12 ? 0 : h >= 6 && h < 12 ? h + 12 : h;
  return h;
}

function readZone(text: string, at: number): { offset?: number; end: number } {
  ZONE.lastIndex = at;
  const z = ZONE.exec(text);
  if (!z || z[0].trim() === '') return { end: at };
  const [, abbr, sign, hh, mm] = z;
  let offset = abbr ? ZONES[abbr.toUpperCase()] : undefined;
  // A bare offset must look like one (+05:30, +0530): a lone "- 5" after a time is prose.
  if (sign && (abbr || (hh!.length === 2 && mm))) {
    const off = Number(hh) * 60 + Number(mm ?? 0);
    if (off <= 14 * 60) offset = (sign === '-' ? -1 : 1) * off;
  }
  if (offset === undefined) return { end: at };
  return { offset, end: at + z[0].trimEnd().length };
}

/**
 * Build the result for a date matched at `index..index+length` of `text`: read the time that follows (or
 * precedes) it and the zone, validate, and format. `defaultOffset` applies when no zone is given.
 */
export function dateAt(
  text: string,
  index: number,
  length: number,
  y: number,
  mo: number | undefined,
  d: number,
  defaultOffset = DEFAULT_OFFSET_MINUTES,
): Found | undefined {
  if (!mo || !isValidDate(y, mo, d)) return undefined;
  let start = index;
  let end = index + length;
  TIME_AFTER.lastIndex = end;
  let t = TIME_AFTER.exec(text);
  if (t) end += t[0].length;
  else {
    t = TIME_BEFORE.exec(text.slice(Math.max(0, index - 40), index));
    if (t) start = index - t[0].length;
  }
  let [h, mi, s] = [0, 0, 0];
  if (t) {
    [h, mi, s] = [hour24(Number(t[2]), t[5], t[1]), Number(t[3]), Number(t[4] ?? 0)];
    if (!isValidDate(y, mo, d, h, mi, s)) [h, mi, s] = [0, 0, 0];
  }
  // The zone follows the time: after the date, or inside the time-first match ("10:47 AM IST, 16 Jan").
  let offset: number | undefined;
  if (t && start < index) offset = t[6] ? ZONES[t[6].toUpperCase()] : undefined;
  else {
    const zone = readZone(text, end);
    [offset, end] = [zone.offset, zone.end];
  }
  return { iso: formatIso(y, mo, d, h, mi, s, offset ?? defaultOffset), index: start, end };
}

/** The first valid date in already-normalised text, with its time and zone. */
export function findDate(text: string): Found | undefined {
  // Every pattern holds a four-digit year: a line without four digits in a row ("12 comments", "5 min
  // read") is passed over by one cheap test instead of four Unicode regexes.
  if (!FOUR_DIGITS.test(text)) return undefined;
  const hits: { index: number; length: number; y: number; m: number | undefined; d: number }[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      const y = Number(m[p.y]);
      let d = Number(m[p.d]);
      let mo = p.words ? monthNumber(m[p.m]!) : Number(m[p.m]);
      // Numeric day-first dates whose "month" is over 12 are American month-first ones (01/16/2012).
      if (p.d === 1 && p.y === 4 && mo! > 12 && d <= 12) [mo, d] = [d, mo!];
      hits.push({ index: m.index, length: m[0].length, y, m: mo, d });
    }
  }
  hits.sort((a, b) => a.index - b.index);
  for (const h of hits) {
    const f = dateAt(text, h.index, h.length, h.y, h.m, h.d);
    if (f) return f;
  }
  return undefined;
}
