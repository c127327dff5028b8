/**
 * A crawl killed with SIGKILL half-way resumes from its persisted queue: pages already done are not
 * fetched again, articles fetched but not yet stored are fetched again, and the end result is complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureSites, startFixtureSites } from '../fixtures/site/server.ts';
import { type CrawlEnv, crawlEnv, spawnCrawl } from './crawl-helpers.ts';

describe('crawl: resume after kill', () => {
  let sites: FixtureSites;
  let env: CrawlEnv;
  beforeAll(async () => {
    sites = await startFixtureSites({ slowMs: 50 });
    env = await crawlEnv();
  });
  afterAll(async () => {
    await env?.close();
    await sites?.close();
  });

  it('continues without refetching what is done', async () => {
    const config = sites.siteConfig('hi');
    const { child, killAfter } = spawnCrawl(env.stateDir, env.store.path, [config]);
    await killAfter(/^article /gm, 5);
    expect(child.signalCode).toBe('SIGKILL');
    const firstRun = sites.requests.length;
    const beforeKill = new Map<string, number>();
    for (const r of sites.requests)
      if (r.status === 200) beforeKill.set(r.path, (beforeKill.get(r.path) ?? 0) + 1);
    expect(firstRun).toBeGreaterThan(5);

    const s = await env.run([config]);
    expect(s.resumed).toBe(true);
    expect(await env.storedUrls()).toEqual(sites.hi.articles.map((_, i) => sites.hi.url(i)).sort());

    // What the first process finished is not fetched again: refetches are limited to pages in flight at the
    // kill (concurrency 2) and articles fetched but not yet written to the store (batch of 4).
    const after = sites.requests.slice(firstRun).filter((r) => r.path !== '/robots.txt');
    const refetched = after.filter((r) => beforeKill.has(r.path));
    expect(refetched.length).toBeLessThanOrEqual(2 + 4);
    // Entry points (home, feed, sitemaps) were done before the kill and are not fetched again.
    expect(after.filter((r) => r.path === '/feed.xml' || r.path === '/sitemap.xml')).toEqual([]);
  });

  it('keeps the trap budget of the run it resumes', async () => {
    const env2 = await crawlEnv();
    try {
      // Start on the endless calendar itself, budget 6: kill after three of its pages, then resume.
      const config = sites.siteConfig('hi', {
        start: [`${sites.hi.base}/calendar/2025-03-01`],
        feeds: [],
        sitemaps: [],
        limits: { maxDepth: 50, trapLimit: 6, maxBytes: 1048576 },
      });
      const before = sites.requests.length;
      const { child, killAfter } = spawnCrawl(env2.stateDir, env2.store.path, [config]);
      await killAfter(/\/calendar\//g, 3);
      expect(child.signalCode).toBe('SIGKILL');
      const s = await env2.run([config]);
      expect(s.resumed).toBe(true);
      const calendar = new Set(
        sites.requests
          .slice(before)
          .filter((r) => r.path.startsWith('/calendar/'))
          .map((r) => r.path),
      );
      // The start page, then at most six more of the same shape over both processes (fewer when the kill
      // lost a request it had counted).
      expect(calendar.size).toBeLessThanOrEqual(7);
      expect(calendar.size).toBeGreaterThanOrEqual(4);
    } finally {
      await env2.close();
    }
  });
});
