/**
 * Dates in article URLs (`/2022/11/24/`, `/2022-11-24/`, `-20221124`, `/24-11-2022/`): the last resort
 * for a publication day, used only when the day is real and not after the time the page was read.
 */
import { formatIso, isValidDate } from './published.ts';

/** Each pattern with the group numbers of year, month, day; run on the URL's path only. */
const URL_DATES: { re: RegExp; y: number; m: number; d: number }[] = [
  { re: /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/, y: 1, m: 2, d: 3 },
  { re: /(?<![\d])((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?![\d])/, y: 1, m: 2, d: 3 },
  { re: /(?<=[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/, y: 1, m: 2, d: 3 },
  { re: /(?<=[/_-])(\d{2})[-_](\d{2})[-_]((?:19|20)\d{2})(?=[/_.-]|$)/, y: 3, m: 2, d: 1 },
];

/** Longest URL looked at; longer ones are cut before any pattern runs. */
const MAX_URL = 2048;

/**
 * The publication day a URL spells, as ISO 8601 at midnight IST, or undefined. `now` (ms) bounds it: a
 * day after `now` (plus a day of slack for zones) is an id or a typo, not a date.
 */
export function dateFromUrl(url: string | undefined, now = Date.now()): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url.slice(0, MAX_URL)).pathname;
  } catch {
    return undefined;
  }
  for (const p of URL_DATES) {
    const m = p.re.exec(path);
    if (!m) continue;
    const [y, mo, d] = [Number(m[p.y]), Number(m[p.m]), Number(m[p.d])];
    if (!isValidDate(y, mo, d)) continue;
    const iso = formatIso(y, mo, d, 0, 0, 0, 330);
    if (Date.parse(iso) > now + 86_400_000) continue;
    return iso;
  }
  return undefined;
}
