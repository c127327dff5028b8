/**
 * Handling a fetched page: 304s and HTTP errors are recorded; feeds and sitemaps are parsed and their entries
 * offered to the frontier (new stories first, `since` applied); HTML pages are classified (article, listing,
 * tag, gallery, video, AMP), and only articles, one record per story under their canonical URL, are pushed
 * into the ingest driver as source documents. Listings and tags are followed for links. Every page is
 * recorded in the crawl state and reported as a PageEvent.
 */
import type { CheerioAPI } from 'cheerio';
import type { CheerioCrawlingContext } from 'crawlee';
import type { IngestBridge } from './bridge.ts';
import { classifyPage } from './classify.ts';
import { parseFeedOrSitemap } from './feeds.ts';
import type { Frontier } from './frontier.ts';
import type { CrawlContext, UserData } from './types.ts';
import { crawlKey, resolveLink } from './urls.ts';

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)$/;
const XML_TYPES = /xml|rss|atom/;

/** The followable links of a page (no `rel=nofollow`), as crawl keys. */
function linksOf($: CheerioAPI, base: string): string[] {
  const out = new Set<string>();
  $('a[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase();
    if (rel.includes('nofollow')) return;
    const k = resolveLink($(el).attr('href'), base);
    if (k) out.add(k);
  });
  return [...out];
}

/** The crawler's request handler for one run. */
export function requestHandler(
  crawl: CrawlContext,
  frontier: Frontier,
  bridge: IngestBridge,
  lastRunStart: number | undefined,
): (ctx: CheerioCrawlingContext<UserData>) => Promise<void> {
  const { options, sites, first, since, siteOfUrl, state, run, tally } = crawl;
  const { enqueue, inRun } = frontier;
  const { sink, pendingSources } = bridge;
  return async (ctx: CheerioCrawlingContext<UserData>): Promise<void> => {
    const { request, response } = ctx;
    const data = request.userData;
    const key = data.key;
    const site = sites[data.site] ?? first;
    const status = response.statusCode ?? 0;
    const loaded = request.loadedUrl ?? request.url;
    const hops = tally.redirectChains.get(request.url) ?? [];
    tally.redirectChains.delete(request.url);
    tally.fetched++;
    const header = (name: string) => {
      const v = response.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const validators = { etag: header('etag'), lastModified: header('last-modified') };
    const event = (kind: string) =>
      options.onPage?.({
        url: key,
        loadedUrl: loaded,
        status,
        kind,
        ...(hops.length ? { redirects: hops } : {}),
      });
    if (hops.length) tally.redirects.push({ from: key, to: loaded, hops: hops.length });
    const record = (kind: string, stored = true) =>
      state.recordFetch(key, { ...validators, status, kind, run: run.id, stored });

    if (status === 304) {
      tally.notModified++;
      record('not-modified');
      event('not-modified');
      tally.progress();
      return;
    }
    if (status >= 400) {
      const code = `http-${status}`;
      tally.errors[code] = (tally.errors[code] ?? 0) + 1;
      record('error');
      event('error');
      tally.progress();
      return;
    }
    const type = ctx.contentType?.type ?? '';
    const body = ctx.body;
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    if (data.label !== 'page' || XML_TYPES.test(type)) {
      const parsed = parseFeedOrSitemap(text);
      if (parsed) {
        tally.feeds++;
        record(parsed.kind);
        event(parsed.kind === 'urlset' || parsed.kind === 'sitemapindex' ? 'sitemap' : 'feed');
        const isNew = (k: string, date?: string) => {
          const prev = state.get(k);
          if (!prev) return true;
          return date !== undefined && lastRunStart !== undefined && Date.parse(date) >= lastRunStart;
        };
        const cands: Parameters<Frontier['enqueue']>[0] = [];
        for (const e of parsed.entries) {
          const k = resolveLink(e.url, loaded);
          if (!k) continue;
          if (since !== undefined && e.date && Date.parse(e.date) < since) {
            tally.skip('since', k);
            continue;
          }
          if (parsed.kind === 'sitemapindex') {
            cands.push({
              key: k,
              data: { label: 'sitemap', depth: data.depth, entry: true },
              forefront: true,
            });
          } else {
            // New stories from feeds and sitemaps go to the front of the queue.
            cands.push({
              key: k,
              data: { label: 'page', depth: data.depth + 1, ...(e.date ? { date: e.date } : {}) },
              forefront: isNew(k, e.date),
            });
          }
        }
        await enqueue(cands);
        tally.progress();
        return;
      }
      if (data.label !== 'page') {
        tally.errors['bad-feed'] = (tally.errors['bad-feed'] ?? 0) + 1;
        record('error');
        event('error');
        tally.progress();
        return;
      }
    }
    if (!HTML_TYPES.test(type) || !ctx.$) {
      tally.skip('non-html', key);
      record('non-html');
      event('non-html');
      tally.progress();
      return;
    }
    const $ = ctx.$ as unknown as CheerioAPI;
    const loadedKey = crawlKey(loaded);
    const info = classifyPage($, loaded, site);
    const follow = async () => {
      if (data.depth >= site.maxDepth) return;
      await enqueue(
        linksOf($, loaded).map((k) => ({ key: k, data: { label: 'page' as const, depth: data.depth + 1 } })),
      );
    };

    if (info.kind === 'amp') {
      tally.skip('amp', key);
      record('amp');
      event('amp');
      const canon = resolveLink(info.canonical, loaded);
      if (canon) await enqueue([{ key: canon, data: { label: 'page', depth: data.depth }, forefront: true }]);
      tally.progress();
      return;
    }
    if (info.kind !== 'article') {
      tally.skip(info.kind, key);
      record(info.kind);
      event(info.kind);
      if (info.kind === 'listing' || info.kind === 'tag') await follow();
      tally.progress();
      return;
    }
    // An article. One story, one record: the canonical URL is its key.
    let canonKey = loadedKey;
    if (info.canonical) {
      const c = resolveLink(info.canonical, loaded);
      if (c && siteOfUrl(new URL(c)) >= 0) canonKey = c;
    }
    const keys = [...new Set([key, loadedKey, canonKey])];
    const already = keys
      .filter((k) => k !== key)
      .some((k) => state.get(k)?.run === run.id && state.get(k)?.kind === 'article');
    if (already) {
      tally.skip('duplicate', key);
      record('duplicate');
      event('duplicate');
      tally.progress();
      return;
    }
    const published = info.published ?? data.date;
    if (since !== undefined && published && Date.parse(published) < since) {
      tally.skip('since', key);
      record('since');
      event('since');
      await follow();
      tally.progress();
      return;
    }
    tally.articles++;
    for (const k of keys) {
      inRun.add(k);
      state.recordFetch(k, { ...validators, status, kind: 'article', run: run.id, stored: false });
    }
    pendingSources.set(canonKey, keys);
    bridge.hold(key);
    event('article');
    await sink.push({
      doc: {
        source: canonKey,
        content: Buffer.isBuffer(body) ? body : Buffer.from(text, 'utf8'),
        format: 'html',
        url: loaded,
        contentType: header('content-type'),
        fetchedAt: new Date().toISOString(),
      },
    });
    await follow();
    tally.progress();
  };
}
