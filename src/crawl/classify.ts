/**
 * Tell pages apart: only articles go into the pipeline. Listing, section and tag pages are crawled for
 * links; galleries, videos and AMP copies are skipped (AMP leads to its canonical article instead).
 */
import type { CheerioAPI } from 'cheerio';
import type { ResolvedSite } from './config.ts';
import { pathAndQuery } from './urls.ts';

export type PageKind = 'article' | 'listing' | 'tag' | 'gallery' | 'video' | 'amp';

export interface PageInfo {
  kind: PageKind;
  /** rel=canonical (absolute), when the page declares one. */
  canonical?: string;
  /** Publication or modification time declared by the page. */
  published?: string;
  modified?: string;
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report)$/;
const GALLERY_URL =
  /\/(?:photos?|gallery|galleries|photogallery|photo-gallery|web-stories?|slideshow|tasveer(?:en)?)(?:\/|$)/i;
const VIDEO_URL = /\/(?:videos?|video-gallery|live-tv)(?:\/|$)/i;
const TAG_URL = /\/(?:tags?|topics?|topic|author|authors)(?:\/|$)/i;

function jsonLdTypes($: CheerioAPI): { types: Set<string>; published?: string; modified?: string } {
  const types = new Set<string>();
  let published: string | undefined;
  let modified: string | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const t = o['@type'];
    for (const x of Array.isArray(t) ? t : [t]) if (typeof x === 'string') types.add(x);
    if (typeof o.datePublished === 'string') published ??= o.datePublished;
    if (typeof o.dateModified === 'string') modified ??= o.dateModified;
    if (o['@graph']) visit(o['@graph']);
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      /* broken JSON-LD is common; ignore it */
    }
  });
  return { types, published, modified };
}

export function classifyPage($: CheerioAPI, url: string, site: ResolvedSite | undefined): PageInfo {
  const href = $('link[rel="canonical"]').first().attr('href');
  let canonical: string | undefined;
  try {
    canonical = href ? new URL(href, url).href : undefined;
  } catch {
    canonical = undefined;
  }
  const html = $('html');
  const isAmp =
    html.attr('amp') !== undefined || html.attr('⚡') !== undefined || /\/amp(?:\/|$)|[?&]amp=1/.test(url);
  const ld = jsonLdTypes($);
  const published = ld.published ?? $('meta[property="article:published_time"]').attr('content');
  const modified = ld.modified ?? $('meta[property="article:modified_time"]').attr('content');
  const base = {
    ...(canonical ? { canonical } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
  };
  if (isAmp && canonical && canonical !== url) return { kind: 'amp', ...base };
  const path = pathAndQuery(url);
  const ogType = ($('meta[property="og:type"]').attr('content') ?? '').toLowerCase();
  const gallery =
    [...ld.types].some((t) => /Gallery$/.test(t)) || ogType.includes('gallery') || GALLERY_URL.test(path);
  if (gallery) return { kind: 'gallery', ...base };
  const video =
    (ld.types.has('VideoObject') && ![...ld.types].some((t) => ARTICLE_TYPES.test(t))) ||
    VIDEO_URL.test(path) ||
    ogType.startsWith('video');
  if (video) return { kind: 'video', ...base };
  if (TAG_URL.test(path)) return { kind: 'tag', ...base };
  const patterns = site?.articlePatterns ?? [];
  const isArticle =
    patterns.length > 0
      ? patterns.some((p) => p.test(path))
      : [...ld.types].some((t) => ARTICLE_TYPES.test(t)) || ogType === 'article';
  return { kind: isArticle ? 'article' : 'listing', ...base };
}

/** Before fetching: is this URL an article candidate by the site's patterns (undefined: unknown)? */
export function articleByUrl(url: string, site: ResolvedSite | undefined): boolean | undefined {
  const patterns = site?.articlePatterns ?? [];
  if (patterns.length === 0) return undefined;
  return patterns.some((p) => p.test(pathAndQuery(url)));
}
