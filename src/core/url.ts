/**
 * URL canonicalisation: one story, one key, whatever tracking parameters or fragments a link carries, and
 * never one key for two stories. Only parameters known to carry nothing but attribution are removed; every
 * other parameter is kept, because on many CMSs a query parameter is what selects the story (`?id=`,
 * `?s=`, `?nid=`), and merging two stories under one id stores the second as a revision of the first.
 */

/**
 * Pure attribution: ad-click ids, analytics and mailing-list campaign tags, social share markers. None of
 * these selects content on any site we know of; each is documented by the vendor that adds it.
 */
const TRACKERS = new Set([
  // Ad clicks: Google (gclid, gclsrc, dclid, gbraid, wbraid), Meta, Microsoft, Yandex, X, TikTok, LinkedIn.
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  // Analytics and mailings: Google Analytics linkers, Mailchimp, HubSpot, Marketo, Adobe, Alibaba, MSN.
  '_ga',
  '_gl',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  's_cid',
  'spm',
  'ocid',
  // Campaign ids (`cmpid`, Indian outlets' newsletters and push notifications), Instagram and X shares.
  'cmpid',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
]);

/**
 * Referral labels: `?ref=home`, `?from=mdr`, `?src=rss`, `?share=whatsapp`. Dropped only when the value is
 * a bare word (no digit, no path): then it names where the reader came from. A value with a digit or any
 * other character (`?ref=123`, `?src=/x`, `?share=2`) may select content and is kept.
 */
const LABELS = new Set(['ref', 'from', 'src', 'share']);
const WORD_LABEL = /^[a-z][a-z_.-]{0,31}$/i;

/**
 * Session ids: they make every visit look like a new page, and carry only the visitor's session. Named
 * by the platform that adds them (Java servlets, PHP, classic ASP, ColdFusion), so dropped whatever their
 * value; also as a path parameter (`/story;jsessionid=…`), the servlet spelling.
 */
const SESSION_IDS = new Set([
  'jsessionid',
  'phpsessid',
  'aspsessionid',
  'sessionid',
  'session_id',
  'cfid',
  'cftoken',
]);
const PATH_SESSION = /;(?:jsessionid|sid|phpsessid)=[^/?#]*/gi;

/**
 * Ambiguous session names: `sid` is a session id on many sites but the story id on others (PHP-Nuke's
 * `article.php?sid=1234`), `zx` a cache-buster. Dropped only when the value looks like a generated token
 * (8+ letters and digits, not all digits); a number or anything with punctuation may select content.
 */
const TOKEN_SESSION = new Set(['sid', 'zx']);
const SESSION_TOKEN = /^(?!\d+$)[a-z0-9]{8,}$/i;

/**
 * AMP switches (`?amp`, `?amp=1`, `?amp=true`): the same story in another template. AMP *paths* (`/amp/`,
 * `amp_articleshow`) are not rewritten: their shapes differ by outlet, a guessed rewrite can name a page
 * that does not exist, and the page's `<link rel="canonical">` names the real one.
 */
const AMP_VALUES = new Set(['', '1', 'true', 'yes']);

/**
 * Whether the query parameter `key=value` carries only attribution or a session (and is dropped from the
 * canonical URL, which is also the crawler's frontier key).
 */
export function isTrackingParam(key: string, value: string): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('utm_') || TRACKERS.has(k) || SESSION_IDS.has(k)) return true;
  if (LABELS.has(k)) return WORD_LABEL.test(value);
  if (TOKEN_SESSION.has(k)) return SESSION_TOKEN.test(value);
  return k === 'amp' && AMP_VALUES.has(value.toLowerCase());
}

/** By UTF-16 code unit, not locale: the same order (so the same id) on every machine. */
const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Canonical form: lower-case scheme and host (no trailing dot), default port dropped, no fragment, no
 * tracking or session parameters (in the query or the path), the kept ones sorted by name (repeated names
 * keep their order), no trailing slash on paths; path case is kept (paths are case-sensitive). Throws for
 * something that is not a URL.
 */
export function canonicalizeUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = '';
  if (u.pathname.includes(';')) u.pathname = u.pathname.replace(PATH_SESSION, '');
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443'))
    u.port = '';
  const kept: [string, string][] = [];
  for (const [rawKey, value] of u.searchParams) {
    // `&amp;` copied from HTML source without decoding: `amp;utm_source` is `utm_source`.
    const key = rawKey.replace(/^(?:amp;)+/i, '');
    if (key && !isTrackingParam(key, value)) kept.push([key, value]);
  }
  u.search = new URLSearchParams(kept.sort(byKey)).toString();
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = trimEnd(u.pathname, '/');
  return u.toString();
}

/** Host without `www.`, or undefined for an invalid URL. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** `s` without the `c` characters at its end; a loop, where `/c+$/` would retry every run (quadratic). */
export function trimEnd(s: string, c: string): string {
  let e = s.length;
  while (e > 0 && s[e - 1] === c) e--;
  return s.slice(0, e);
}
