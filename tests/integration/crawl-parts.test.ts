/**
 * Crawler parts on their own: robots.txt, address safety, URL keys and traps, feed/sitemap parsing, site
 * config validation, the CLI command, and politeness timing against the fixture site.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCrawl } from '../../src/cli/commands/crawl.ts';
import { canonicalizeUrl } from '../../src/core/url.ts';
import { resolveSite } from '../../src/crawl/config.ts';
import {
  classifyAddress,
  crawlKey,
  durationMs,
  loadSiteConfig,
  parseFeedOrSitemap,
  parseSiteConfig,
  Robots,
  validateSiteConfig,
} from '../../src/crawl/index.ts';
import { trapReason, urlShape } from '../../src/crawl/urls.ts';
import { type FixtureSites, startFixtureSites } from '../fixtures/site/server.ts';
import { crawlEnv } from './crawl-helpers.ts';

describe('robots.txt', () => {
  const robots = new Robots(
    'User-agent: *\nDisallow: /premium/\nAllow: /premium/free$\nDisallow: /*?print=1\nCrawl-delay: 2\n\nUser-agent: KhabarBot\nDisallow: /private\n\nSitemap: https://x.in/sitemap.xml',
  );
  it('picks our group, else *', () => {
    expect(robots.isAllowed('https://x.in/private/a', 'KhabarBot/0.1 (+https://k.invalid)')).toBe(false);
    expect(robots.isAllowed('https://x.in/premium/a', 'KhabarBot/0.1')).toBe(true); // our group has no such rule
    expect(robots.isAllowed('https://x.in/premium/a', 'OtherBot')).toBe(false);
    expect(robots.isAllowed('https://x.in/premium/free', 'OtherBot')).toBe(true);
    expect(robots.isAllowed('https://x.in/news/a?print=1', 'OtherBot')).toBe(false);
    expect(robots.crawlDelayMs('OtherBot')).toBe(2000);
    expect(robots.sitemaps).toEqual(['https://x.in/sitemap.xml']);
  });
  it('reads fields by index: comments, spaces around the colon, lone CRs and junk lines', () => {
    const r = new Robots(
      `User-agent : *  # everyone\nDisallow:/members # paid\n${'#\r'.repeat(20_000)}\n${' '.repeat(30_000)}x\n:no field\nDisallow :   /drafts/   \n`,
    );
    expect(r.isAllowed('https://x.in/members/a', 'OtherBot')).toBe(false);
    expect(r.isAllowed('https://x.in/drafts/1', 'OtherBot')).toBe(false);
    expect(r.isAllowed('https://x.in/news/1', 'OtherBot')).toBe(true);
  });
  it('unreachable robots.txt disallows, a missing one allows', () => {
    expect(new Robots(undefined, 'disallow-all').isAllowed('https://x.in/a', 'K')).toBe(false);
    expect(new Robots(undefined, 'allow-all').isAllowed('https://x.in/a', 'K')).toBe(true);
  });
});

describe('address safety and URL keys', () => {
  it('classifies addresses', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.20.0.1')).toBe('private');
    expect(classifyAddress('192.168.1.1')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('link-local');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('8.8.8.8')).toBe('public');
  });
  it('strips fragments, tracking and session parameters', () => {
    expect(crawlKey('https://X.in/news/a-1/?utm_source=fb&fbclid=1&sid=k3j9x0q2mz&page=2#top')).toBe(
      'https://x.in/news/a-1?page=2',
    );
    expect(crawlKey('https://x.in/news/a-1;jsessionid=ABC?sessionid=1')).toBe('https://x.in/news/a-1');
    expect(() => crawlKey('ftp://x.in/a')).toThrow();
  });
  it('keys a URL by its canonical URL: parameters that may select a story are kept', () => {
    // Two stories that differ only by `?s=` (or a numeric `sid`) are two frontier entries.
    expect(crawlKey('https://x.in/news.php?s=4521')).toBe('https://x.in/news.php?s=4521');
    expect(crawlKey('https://x.in/news.php?s=4522')).not.toBe(crawlKey('https://x.in/news.php?s=4521'));
    expect(crawlKey('https://x.in/article.php?sid=1234')).toBe('https://x.in/article.php?sid=1234');
    for (const url of [
      'https://x.in/a?ref=home&utm_medium=x&nid=5',
      'https://x.in/a;jsessionid=ABC?from=2024-01-01&src=rss',
      'https://X.in:443/a/?share=2&amp;utm_source=y#c',
    ])
      expect(crawlKey(url), url).toBe(canonicalizeUrl(url));
  });
  it('spots trap-shaped URLs', () => {
    expect(trapReason('https://x.in/a/b/a/b/a/b')).toBe('repeated-segments');
    expect(trapReason(`https://x.in/${'x'.repeat(500)}`)).toBe('url-too-long');
    expect(urlShape('https://x.in/calendar/2025-03-01')).toBe(urlShape('https://x.in/calendar/1999-12-31'));
  });
});

describe('feeds and sitemaps', () => {
  it('reads Google News sitemaps, indexes, RSS and Atom', () => {
    const news = parseFeedOrSitemap(
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.in/a-1</loc><news:news><news:publication_date>2025-03-01T10:00:00+05:30</news:publication_date><news:title>शीर्षक</news:title></news:news></url></urlset>',
    );
    expect(news).toEqual({
      kind: 'urlset',
      entries: [{ url: 'https://x.in/a-1', date: '2025-03-01T04:30:00.000Z', title: 'शीर्षक' }],
    });
    expect(
      parseFeedOrSitemap('<sitemapindex><sitemap><loc>https://x.in/s1.xml</loc></sitemap></sitemapindex>')
        ?.entries,
    ).toEqual([{ url: 'https://x.in/s1.xml', date: undefined }]);
    const atom = parseFeedOrSitemap(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link rel="alternate" href="https://x.in/b-2"/><updated>2025-03-02T00:00:00Z</updated></entry></feed>',
    );
    expect(atom?.entries[0]).toMatchObject({ url: 'https://x.in/b-2', date: '2025-03-02T00:00:00.000Z' });
    const rss = parseFeedOrSitemap(
      '<rss version="2.0"><channel><item><title>T</title><link>https://x.in/c-3</link><pubDate>Sat, 01 Mar 2025 04:30:00 GMT</pubDate></item></channel></rss>',
    );
    expect(rss?.entries[0]).toMatchObject({ url: 'https://x.in/c-3', date: '2025-03-01T04:30:00.000Z' });
    expect(parseFeedOrSitemap('<html><body>no</body></html>')).toBeUndefined();
  });
});

describe('site config', () => {
  it('validates against schemas/site.schema.json', () => {
    expect(() =>
      parseSiteConfig('{"name":"x","start":["https://x.in/"],"politeness":{"delay":"2s"}}'),
    ).not.toThrow();
    expect(() => validateSiteConfig({ name: 'x' })).toThrow(/not a valid site config/);
    expect(() => validateSiteConfig({ name: 'x', start: ['ftp://x'] })).toThrow(/not a valid site config/);
    expect(() => validateSiteConfig({ name: 'x', start: ['https://x.in/'], articlePatterns: ['('] })).toThrow(
      /bad pattern/,
    );
    expect(() => validateSiteConfig({ name: 'x', start: ['https://x.in/'], bogus: 1 })).toThrow();
    expect(durationMs('15m', 0)).toBe(900_000);
    expect(durationMs(2, 0)).toBe(2000);
  });

  it('reads YAML site configs with the same schema, and names the line of a YAML mistake', () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-site-yaml-'));
    try {
      const good = join(dir, 'site.yaml');
      writeFileSync(
        good,
        [
          'name: khabarlok',
          'start: ["https://khabarlok.example/"]',
          'feeds:',
          '  - https://khabarlok.example/rss.xml',
          "articlePatterns: ['^/news/[a-z0-9-]+-\\d+$']",
          'recrawlInterval: 6h',
          'politeness: { delay: 2s, perHostConcurrency: 1 }',
        ].join('\n'),
      );
      const site = loadSiteConfig(good);
      expect(site.name).toBe('khabarlok');
      expect(site.feeds).toEqual(['https://khabarlok.example/rss.xml']);
      expect(resolveSite(site).delayMs).toBe(2000);
      expect(resolveSite(site).articlePatterns[0]!.test('/news/aag-lagi-1001')).toBe(true);

      const badYaml = join(dir, 'bad.yml');
      writeFileSync(badYaml, 'name: x\nstart: [https://x.in/\n  bogus: : :\n');
      expect(() => loadSiteConfig(badYaml)).toThrow(/bad\.yml is not valid YAML: .*line \d/s);
      const invalid = join(dir, 'invalid.yaml');
      writeFileSync(invalid, 'name: x\nstart: ["ftp://x"]\n');
      expect(() => loadSiteConfig(invalid)).toThrow(/invalid\.yaml is not a valid site config/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('crawl: safety and politeness against the fixture site', () => {
  let sites: FixtureSites;
  beforeAll(async () => {
    sites = await startFixtureSites({ crawlDelay: 0.25 });
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('refuses loopback unless the config allows it', async () => {
    const env = await crawlEnv();
    try {
      const before = sites.requests.length;
      const s = await env.run([sites.siteConfig('en', { allowLoopback: false })]);
      expect(sites.requests.length).toBe(before);
      expect(s.errors['unsafe-address']).toBe(3); // start page, feed, sitemap
      expect(await env.store.count()).toBe(0);
    } finally {
      await env.close();
    }
  });

  it('waits the robots.txt Crawl-delay between requests to one host', async () => {
    const env = await crawlEnv();
    try {
      const before = sites.requests.length;
      await env.run([sites.siteConfig('en', { politeness: { delay: 0, perHostConcurrency: 1 } })], {
        maxPages: 5,
      });
      const times = sites.requests
        .slice(before)
        .filter((r) => r.outlet === 'en')
        .map((r) => r.at);
      expect(times.length).toBeGreaterThanOrEqual(5);
      const gaps = times.slice(2).map((t, i) => t - times[i + 1]!); // after robots.txt was read
      // The fixture server shares the crawler's event loop, so one arrival can be stamped late when the
      // pipeline is busy and the next gap then looks short: judge the mean, and rule out back-to-back
      // requests (without the delay the gaps are a few milliseconds).
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      expect(mean).toBeGreaterThanOrEqual(240);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(125);
    } finally {
      await env.close();
    }
  });

  it('the CLI command crawls a site config and prints a summary', async () => {
    const env = await crawlEnv();
    const fast = await startFixtureSites();
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(env.dir, 'site.json');
    writeFileSync(
      file,
      JSON.stringify(fast.siteConfig('hi', { politeness: { delay: 0, perHostConcurrency: 4 } })),
    );
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      out.push(String(s));
      return true;
    }) as typeof process.stdout.write;
    try {
      const program = new Command('khabar').exitOverride();
      registerCrawl(program);
      await program.parseAsync([
        'node',
        'khabar',
        'crawl',
        file,
        '--db',
        env.store.path,
        '--state',
        env.stateDir,
        '--max-pages',
        '200',
      ]);
    } finally {
      process.stdout.write = write;
      process.exitCode = undefined;
    }
    const text = out.join('');
    expect(text).toMatch(/crawled \d+ pages/);
    expect(text).toMatch(/articles: 10 fetched → 10 new/);
    expect(text).toMatch(/skipped: .*robots 2/);
    await env.close();
    await fast.close();
  });
});
