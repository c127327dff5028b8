/**
 * The crawl frontier: which discovered URLs are queued (site, exclude and follow patterns, depth, traps and
 * the per-shape trap budget, robots.txt, recrawl freshness), each counted once by why not; the entry points
 * (sitemaps and feeds first, then start pages, and for a site that names no sitemap those its robots.txt
 * announces); and, on a resumed run, articles fetched before a kill whose
 * documents never reached the store. Requests go into a FrontierQueue: the run's persisted Crawlee
 * RequestQueue (`localQueue`), or the frontier shared by crawl workers in Redis (shared-frontier.ts), which
 * then also keeps the trap budget and the recrawl interval across workers.
 */
import type { RequestOptions, RequestQueueV1 } from 'crawlee';
import { articleByUrl } from './classify.ts';
import type { RobotsGuard } from './fetching.ts';
import type { Admission, FrontierQueue, QueueItem } from './shared-frontier.ts';
import type { CrawlState } from './state.ts';
import type { CrawlContext, UserData } from './types.ts';
import { crawlKey, looksNonHtml, pathAndQuery, resolveLink, trapReason, urlShape } from './urls.ts';

/**
 * Page state (validators, last fetch) is kept at least this long: a 30-day-old article linked again is
 * fetched unconditionally once, and the local state stays bounded by the URLs of a month.
 */
export const PAGE_RETENTION_MS = 30 * 24 * 3_600_000;

/** What the rest of the crawl uses of the frontier. */
export type Frontier = ReturnType<typeof createFrontier>;

/**
 * The run's persisted Crawlee queue as a FrontierQueue. The trap budget is counted here and kept in the
 * crawl state, so a killed and resumed run does not get a fresh budget.
 */
export function localQueue(queue: RequestQueueV1, state: CrawlState, run: number): FrontierQueue {
  const shapeCounts = state.trapShapes(run);
  return {
    async add(items: QueueItem[], forefront: boolean): Promise<Admission[]> {
      const verdicts: Admission[] = [];
      const admitted: RequestOptions<UserData>[] = [];
      const shapes: (string | undefined)[] = [];
      for (const it of items) {
        if (it.shape !== undefined) {
          const n = shapeCounts.get(it.shape) ?? 0;
          if (n >= it.trapLimit) {
            verdicts.push('trap');
            continue;
          }
          shapeCounts.set(it.shape, n + 1);
          state.setTrapShape(run, it.shape, n + 1);
        }
        verdicts.push('queued');
        admitted.push(it.request);
        shapes.push(it.shape);
      }
      if (admitted.length === 0) return verdicts;
      const r = await queue.addRequests(admitted, { forefront });
      // Matched by unique key: requests the queue knew from its cache come back first, not in order.
      const present = new Set(r.processedRequests.filter((p) => p.wasAlreadyPresent).map((p) => p.uniqueKey));
      let j = 0;
      return verdicts.map((v) => {
        if (v !== 'queued') return v;
        const shape = shapes[j];
        if (!present.has(admitted[j++]!.uniqueKey!)) return v;
        // Queued before (a resumed run offering it again): it does not use the budget twice.
        if (shape !== undefined) {
          const n = Math.max(0, (shapeCounts.get(shape) ?? 1) - 1);
          shapeCounts.set(shape, n);
          state.setTrapShape(run, shape, n);
        }
        return 'present';
      });
    },
  };
}

export function createFrontier(ctx: CrawlContext, queue: FrontierQueue, robots: RobotsGuard) {
  const { sites, siteOfUrl, state, run, tally } = ctx;
  const inRun = new Set<string>();

  /** Decide whether a discovered URL is queued; returns the request or undefined (and counts why not). */
  const admit = async (
    key: string,
    data: Omit<UserData, 'key' | 'site'>,
  ): Promise<RequestOptions<UserData> | undefined> => {
    const u = new URL(key);
    const siteIndex = siteOfUrl(u);
    if (siteIndex < 0) return void tally.skip('offsite', key);
    const site = sites[siteIndex]!;
    const path = pathAndQuery(key);
    if (site.excludePatterns.some((p) => p.test(path))) return void tally.skip('excluded', key);
    if (data.label === 'page' && looksNonHtml(key)) return void tally.skip('non-html', key);
    const trap = trapReason(key);
    if (trap) return void tally.skip('trap', key);
    if (data.depth > site.maxDepth && !data.entry) return void tally.skip('depth', key);
    const isArticle = articleByUrl(key, site);
    if (data.label === 'page' && !data.entry && isArticle !== true) {
      if (
        site.followPatterns.length > 0 &&
        isArticle === false &&
        !site.followPatterns.some((p) => p.test(path))
      )
        return void tally.skip('not-followed', key);
    }
    if (!(await robots.allow(key))) return void tally.skip('robots', key);
    if (data.label === 'page' && !data.entry && isArticle !== false) {
      const prev = state.get(key);
      if (
        prev?.fetchedAt &&
        prev.run !== run.id &&
        prev.stored &&
        Date.now() - prev.fetchedAt < site.recrawlIntervalMs
      )
        return void tally.skip('fresh', key);
    }
    return { url: key, uniqueKey: key, userData: { key, site: siteIndex, ...data } };
  };

  const enqueue = async (
    candidates: { key: string; data: Omit<UserData, 'key' | 'site'>; forefront?: boolean }[],
  ): Promise<void> => {
    const front: QueueItem[] = [];
    const back: QueueItem[] = [];
    for (const c of candidates) {
      if (inRun.has(c.key)) continue;
      const req = await admit(c.key, c.data);
      if (!req) continue;
      const site = sites[req.userData!.site]!;
      // Trap budget: non-article URLs of one shape (calendars, endless pagination) are bounded.
      const bounded = c.data.label === 'page' && !c.data.entry && articleByUrl(c.key, site) !== true;
      inRun.add(c.key);
      (c.forefront ? front : back).push({
        request: { ...req, uniqueKey: c.key },
        kind: c.data.entry ? 'entry' : 'page',
        ...(bounded ? { shape: urlShape(c.key) } : {}),
        trapLimit: site.trapLimit,
        recrawlMs: site.recrawlIntervalMs,
      });
    }
    for (const [items, forefront] of [
      [back, false],
      [front, true],
    ] as const) {
      const verdicts = await queue.add(items, forefront);
      verdicts.forEach((v, i) => {
        const key = items[i]!.request.uniqueKey;
        if (v === 'queued') tally.queued++;
        else if (v === 'trap' || v === 'fresh') tally.skip(v, key);
      });
    }
  };

  /** Queue the entry points, and on a resumed run re-queue the articles that never reached the store. */
  const seed = async (): Promise<void> => {
    // Keep each page's state as long as the longest recrawl interval needs it (at least PAGE_RETENTION_MS).
    state.prune(Math.max(PAGE_RETENTION_MS, ...sites.map((s) => s.recrawlIntervalMs)));
    const entries: { key: string; data: Omit<UserData, 'key' | 'site'>; forefront?: boolean }[] = [];
    for (const s of sites) {
      for (const u of s.sitemaps)
        entries.push({
          key: crawlKey(u),
          data: { label: 'sitemap', depth: 0, entry: true },
          forefront: true,
        });
      for (const u of s.feeds)
        entries.push({ key: crawlKey(u), data: { label: 'feed', depth: 0, entry: true }, forefront: true });
      for (const u of s.start)
        entries.push({ key: crawlKey(u), data: { label: 'page', depth: 0, entry: true } });
    }
    // (A shared frontier needs no such pass: requests a dead worker held go back when their lease ends.)
    if (run.resumed && !ctx.options.shared) {
      // Articles fetched before the kill whose documents never reached the store: fetch them again.
      for (const key of state.unstored(run.id)) {
        state.dropValidators(key);
        const u = new URL(key);
        const siteIndex = siteOfUrl(u);
        if (siteIndex < 0) continue;
        const request = {
          url: key,
          uniqueKey: `${key}#resume-${Date.now()}`,
          userData: { key, site: siteIndex, label: 'page' as const, depth: 1 },
        };
        await queue.add([{ request, kind: 'resume', trapLimit: 0, recrawlMs: 0 }], true);
      }
    }
    await enqueue(entries);
    // A site that names no sitemap: the ones its robots.txt announces (Sitemap: lines).
    for (const s of sites) {
      if (s.sitemaps.length > 0) continue;
      const origins = [...new Set([...s.start, ...s.feeds].map((u) => new URL(u).origin))];
      const found = await Promise.all(
        origins.map(async (o) => (await robots.sitemaps(`${o}/`)).map((u) => resolveLink(u, `${o}/`))),
      );
      const keys = found.flat().filter((k): k is string => k !== undefined);
      await enqueue(
        keys.map((key) => ({
          key,
          data: { label: 'sitemap' as const, depth: 0, entry: true },
          forefront: true,
        })),
      );
    }
  };

  return { enqueue, seed, inRun };
}
