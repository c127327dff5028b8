/**
 * The crawler against the loopback fixture news sites (a Hindi and an English outlet): what is stored,
 * what is skipped and why, retries, redirects, traps, the recrawl with 304s and a revision, --since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlSummary, PageEvent } from '../../src/crawl/index.ts';
import { type FixtureSites, SPECIAL, startFixtureSites } from '../fixtures/site/server.ts';
import { type CrawlEnv, crawlEnv } from './crawl-helpers.ts';

describe('crawl: fixture news sites', () => {
  let sites: FixtureSites;
  let env: CrawlEnv;
  let first: CrawlSummary & { pages: PageEvent[] };

  beforeAll(async () => {
    sites = await startFixtureSites();
    env = await crawlEnv();
    first = await env.run([sites.siteConfig('hi'), sites.siteConfig('en')]);
  });
  afterAll(async () => {
    await env?.close();
    await sites?.close();
  });

  it('stores exactly the expected articles, each once', async () => {
    const stored = await env.storedUrls();
    expect(stored).toEqual(sites.expectedArticles());
    expect(stored).toHaveLength(20);
    expect(await env.store.count({ lang: 'hin' })).toBe(10);
    expect(await env.store.count({ lang: 'eng' })).toBe(10);
    expect(first.ingest.counts).toMatchObject({ created: 20, rejected: 0, failed: 0 });
    expect(first.articles).toBe(20);
    expect(first.stopped).toBe(false);
  });

  it('honours robots.txt and fetches nothing disallowed', () => {
    expect(
      sites.requests.filter((r) => r.path.startsWith('/premium/') || r.path.startsWith('/search')),
    ).toEqual([]);
    expect(first.skipped.robots).toBe(4); // /premium/… and /search on both outlets
    expect(sites.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(2);
  });

  it('sends a clear User-Agent with the contact URL', () => {
    const agents = new Set(sites.requests.map((r) => r.userAgent));
    expect([...agents]).toEqual(['KhabarBot/0.1 (+https://khabar.invalid/crawler)']);
  });

  it('never fetches tracking-parameter duplicates or AMP copies as separate records', async () => {
    const articleFetches = sites.requests.filter((r) => /^\/news\//.test(r.path));
    expect(articleFetches.filter((r) => /[?&](?:utm_|fbclid|ref=|sid=)/.test(r.path))).toEqual([]);
    // one fetch per article (+ the flaky one's two failures); the redirect target is not fetched twice
    // One fetch per article URL. The redirect target may race with its own direct link (both in flight).
    const redirected = [sites.hi, sites.en].map((o) => `${o.lang}${o.articles[SPECIAL.redirected]!.path}`);
    const ok = articleFetches.filter((r) => r.status === 200 && !r.path.includes('budget-documents'));
    const keys = ok.map((r) => `${r.outlet}${r.path}`);
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [k, c] of counts) expect(c, k).toBe(redirected.includes(k) ? c : 1);
    expect(counts.size).toBe(20);
    expect(Math.max(...redirected.map((k) => counts.get(k) ?? 0))).toBeLessThanOrEqual(2);
    expect(first.skipped.amp).toBeGreaterThanOrEqual(2);
    const stored = await env.storedUrls();
    expect(stored.filter((u) => u.includes('/amp/') || u.includes('utm_'))).toEqual([]);
  });

  it('tells non-articles apart and counts them', () => {
    expect(first.skipped['non-html']).toBe(4); // a .pdf link and an extension-less PDF download per outlet
    expect(first.skipped.gallery).toBe(2);
    expect(first.skipped.video).toBeGreaterThanOrEqual(2);
    expect(first.skipped.tag).toBeGreaterThanOrEqual(2);
    expect(first.skipped.listing).toBeGreaterThanOrEqual(10);
    expect(first.pages.filter((p) => p.kind === 'sitemap')).toHaveLength(6);
    expect(first.pages.filter((p) => p.kind === 'feed')).toHaveLength(2);
  });

  it('retries the flaky page with back-off, respecting Retry-After, then stores it', () => {
    const path = sites.en.articles[SPECIAL.flaky]!.path;
    const hits = sites.requests.filter((r) => r.outlet === 'en' && r.path === path);
    expect(hits.map((r) => r.status)).toEqual([503, 500, 200]);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950); // Retry-After: 1
    expect(first.retries).toBeGreaterThanOrEqual(2);
  });

  it('stores the slow page', async () => {
    expect(await env.storedUrls()).toContain(sites.en.url(SPECIAL.slow));
  });

  it('follows and records the redirect chain', () => {
    const hop = first.redirects.filter((r) => r.from.endsWith('/r/old-link'));
    expect(hop).toHaveLength(2);
    expect(hop.every((r) => r.hops === 2)).toBe(true);
    expect(hop.map((r) => r.to).sort()).toEqual(
      [sites.hi.url(SPECIAL.redirected), sites.en.url(SPECIAL.redirected)].sort(),
    );
  });

  it('refuses a redirect to a private address, off-site links and oversized pages', () => {
    expect(first.errors['unsafe-address']).toBe(2); // /go/intranet → http://10.0.0.1 on both outlets
    expect(first.errors['too-large']).toBe(1);
    expect(first.skipped.offsite).toBeGreaterThanOrEqual(1);
  });

  it('bounds the session-id trap', () => {
    expect(sites.requests.filter((r) => r.path.startsWith('/latest'))).toHaveLength(1);
  });

  it('recrawl: 304 for unchanged pages, a new revision for the edited article', async () => {
    const before = sites.requests.length;
    sites.hi.edit(0);
    const second = await env.run([sites.siteConfig('hi'), sites.siteConfig('en')]);
    const again = sites.requests.slice(before).filter((r) => /^\/news\//.test(r.path));
    expect(second.resumed).toBe(false);
    // Every article comes back as a 304 except the edited one (and the redirect targets, whose
    // conditional headers stay with the first URL of the chain).
    const editedPath = sites.hi.articles[0]!.path;
    const redirected = [sites.hi, sites.en].map((o) => `${o.lang}${o.articles[SPECIAL.redirected]!.path}`);
    const full = again.filter(
      (r) =>
        r.status === 200 &&
        !redirected.includes(`${r.outlet}${r.path}`) &&
        !r.path.includes('budget-documents'),
    );
    expect(full.map((r) => `${r.outlet}${r.path}`)).toEqual([`hi${editedPath}`]);
    expect(second.notModified).toBeGreaterThanOrEqual(17);
    expect(again.filter((r) => r.status === 304)).toHaveLength(second.notModified);
    expect(again.filter((r) => r.status === 304).every((r) => r.ifNoneMatch)).toBe(true);
    expect(second.ingest.counts).toMatchObject({ updated: 1, created: 0 });
    expect(await env.storedUrls()).toEqual(sites.expectedArticles());
    const edited = (await env.store.search({ text: 'अपडेट', lang: 'hin' })).hits;
    expect(edited).toHaveLength(1);
    expect(await env.store.revisions(edited[0]!.id)).toHaveLength(1);
    expect((await env.store.get(edited[0]!.id))!.revision).toBe(2);
  });
});

describe('crawl: traps and --since', () => {
  let sites: FixtureSites;
  beforeAll(async () => {
    sites = await startFixtureSites();
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('bounds an endless calendar by the trap budget', async () => {
    const env = await crawlEnv();
    try {
      const s = await env.run([
        sites.siteConfig('hi', { limits: { maxDepth: 50, trapLimit: 6, maxBytes: 1048576 } }),
      ]);
      const calendar = sites.requests.filter((r) => r.path.startsWith('/calendar/'));
      expect(calendar.length).toBe(6);
      expect(s.skipped.trap).toBeGreaterThanOrEqual(1);
      expect(await env.storedUrls()).toEqual(sites.hi.articles.map((_, i) => sites.hi.url(i)).sort());
    } finally {
      await env.close();
    }
  });

  it('reads the sitemaps robots.txt announces when the config names none', async () => {
    const env = await crawlEnv();
    try {
      // The only start point is a page that does not exist: every article must come from the sitemap
      // named in robots.txt (no feed, no sitemap in the config, nothing to follow).
      const s = await env.run([
        sites.siteConfig('hi', { start: [`${sites.hi.base}/no-such-page`], feeds: [], sitemaps: [] }),
      ]);
      expect(s.errors['http-404']).toBeGreaterThanOrEqual(1); // the start page (and the site's broken links)
      expect(s.feeds).toBeGreaterThanOrEqual(1);
      expect(await env.storedUrls()).toEqual(sites.hi.articles.map((_, i) => sites.hi.url(i)).sort());
    } finally {
      await env.close();
    }
  });

  it('--since picks up only recent stories from feeds and sitemaps', async () => {
    const env = await crawlEnv();
    try {
      const since = sites.hi.articles[7]!.published.toISOString();
      const cfg = (lang: 'hi' | 'en') => {
        const { start: _start, ...rest } = sites.siteConfig(lang) as { start?: string[] };
        return rest;
      };
      const s = await env.run([cfg('hi'), cfg('en')], { since });
      const expected = [7, 8, 9].flatMap((i) => [sites.hi.url(i), sites.en.url(i)]).sort();
      expect(await env.storedUrls()).toEqual(expected);
      expect(s.skipped.since).toBeGreaterThanOrEqual(8);
    } finally {
      await env.close();
    }
  });
});
