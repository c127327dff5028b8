/**
 * Page metadata: title, publication time, author, site, canonical URL and declared language, read from
 * meta tags, JSON-LD and <time>, in that order of trust.
 */
import type { CheerioAPI } from 'cheerio';
import { squash } from '../core/text.ts';
import { parseMachineDate } from './published.ts';

export interface PageMetadata {
  title: string;
  published?: string;
  publishedSource?: string;
  author?: string;
  site?: string;
  canonicalUrl?: string;
  /** Language declared by the page (`<html lang>`), a hint only. */
  declaredLang?: string;
}

type JsonLd = Record<string, unknown>;
const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|LiveBlogPosting)$/;

function jsonLdArticles($: CheerioAPI): JsonLd[] {
  const out: JsonLd[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as JsonLd;
      const t = o['@type'];
      const types = Array.isArray(t) ? t : [t];
      if (types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x))) out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      // Broken JSON-LD is common; the other metadata sources still apply.
    }
  });
  return out;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return squash(v) || undefined;
  if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(', ') || undefined;
  if (v && typeof v === 'object') return nameOf((v as JsonLd).name);
  return undefined;
}

function absolute(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** Read metadata from a parsed page. `url` is where the page came from, used to resolve relative links. */
export function readMetadata($: CheerioAPI, url?: string): PageMetadata {
  const meta = (sel: string): string | undefined => {
    const v = $(sel).first().attr('content');
    return v ? squash(v) || undefined : undefined;
  };
  const ld = jsonLdArticles($);
  const ldField = (k: string): unknown => ld.find((o) => o[k] !== undefined)?.[k];

  const title =
    meta('meta[property="og:title"]') ??
    nameOf(ldField('headline')) ??
    (squash($('h1').first().text()) || undefined) ??
    squash($('title').first().text());

  const candidates: [string | undefined, string][] = [
    [meta('meta[property="article:published_time"]'), 'meta article:published_time'],
    [meta('meta[itemprop="datePublished"]'), 'meta itemprop=datePublished'],
    [meta('meta[name="publish-date"]') ?? meta('meta[name="pubdate"]'), 'meta publish-date'],
    [nameOf(ldField('datePublished')), 'JSON-LD datePublished'],
    [$('time[datetime]').first().attr('datetime'), '<time datetime>'],
  ];
  let published: string | undefined;
  let publishedSource: string | undefined;
  for (const [value, source] of candidates) {
    const iso = value ? parseMachineDate(value) : undefined;
    if (iso) {
      published = iso;
      publishedSource = `${source}: ${value}`;
      break;
    }
  }
  const canonicalUrl = absolute(
    $('link[rel="canonical"]').first().attr('href') ?? meta('meta[property="og:url"]'),
    url,
  );
  const host =
    (canonicalUrl ?? url) ? new URL((canonicalUrl ?? url)!).hostname.replace(/^www\./, '') : undefined;
  const publisher = ldField('publisher');
  return {
    title: title ?? '',
    published,
    publishedSource,
    author: meta('meta[name="author"]') ?? nameOf(ldField('author')),
    site: meta('meta[property="og:site_name"]') ?? nameOf(publisher) ?? host,
    canonicalUrl,
    declaredLang: $('html').attr('lang')?.trim() || undefined,
  };
}
