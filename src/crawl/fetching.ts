/**
 * The fetch side of a crawl: the sites resolved with the run's overrides, the per-host gate (concurrency and
 * politeness delays), the safe HTTP client that does the fetching, and robots.txt (fetched once per origin,
 * its Crawl-delay applied to the gate). Deciding what to fetch is the frontier's job (frontier.ts).
 */
import { type ResolvedSite, resolveSite } from './config.ts';
import { type Gate, HostGate } from './host-gate.ts';
import { CrawlHttpClient, RefusedError } from './http.ts';
import { Robots } from './robots.ts';
import type { CrawlContext, CrawlOptions } from './types.ts';

/** The caller's sites, resolved, with the run's overrides (and `maxDepth`) laid over them. */
export function resolveSites(options: CrawlOptions): ResolvedSite[] {
  const ov = options.overrides ?? {};
  return options.sites.map((s) => {
    const r = resolveSite(s);
    return {
      ...r,
      ...(ov.delayMs !== undefined ? { delayMs: ov.delayMs } : {}),
      ...(ov.perHostConcurrency !== undefined ? { perHostConcurrency: ov.perHostConcurrency } : {}),
      ...(ov.timeoutMs !== undefined ? { timeoutMs: ov.timeoutMs } : {}),
      ...(ov.maxRetries !== undefined ? { maxRetries: ov.maxRetries } : {}),
      ...(ov.maxBytes !== undefined ? { maxBytes: ov.maxBytes } : {}),
      ...(ov.recrawlIntervalMs !== undefined ? { recrawlIntervalMs: ov.recrawlIntervalMs } : {}),
      ...(ov.allowLoopback !== undefined ? { allowLoopback: ov.allowLoopback } : {}),
      ...(ov.respectRobots !== undefined ? { respectRobots: ov.respectRobots } : {}),
      ...(ov.trapLimit !== undefined ? { trapLimit: ov.trapLimit } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    };
  });
}

/** The per-host gate: the first site's limits by default, each site's own for its hosts. */
export function hostGate(sites: ResolvedSite[], first: ResolvedSite): HostGate {
  const gate = new HostGate({ perHostConcurrency: first.perHostConcurrency, delayMs: first.delayMs });
  for (const s of sites)
    for (const h of s.allowedHosts)
      if (!h.startsWith('*.'))
        gate.configure(h, { perHostConcurrency: s.perHostConcurrency, delayMs: s.delayMs });
  return gate;
}

export function httpClient(ctx: CrawlContext, gate: Gate): CrawlHttpClient {
  const { sites, first, siteOfUrl, tally } = ctx;
  const ov = ctx.options.overrides ?? {};
  const policy = {
    allowLoopback: sites.some((s) => s.allowLoopback),
    allowPrivate: sites.some((s) => s.allowPrivate),
  };
  return new CrawlHttpClient({
    policy,
    gate,
    userAgent: first.userAgent,
    timeoutMs: Math.max(...sites.map((s) => s.timeoutMs)),
    maxBytes: Math.max(...sites.map((s) => s.maxBytes)),
    maxRedirects: Math.max(...sites.map((s) => s.maxRedirects)),
    retryBaseMs: ov.retryBaseMs ?? 1000,
    maxRetryAfterMs: ov.maxRetryAfterMs ?? 60_000,
    onRedirects: (from, hops) => tally.redirectChains.set(from, hops),
    allowUrl: (u) => (siteOfUrl(u) < 0 ? `host ${u.host} is not an allowed host` : undefined),
  });
}

/** What the crawl asks of robots.txt. */
export interface RobotsGuard {
  /** Whether robots.txt lets the crawl fetch `url` (always true where robots are ignored). */
  allow(url: string): Promise<boolean>;
  /** The sitemaps the robots.txt of `url`'s origin announces (none where robots are ignored). */
  sitemaps(url: string): Promise<string[]>;
}

/** robots.txt, fetched once per origin; its Crawl-delay is applied to the gate. */
export function robotsGuard(ctx: CrawlContext, client: CrawlHttpClient, gate: Gate): RobotsGuard {
  const { sites, first, siteOfUrl } = ctx;
  const ov = ctx.options.overrides ?? {};
  const robotsCache = new Map<string, Promise<Robots>>();
  const robotsFor = (url: URL): Promise<Robots> => {
    let p = robotsCache.get(url.origin);
    if (!p) {
      p = client
        .fetch(`${url.origin}/robots.txt`)
        .then((res) => {
          if (res.statusCode >= 200 && res.statusCode < 300) return new Robots(res.body.toString('utf8'));
          if (res.statusCode >= 400 && res.statusCode < 500) return new Robots(undefined, 'allow-all');
          return new Robots(undefined, 'disallow-all');
        })
        .catch((e) =>
          // A refused robots.txt (unsafe address) means the pages will be refused too, and counted as such.
          e instanceof RefusedError
            ? new Robots(undefined, 'allow-all')
            : new Robots(undefined, 'disallow-all'),
        )
        .then((robots) => {
          const site = sites[siteOfUrl(url)] ?? first;
          const delay = robots.crawlDelayMs(first.userAgent);
          if (delay !== undefined && ov.delayMs !== 0)
            gate.setDelay(url.host, Math.min(delay, site.maxCrawlDelayMs));
          return robots;
        });
      robotsCache.set(url.origin, p);
    }
    return p;
  };
  return {
    async allow(url) {
      const u = new URL(url);
      const site = sites[siteOfUrl(u)];
      if (!site?.respectRobots) return true;
      return (await robotsFor(u)).isAllowed(url, first.userAgent);
    },
    async sitemaps(url) {
      const u = new URL(url);
      if (!sites[siteOfUrl(u)]?.respectRobots) return [];
      return (await robotsFor(u)).sitemaps;
    },
  };
}
