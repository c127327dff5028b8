/**
 * Publication times from meta values and visible dateline text ("Published : Nov 24, 2022, 9:04 PM IST",
 * "प्रकाशित: 24 नवंबर 2022, 21:04 IST"). Indian sources often omit the zone: IST is the default.
 */

/** Minutes east of UTC for zone abbreviations seen on Indian and international news pages. */
const ZONES: Record<string, number> = { IST: 330, UTC: 0, GMT: 0, Z: 0 };
export const DEFAULT_OFFSET_MINUTES = 330;

// biome-ignore format: a table reads better on few lines
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  जनवरी: 1, फरवरी: 2, फ़रवरी: 2, मार्च: 3, अप्रैल: 4, मई: 5, जून: 6, जुलाई: 7, अगस्त: 8, सितंबर: 9, सितम्बर: 9,
  अक्टूबर: 10, अक्तूबर: 10, नवंबर: 11, नवम्बर: 11, दिसंबर: 12, दिसम्बर: 12,
};

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

function validDate(y: number, mo: number, d: number, h = 0, mi = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
}

/** Parse an ISO-like machine date (meta tag, JSON-LD, <time datetime>). A value without zone is taken as IST. */
export function parseMachineDate(value: string, defaultOffset = DEFAULT_OFFSET_MINUTES): string | undefined {
  const m = value
    .trim()
    .match(
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
    );
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(
    Number,
  ) as number[];
  if (!validDate(y!, mo!, d!, h!, mi!)) return undefined;
  let offset = defaultOffset;
  const z = m[7];
  if (z && z.toUpperCase() === 'Z') offset = 0;
  else if (z) {
    const digits = z.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return formatIso(y!, mo!, d!, h!, mi!, s!, offset);
}

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:\s*([AaPp])\.?\s*[Mm]\.?)?`;
const ZONE = String.raw`(?:\s*\(?\s*(IST|UTC|GMT)\)?)?`;
// "Nov 24, 2022, 9:04 PM IST"
const MDY = new RegExp(
  String.raw`(${MONTH_ALT})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:[,\s|at]+${TIME})?${ZONE}`,
  'iu',
);
// "24 नवंबर 2022, 21:04 IST", "24 November 2022 9:04 pm"
const DMY = new RegExp(
  String.raw`(\d{1,2})\s+(${MONTH_ALT})[a-z]*\.?,?\s+(\d{4})(?:[,\s|at]+${TIME})?${ZONE}`,
  'iu',
);

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  return MONTHS[w] ?? MONTHS[w.slice(0, 3)];
}

function toIso(
  y: number,
  mo: number | undefined,
  d: number,
  hh?: string,
  mm?: string,
  ap?: string,
  zone?: string,
) {
  if (!mo) return undefined;
  let h = hh ? Number(hh) : 0;
  const mi = mm ? Number(mm) : 0;
  if (ap) {
    const pm = ap.toLowerCase() === 'p';
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (!validDate(y, mo, d, h, mi)) return undefined;
  const offset = zone ? ZONES[zone.toUpperCase()]! : DEFAULT_OFFSET_MINUTES;
  return formatIso(y, mo, d, h, mi, 0, offset);
}

/** Parse a human-written date and time such as a visible dateline. Returns ISO 8601 with offset. */
export function parseHumanDate(text: string): string | undefined {
  const a = text.match(MDY);
  if (a) return toIso(Number(a[3]), monthNumber(a[1]!), Number(a[2]), a[4], a[5], a[6], a[7]);
  const b = text.match(DMY);
  if (b) return toIso(Number(b[3]), monthNumber(b[2]!), Number(b[1]), b[4], b[5], b[6], b[7]);
  return parseMachineDate(text);
}

/** A visible "Published"/"प्रकाशित" dateline line (not "Updated"). */
export const DATELINE =
  /^\s*(?:published(?:\s+on)?|posted(?:\s+on)?|प्रकाशित(?:\s+तिथि)?|प्रकाशन)\s*[:：|-]?\s*/iu;
/** The same label anywhere in a block. */
export const DATELINE_ANYWHERE =
  /(?:^|\s)(?:published(?:\s+on)?|posted(?:\s+on)?|प्रकाशित(?:\s+तिथि)?|प्रकाशन)\s*[:：|-]?\s*/iu;
export const UPDATED_LINE = /^\s*(?:updated(?:\s+on)?|last\s+updated|अपडेट(?:ेड)?|संशोधित)\s*[:：|-]?\s*/iu;
