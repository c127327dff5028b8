/**
 * The crawl frontier: which discovered URLs are queued (site, exclude and follow patterns, depth, traps and
 * the per-shape trap budget, robots.txt, recrawl freshness), each counted once by why not; the entry points
 * (sitemaps and feeds first, then start pages); and, on a resumed run, articles fetched before a kill whose
 * documents never reached the store. Requests go into the run's persisted Crawlee RequestQueue.
 */
import type { RequestOptions, RequestQueueV1 } from 'crawlee';
import { articleByUrl } from './classify.ts';
import type { CrawlContext, UserData } from './types.ts';
import { crawlKey, looksNonHtml, pathAndQuery, trapReason, urlShape } from './urls.ts';

/** What the rest of the crawl uses of the frontier. */
export type Frontier = ReturnType<typeof createFrontier>;

export function createFrontier(
  ctx: CrawlContext,
  queue: RequestQueueV1,
  robotsAllow: (url: string) => Promise<boolean>,
) {
  const { sites, siteOfUrl, state, run, tally } = ctx;
  const shapeCounts = new Map<string, number>();
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
    if (!(await robotsAllow(key))) return void tally.skip('robots', key);
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
    const front: RequestOptions<UserData>[] = [];
    const back: RequestOptions<UserData>[] = [];
    for (const c of candidates) {
      if (inRun.has(c.key)) continue;
      const req = await admit(c.key, c.data);
      if (!req) continue;
      const site = sites[req.userData!.site]!;
      // Trap budget: non-article URLs of one shape (calendars, endless pagination) are bounded.
      if (c.data.label === 'page' && !c.data.entry && articleByUrl(c.key, site) !== true) {
        const shape = urlShape(c.key);
        const n = shapeCounts.get(shape) ?? 0;
        if (n >= site.trapLimit) {
          tally.skip('trap', c.key);
          continue;
        }
        shapeCounts.set(shape, n + 1);
      }
      inRun.add(c.key);
      (c.forefront ? front : back).push(req);
    }
    if (back.length) {
      const r = await queue.addRequests(back);
      tally.queued += r.processedRequests.filter((p) => !p.wasAlreadyPresent).length;
    }
    if (front.length) {
      const r = await queue.addRequests(front, { forefront: true });
      tally.queued += r.processedRequests.filter((p) => !p.wasAlreadyPresent).length;
    }
  };

  /** Queue the entry points, and on a resumed run re-queue the articles that never reached the store. */
  const seed = async (): Promise<void> => {
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
    if (run.resumed) {
      // Articles fetched before the kill whose documents never reached the store: fetch them again.
      for (const key of state.unstored(run.id)) {
        state.dropValidators(key);
        const u = new URL(key);
        const siteIndex = siteOfUrl(u);
        if (siteIndex < 0) continue;
        await queue.addRequest(
          {
            url: key,
            uniqueKey: `${key}#resume-${Date.now()}`,
            userData: { key, site: siteIndex, label: 'page', depth: 1 },
          },
          { forefront: true },
        );
      }
    }
    await enqueue(entries);
  };

  return { enqueue, seed, inRun };
}
