/**
 * Page metadata: title, publication time, author, site, canonical URL and declared language, read from
 * meta tags, JSON-LD, <time> and the visible byline. Reading never throws on what a page or its URL holds:
 * an unparseable URL is ignored, hostile JSON-LD is walked with bounds, and long strings are cut before
 * any regex sees them.
 */
import type { CheerioAPI } from 'cheerio';
import { isNotProse, squash } from '../core/text.ts';
import { findPublished, readMetaTags } from './dates-page.ts';
import { type JsonLd, nameOf, readJsonLd } from './jsonld.ts';
import { pageIndex } from './page-index.ts';

export interface PageMetadata {
  title: string;
  /** ISO 8601 with offset; IST when the page names no zone. */
  published?: string;
  /**
   * Where `published` was read: `jsonld:datePublished`, `meta:article:published_time`, `itemprop:datePublished`,
   * `time[pubdate]`, `time[datetime]`, `time`, `byline: <the visible text>`, `jsonld:dateModified`, `url`.
   */
  publishedSource?: string;
  author?: string;
  site?: string;
  canonicalUrl?: string;
  /** Language declared by the page (`<html lang>`), a hint only. */
  declaredLang?: string;
}

/** Longest title kept; real headlines are far shorter, and the cap bounds later regex work. */
export const MAX_TITLE = 300;
/** Longest author, site or language value kept. */
const MAX_FIELD = 200;
const MAX_URL = 2048;

/** Cut first, then collapse white space: squash never runs over megabytes of a hostile attribute. */
function clip(v: string | undefined, max: number): string | undefined {
  if (!v) return undefined;
  return (
    squash(v.slice(0, max * 2))
      .slice(0, max)
      .trim() || undefined
  );
}

/**
 * A title value, clipped; none when the value is far longer than any headline or is not prose (a mangled
 * multi-megabyte `og:title`), so the next source (`<h1>`, `<title>`) is used instead.
 */
function clipTitle(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > MAX_TITLE * 10) return undefined;
  const t = clip(v, MAX_TITLE);
  return t && !isNotProse(t) ? t : undefined;
}

/** Parse a URL without throwing: absolute, or relative to `base` when `base` itself parses. */
export function safeUrl(href: string | undefined, base?: string): URL | undefined {
  const h = href?.trim().slice(0, MAX_URL);
  if (!h) return undefined;
  let baseUrl: URL | undefined;
  try {
    baseUrl = base ? new URL(base.trim().slice(0, MAX_URL)) : undefined;
  } catch {
    baseUrl = undefined;
  }
  try {
    const u = new URL(h, baseUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Read metadata from a parsed page. `url` is where the page came from, used to resolve relative links. */
export function readMetadata($: CheerioAPI, url?: string, options: { now?: number } = {}): PageMetadata {
  const tags = readMetaTags($);
  const index = pageIndex($.root()[0]!);
  const meta = (key: string, max = MAX_FIELD): string | undefined => clip(tags.get(key)?.content, max);
  const ld = readJsonLd($);
  const nodes: JsonLd[] = [...ld.articles, ...ld.pages];
  const ldField = (k: string): unknown => nodes.find((o) => o[k] !== undefined)?.[k];

  const title =
    clipTitle(tags.get('og:title')?.content) ??
    clipTitle(tags.get('twitter:title')?.content) ??
    clipTitle(nameOf(ld.articles.find((o) => o.headline !== undefined)?.headline)) ??
    clipTitle(index.h1 && $(index.h1).text()) ??
    clipTitle(index.title && $(index.title).text());

  const canonical = safeUrl(index.canonical?.attribs.href, url) ?? safeUrl(meta('og:url', MAX_URL), url);
  const canonicalUrl = canonical?.toString();
  const pageUrl = safeUrl(url)?.toString();
  const host = (canonical ?? safeUrl(url))?.hostname.replace(/^www\./, '') || undefined;
  const dates = findPublished($, { url: pageUrl, canonicalUrl, ld, meta: tags, now: options.now });
  return {
    title: title ?? '',
    ...dates,
    author: meta('author') ?? clip(nameOf(ldField('author')), MAX_FIELD),
    site: meta('og:site_name') ?? clip(nameOf(ldField('publisher')), MAX_FIELD) ?? host,
    canonicalUrl,
    declaredLang: clip(index.html?.attribs.lang, 35),
  };
}
