/**
 * A page's publication time from every place pages keep it, in order of trust: JSON-LD, meta tags,
 * `<time>` in the article's header, the visible byline ("Updated: Jan 16, 2012, 03.47 AM IST",
 * "प्रकाशित: 16 जनवरी 2012"), modification times, and the URL. The source is named in `publishedSource`.
 */
import type { CheerioAPI } from 'cheerio';
import { type Hit, type PageHits, scanPage } from './dates-dom.ts';
import { dateFromUrl } from './dates-url.ts';
import type { JsonLd, JsonLdNodes } from './jsonld.ts';
import { pageIndex } from './page-index.ts';
import { parseDateValue } from './published.ts';

/** Meta keys (name, property or itemprop, lower case) that hold the publication time, most trusted first. */
// biome-ignore format: list
const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published',
  'published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date',
  'publication_date', 'publication-date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created',
  'dcterms.created', 'dc.date', 'dcterms.date', 'date', 'sailthru.date', 'parsely-pub-date',
  'article.published', 'original-publish-date', 'cxenseparse:recs:publishtime', 'bt:pubdate',
  'citation_publication_date', 'datecreated', 'created-date', 'content_publication_date', 'displaydate',
];
// biome-ignore format: list
const MODIFIED_META = [
  'article:modified_time', 'og:updated_time', 'article:updated_time', 'modified_time', 'datemodified',
  'dc.date.modified', 'dcterms.modified', 'last-modified', 'lastmod', 'updated_time', 'sailthru.lastmodified',
];

/** Slack for clocks and zones before a time counts as in the future (and so as a misreading). */
const FUTURE_SLACK_MS = 2 * 86_400_000;

/** The first JSON-LD value of `key` that parses, in the order of `nodes`. */
function fromJsonLd(nodes: JsonLd[], key: string): Hit | undefined {
  for (const o of nodes) {
    let v = o[key];
    if (Array.isArray(v)) v = v[0];
    if (v && typeof v === 'object') v = (v as JsonLd)['@value'];
    const iso = typeof v === 'string' ? parseDateValue(v) : undefined;
    if (iso) return { iso, source: `jsonld:${key}`, rank: 0 };
  }
  return undefined;
}

/** A page's meta tags by lower-cased name, property or http-equiv: the first of each, value cut short. */
export type MetaTags = Map<string, { name: string; content: string }>;

/** Read every `<meta content>` once (one pass instead of one selector per key). */
export function readMetaTags($: CheerioAPI): MetaTags {
  const map: MetaTags = new Map();
  for (const el of pageIndex($.root()[0]!).metas) {
    const name = el.attribs.property ?? el.attribs.name ?? el.attribs['http-equiv'];
    // Microdata metas (itemprop) are read in the DOM scan, where related-story cards can be told apart.
    if (!name) continue;
    const key = name.trim().toLowerCase();
    if (!map.has(key)) map.set(key, { name: name.trim(), content: el.attribs.content!.slice(0, 4096) });
  }
  return map;
}

function fromMeta(map: MetaTags, keys: string[]): Hit | undefined {
  for (const k of keys) {
    const m = map.get(k);
    const iso = m ? parseDateValue(m.content) : undefined;
    if (iso) return { iso, source: `meta:${m!.name}`, rank: 0 };
  }
  return undefined;
}

/** A URL without its query and fragment, cut at the first `?` or `#` (a regex `[?#].*$` backtracks on line breaks). */
function beforeQuery(u: string): string {
  const q = u.search(/[?#]/);
  return q >= 0 ? u.slice(0, q) : u;
}

/** Order a page's JSON-LD articles so that the one describing `url` comes first. */
function ownArticleFirst(ld: JsonLdNodes, urls: (string | undefined)[]): JsonLd[] {
  const norm = (u: unknown) => (typeof u === 'string' ? beforeQuery(u).replace(/\/$/, '') : '');
  const wanted = new Set(urls.filter(Boolean).map(norm));
  const own = ld.articles.find((o) => {
    const ids = [o.url, o['@id'], o.mainEntityOfPage, (o.mainEntityOfPage as JsonLd | undefined)?.['@id']];
    return ids.some((u) => wanted.has(norm(u)));
  });
  const rest = ld.articles.filter((o) => o !== own);
  return [...(own ? [own] : rest.slice(0, 1)), ...ld.pages, ...(own ? rest : rest.slice(1))];
}

/** Where {@link findPublished} looks besides the DOM. */
export interface PublishedOptions {
  url?: string;
  canonicalUrl?: string;
  /** The page's JSON-LD, as read by readJsonLd. */
  ld: JsonLdNodes;
  /** The page's meta tags, as read by readMetaTags. */
  meta: MetaTags;
  /** Reading time in ms; later dates are misreadings. Defaults to now. */
  now?: number;
}

/** The publication time of a page (ISO 8601 with offset) and the place it was read from. */
export function findPublished(
  $: CheerioAPI,
  options: PublishedOptions,
): { published?: string; publishedSource?: string } {
  const limit = (options.now ?? Date.now()) + FUTURE_SLACK_MS;
  const ok = (h: Hit | undefined) => (h && Date.parse(h.iso) <= limit ? h : undefined);
  const best = (hs: Hit[]) => ok([...hs].filter((h) => ok(h)).sort((a, b) => a.rank - b.rank)[0]);
  const ordered = ownArticleFirst(options.ld, [options.canonicalUrl, options.url]);
  const { meta } = options;
  let page: PageHits | undefined;
  const scan = () => {
    page ??= scanPage($);
    return page;
  };
  const published: (() => Hit | undefined)[] = [
    () => ok(fromJsonLd(ordered, 'datePublished')),
    () => ok(fromJsonLd(ordered, 'dateCreated')),
    () => ok(fromMeta(meta, PUBLISHED_META)),
    () => best(scan().itemprops),
    () => best(scan().times),
    () => best(scan().published),
    () => best(scan().plain),
  ];
  const modified: (() => Hit | undefined)[] = [
    () => best(scan().updated),
    () => ok(fromJsonLd(ordered, 'dateModified')),
    () => ok(fromMeta(meta, MODIFIED_META)),
    () => best(scan().modified),
  ];
  const found = (h: Hit) => ({ published: h.iso, publishedSource: h.source });
  for (const step of published) {
    const h = step();
    if (h) return found(h);
  }
  let changed: Hit | undefined;
  for (const step of modified) if (!changed) changed = step();
  const urlIso = dateFromUrl(options.url, options.now) ?? dateFromUrl(options.canonicalUrl, options.now);
  // A modification time is only an upper bound on publication: when the URL names another day, the URL's
  // day is the publication day; when both agree, the modification time adds the hour.
  if (changed && (!urlIso || urlIso.slice(0, 10) === changed.iso.slice(0, 10))) return found(changed);
  if (urlIso) return found({ iso: urlIso, source: 'url', rank: 0 });
  return {};
}
