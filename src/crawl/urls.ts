/**
 * Crawl-side URL rules: the frontier key of a URL (the canonical URL of src/core/url.ts, so the crawler
 * and the article ids agree on which parameters select a story), URL shapes for trap budgets, and the
 * cheap checks that refuse obviously endless or unsafe links before they are queued.
 */
import { canonicalizeUrl } from '../core/url.ts';

/**
 * The frontier key: one story, one key; exactly the canonical URL (trackers and session ids dropped,
 * story-selecting parameters such as `?s=` kept). Throws for something that is not an http(s) URL.
 */
export function crawlKey(raw: string, base?: string): string {
  const u = base ? new URL(raw, base) : new URL(raw);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not http(s): ${u.protocol}`);
  return canonicalizeUrl(u.toString());
}

/** Resolve a link on a page to a frontier key, or undefined for non-http(s) and malformed links. */
export function resolveLink(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(?:javascript|mailto|tel|data|sms|whatsapp|ftp|file):/i.test(h))
    return undefined;
  try {
    return crawlKey(h, base);
  } catch {
    return undefined;
  }
}

/** Path + query, which site patterns are matched against. */
export function pathAndQuery(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** The shape of a URL: host, path and query names with every run of digits replaced by N. */
export function urlShape(url: string): string {
  const u = new URL(url);
  const keys = [...u.searchParams.keys()].sort().join('&');
  return `${u.host}${u.pathname.replace(/\d+/g, 'N')}?${keys}`;
}

/** Why a URL is refused before queueing, or undefined when it looks sane. */
export function trapReason(url: string): string | undefined {
  if (url.length > 400) return 'url-too-long';
  const u = new URL(url);
  if ([...u.searchParams.keys()].length > 8) return 'too-many-parameters';
  const segs = u.pathname.split('/').filter(Boolean);
  if (segs.length > 12) return 'path-too-deep';
  // The same segment three or more times (/a/b/a/b/a/b): relative-link loops.
  const counts = new Map<string, number>();
  for (const s of segs) counts.set(s, (counts.get(s) ?? 0) + 1);
  if ([...counts.values()].some((c) => c >= 3)) return 'repeated-segments';
  return undefined;
}

const NON_HTML_EXT =
  /\.(?:pdf|jpe?g|png|gif|webp|svg|ico|mp[34]|m4a|avi|mov|webm|zip|gz|rar|7z|docx?|xlsx?|pptx?|css|js|json|woff2?|ttf|apk|exe|dmg)$/i;

/** The link points at a file that is not a page (judged by extension; the Content-Type decides later). */
export function looksNonHtml(url: string): boolean {
  return NON_HTML_EXT.test(new URL(url).pathname);
}
