/**
 * Feeds and sitemaps: RSS 2.0, Atom, XML sitemaps, sitemap indexes and Google News sitemaps
 * (`news:publication_date`, `news:title`). Each yields entries with a URL and, when known, a date.
 */
import * as cheerio from 'cheerio';

export type XmlKind = 'rss' | 'atom' | 'urlset' | 'sitemapindex';

export interface FeedEntry {
  url: string;
  /** ISO time: publication (news sitemaps, feeds) or last modification. */
  date?: string;
  title?: string;
}

export interface ParsedXml {
  kind: XmlKind;
  entries: FeedEntry[];
}

function iso(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Recognise and parse a feed or sitemap; undefined when the text is neither. */
export function parseFeedOrSitemap(text: string): ParsedXml | undefined {
  const head = text.slice(0, 2000);
  if (!/<(?:rss|feed|urlset|sitemapindex|rdf:RDF)[\s>]/i.test(head)) return undefined;
  const $ = cheerio.load(text, { xml: true });
  const txt = (el: ReturnType<typeof $>, sel: string) => el.find(sel).first().text().trim() || undefined;
  if ($('sitemapindex').length) {
    return {
      kind: 'sitemapindex',
      entries: $('sitemapindex > sitemap')
        .toArray()
        .map((s) => ({ url: txt($(s), 'loc') ?? '', date: iso(txt($(s), 'lastmod')) }))
        .filter((e) => e.url),
    };
  }
  if ($('urlset').length) {
    return {
      kind: 'urlset',
      entries: $('urlset > url')
        .toArray()
        .map((u) => {
          const el = $(u);
          const news = el.find('news\\:news, news');
          const published = news.length ? txt(news, 'news\\:publication_date, publication_date') : undefined;
          const title = news.length ? txt(news, 'news\\:title, title') : undefined;
          return {
            url: txt(el, 'loc') ?? '',
            date: iso(published) ?? iso(txt(el, 'lastmod')),
            ...(title ? { title } : {}),
          };
        })
        .filter((e) => e.url),
    };
  }
  if ($('feed').length) {
    return {
      kind: 'atom',
      entries: $('feed > entry')
        .toArray()
        .map((e) => {
          const el = $(e);
          const link =
            el.find('link[rel="alternate"]').attr('href') ??
            el.find('link:not([rel])').attr('href') ??
            el.find('link').attr('href');
          return {
            url: link?.trim() ?? '',
            date: iso(txt(el, 'published')) ?? iso(txt(el, 'updated')),
            title: txt(el, 'title'),
          };
        })
        .filter((e) => e.url),
    };
  }
  return {
    kind: 'rss',
    entries: $('item')
      .toArray()
      .map((i) => {
        const el = $(i);
        const link = txt(el, 'link') ?? (el.find('guid[isPermaLink!="false"]').text().trim() || undefined);
        return {
          url: link ?? '',
          date: iso(txt(el, 'pubDate')) ?? iso(txt(el, 'dc\\:date')),
          title: txt(el, 'title'),
        };
      })
      .filter((e) => e.url),
  };
}
