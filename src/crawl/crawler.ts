/**
 * The crawl: Crawlee's CheerioCrawler drives a persisted RequestQueue (one per run, in the crawl's state
 * directory, so a killed crawl resumes where it stopped); our HTTP client does the fetching with safety and
 * politeness; pages are told apart and only articles are pushed, as source documents, into an ingest
 * driver running alongside. The summary counts every URL met by what became of it.
 */
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import {
  CheerioCrawler,
  type CheerioCrawlingContext,
  Configuration,
  log as crawleeLog,
  type RequestOptions,
  RequestQueueV1,
} from 'crawlee';
import { ConfigError } from '../core/errors.ts';
import type { IngestDriver } from '../driver/types.ts';
import type { DocumentOutcome, RunSummary } from '../pipeline/document.ts';
import { articleByUrl, classifyPage } from './classify.ts';
import { hostAllowed, type ResolvedSite, resolveSite, type SiteConfig } from './config.ts';
import { parseFeedOrSitemap } from './feeds.ts';
import { HostGate } from './host-gate.ts';
import { CrawlHttpClient, RefusedError } from './http.ts';
import { Robots } from './robots.ts';
import { ItemQueue } from './sink.ts';
import { CrawlState } from './state.ts';
import { crawlKey, looksNonHtml, pathAndQuery, resolveLink, trapReason, urlShape } from './urls.ts';

export interface CrawlOverrides {
  /** Pause between requests to one host (ms); 0 turns politeness delays off. */
  delayMs?: number;
  perHostConcurrency?: number;
  /** First retry back-off (ms), doubling per attempt. Default 1000. */
  retryBaseMs?: number;
  /** Longest Retry-After honoured (ms). Default 60 s. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
  maxBytes?: number;
  recrawlIntervalMs?: number;
  allowLoopback?: boolean;
  respectRobots?: boolean;
  trapLimit?: number;
}

export interface CrawlOptions {
  sites: SiteConfig[];
  /** Directory for the crawl's state: Crawlee storage (request queues) and conditional-request validators. */
  stateDir: string;
  driver: IngestDriver;
  maxPages?: number;
  maxDepth?: number;
  /** Only feed/sitemap entries and articles published on or after this time (a follow-up crawl). */
  since?: string;
  /** Start a new run even when the last one did not finish. */
  fresh?: boolean;
  /** Overall concurrency (all hosts). Default 8. */
  concurrency?: number;
  overrides?: CrawlOverrides;
  onProgress?: (p: CrawlProgress) => void;
  /** Every page handled, for tests and logs. */
  onPage?: (e: PageEvent) => void;
  onOutcome?: (o: DocumentOutcome) => void;
  /** Stop gracefully: finish pages in flight, keep the queue for a resume. */
  signal?: AbortSignal;
}

export interface PageEvent {
  url: string;
  loadedUrl?: string;
  status?: number;
  /** article, listing, tag, gallery, video, amp, feed, sitemap, non-html, not-modified, duplicate, since, error */
  kind: string;
  redirects?: string[];
}

export interface CrawlProgress {
  fetched: number;
  articles: number;
  errors: number;
  notModified: number;
  queued: number;
  seconds: number;
  rate: number;
}

export interface CrawlSummary {
  run: number;
  resumed: boolean;
  /** HTTP responses handled (including 304s and 4xx). */
  fetched: number;
  notModified: number;
  /** Article pages handed to the pipeline. */
  articles: number;
  /** Feeds and sitemaps read. */
  feeds: number;
  /** URLs not fetched or not sent to the pipeline, by reason (each URL counted once per reason). */
  skipped: Record<string, number>;
  /** Requests that failed for good, by code (`http-404`, `http-500`, `timeout`, `too-large`, `unsafe-address` ...). */
  errors: Record<string, number>;
  retries: number;
  redirects: { from: string; to: string; hops: number }[];
  /** What the pipeline and store made of the articles. */
  ingest: RunSummary;
  seconds: number;
  pagesPerSecond: number;
  stopped: boolean;
}

interface UserData {
  key: string;
  label: 'page' | 'feed' | 'sitemap';
  depth: number;
  site: number;
  entry?: boolean;
  date?: string;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)$/;
const XML_TYPES = /xml|rss|atom/;

export function statusErrorCode(error: Error): string {
  if (error instanceof RefusedError) return error.code;
  const m = /^(\d{3}) - /.exec(error.message);
  if (m) return `http-${m[1]}`;
  if (/timed? ?out/i.test(error.message)) return 'timeout';
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return code.toLowerCase();
  return 'fetch-failed';
}

/** Reasons that mean "not fetched on purpose" rather than "failed". */
const REFUSALS_AS_SKIPS = new Set(['robots', 'not-allowed', 'duplicate']);

export async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const ov = options.overrides ?? {};
  const sites: ResolvedSite[] = options.sites.map((s) => {
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
  if (sites.length === 0) throw new ConfigError('no-sites', 'nothing to crawl: give a site config or URLs');
  const since = options.since ? Date.parse(options.since) : undefined;
  if (since !== undefined && Number.isNaN(since))
    throw new ConfigError('bad-since', `--since "${options.since}" is not a date`);
  const maxPages = options.maxPages ?? sites.map((s) => s.maxPages).find((m) => m !== undefined);

  const siteOfUrl = (url: URL): number => sites.findIndex((s) => hostAllowed(url, s.allowedHosts));
  const first = sites[0]!;
  const policy = {
    allowLoopback: sites.some((s) => s.allowLoopback),
    allowPrivate: sites.some((s) => s.allowPrivate),
  };
  const gate = new HostGate({ perHostConcurrency: first.perHostConcurrency, delayMs: first.delayMs });
  for (const s of sites)
    for (const h of s.allowedHosts)
      if (!h.startsWith('*.'))
        gate.configure(h, { perHostConcurrency: s.perHostConcurrency, delayMs: s.delayMs });

  const state = new CrawlState(options.stateDir);
  const run = state.beginRun(options.fresh);
  const lastRunStart = state.lastFinishedRunStart();

  // ---- counters ------------------------------------------------------------------------------------
  const skippedSets = new Map<string, Set<string>>();
  const skip = (reason: string, url: string) => {
    let s = skippedSets.get(reason);
    if (!s) {
      s = new Set();
      skippedSets.set(reason, s);
    }
    s.add(url);
  };
  const errors: Record<string, number> = {};
  const redirectChains = new Map<string, string[]>();
  const redirects: CrawlSummary['redirects'] = [];
  let fetched = 0;
  let notModified = 0;
  let articles = 0;
  let feeds = 0;
  let retries = 0;
  let queued = 0;
  const errorCount = () => Object.values(errors).reduce((a, b) => a + b, 0);
  const progress = () =>
    options.onProgress?.({
      fetched,
      articles,
      errors: errorCount(),
      notModified,
      queued,
      seconds: (performance.now() - started) / 1000,
      rate: fetched / Math.max(0.001, (performance.now() - started) / 1000),
    });

  const client = new CrawlHttpClient({
    policy,
    gate,
    userAgent: first.userAgent,
    timeoutMs: Math.max(...sites.map((s) => s.timeoutMs)),
    maxBytes: Math.max(...sites.map((s) => s.maxBytes)),
    maxRedirects: Math.max(...sites.map((s) => s.maxRedirects)),
    retryBaseMs: ov.retryBaseMs ?? 1000,
    maxRetryAfterMs: ov.maxRetryAfterMs ?? 60_000,
    onRedirects: (from, hops) => redirectChains.set(from, hops),
    allowUrl: (u) => (siteOfUrl(u) < 0 ? `host ${u.host} is not an allowed host` : undefined),
  });

  // ---- robots.txt ----------------------------------------------------------------------------------
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
  const robotsAllow = async (url: string): Promise<boolean> => {
    const u = new URL(url);
    const site = sites[siteOfUrl(u)];
    if (!site?.respectRobots) return true;
    return (await robotsFor(u)).isAllowed(url, first.userAgent);
  };

  // ---- Crawlee storage: one persisted queue per run ------------------------------------------------
  const config = new Configuration({
    storageClientOptions: { localDataDirectory: join(options.stateDir, 'crawlee'), persistStorage: true },
    persistStorage: true,
    purgeOnStart: false,
    headless: true,
  });
  // V1: in-progress requests live in memory only, so after a kill nothing stays locked by a dead process.
  const queue = await RequestQueueV1.open(run.queue, { config });

  const shapeCounts = new Map<string, number>();
  const inRun = new Set<string>();

  /** Decide whether a discovered URL is queued; returns the request or undefined (and counts why not). */
  const admit = async (
    key: string,
    data: Omit<UserData, 'key' | 'site'>,
  ): Promise<RequestOptions<UserData> | undefined> => {
    const u = new URL(key);
    const siteIndex = siteOfUrl(u);
    if (siteIndex < 0) return void skip('offsite', key);
    const site = sites[siteIndex]!;
    const path = pathAndQuery(key);
    if (site.excludePatterns.some((p) => p.test(path))) return void skip('excluded', key);
    if (data.label === 'page' && looksNonHtml(key)) return void skip('non-html', key);
    const trap = trapReason(key);
    if (trap) return void skip('trap', key);
    if (data.depth > site.maxDepth && !data.entry) return void skip('depth', key);
    const isArticle = articleByUrl(key, site);
    if (data.label === 'page' && !data.entry && isArticle !== true) {
      if (
        site.followPatterns.length > 0 &&
        isArticle === false &&
        !site.followPatterns.some((p) => p.test(path))
      )
        return void skip('not-followed', key);
    }
    if (!(await robotsAllow(key))) return void skip('robots', key);
    if (data.label === 'page' && !data.entry && isArticle !== false) {
      const prev = state.get(key);
      if (
        prev?.fetchedAt &&
        prev.run !== run.id &&
        prev.stored &&
        Date.now() - prev.fetchedAt < site.recrawlIntervalMs
      )
        return void skip('fresh', key);
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
          skip('trap', c.key);
          continue;
        }
        shapeCounts.set(shape, n + 1);
      }
      inRun.add(c.key);
      (c.forefront ? front : back).push(req);
    }
    if (back.length) {
      const r = await queue.addRequests(back);
      queued += r.processedRequests.filter((p) => !p.wasAlreadyPresent).length;
    }
    if (front.length) {
      const r = await queue.addRequests(front, { forefront: true });
      queued += r.processedRequests.filter((p) => !p.wasAlreadyPresent).length;
    }
  };

  // ---- the ingest driver runs alongside the crawl ---------------------------------------------------
  const sink = new ItemQueue(64);
  const pendingSources = new Map<string, string[]>();
  const ingestDone = options.driver.ingest(sink, (o) => {
    for (const k of pendingSources.get(o.source) ?? [o.source]) state.markStored(k);
    pendingSources.delete(o.source);
    options.onOutcome?.(o);
  });

  // ---- entry points --------------------------------------------------------------------------------
  const entries: { key: string; data: Omit<UserData, 'key' | 'site'>; forefront?: boolean }[] = [];
  for (const s of sites) {
    for (const u of s.sitemaps)
      entries.push({ key: crawlKey(u), data: { label: 'sitemap', depth: 0, entry: true }, forefront: true });
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

  // ---- page handling -------------------------------------------------------------------------------
  const linksOf = ($: CheerioAPI, base: string): string[] => {
    const out = new Set<string>();
    $('a[href]').each((_, el) => {
      const rel = ($(el).attr('rel') ?? '').toLowerCase();
      if (rel.includes('nofollow')) return;
      const k = resolveLink($(el).attr('href'), base);
      if (k) out.add(k);
    });
    return [...out];
  };

  const handle = async (ctx: CheerioCrawlingContext<UserData>): Promise<void> => {
    const { request, response } = ctx;
    const data = request.userData;
    const key = data.key;
    const site = sites[data.site] ?? first;
    const status = response.statusCode ?? 0;
    const loaded = request.loadedUrl ?? request.url;
    const hops = redirectChains.get(request.url) ?? [];
    redirectChains.delete(request.url);
    fetched++;
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
    if (hops.length) redirects.push({ from: key, to: loaded, hops: hops.length });
    const record = (kind: string, stored = true) =>
      state.recordFetch(key, { ...validators, status, kind, run: run.id, stored });

    if (status === 304) {
      notModified++;
      record('not-modified');
      event('not-modified');
      progress();
      return;
    }
    if (status >= 400) {
      const code = `http-${status}`;
      errors[code] = (errors[code] ?? 0) + 1;
      record('error');
      event('error');
      progress();
      return;
    }
    const type = ctx.contentType?.type ?? '';
    const body = ctx.body;
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    if (data.label !== 'page' || XML_TYPES.test(type)) {
      const parsed = parseFeedOrSitemap(text);
      if (parsed) {
        feeds++;
        record(parsed.kind);
        event(parsed.kind === 'urlset' || parsed.kind === 'sitemapindex' ? 'sitemap' : 'feed');
        const isNew = (k: string, date?: string) => {
          const prev = state.get(k);
          if (!prev) return true;
          return date !== undefined && lastRunStart !== undefined && Date.parse(date) >= lastRunStart;
        };
        const cands: Parameters<typeof enqueue>[0] = [];
        for (const e of parsed.entries) {
          const k = resolveLink(e.url, loaded);
          if (!k) continue;
          if (since !== undefined && e.date && Date.parse(e.date) < since) {
            skip('since', k);
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
        progress();
        return;
      }
      if (data.label !== 'page') {
        errors['bad-feed'] = (errors['bad-feed'] ?? 0) + 1;
        record('error');
        event('error');
        progress();
        return;
      }
    }
    if (!HTML_TYPES.test(type) || !ctx.$) {
      skip('non-html', key);
      record('non-html');
      event('non-html');
      progress();
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
      skip('amp', key);
      record('amp');
      event('amp');
      const canon = resolveLink(info.canonical, loaded);
      if (canon) await enqueue([{ key: canon, data: { label: 'page', depth: data.depth }, forefront: true }]);
      progress();
      return;
    }
    if (info.kind !== 'article') {
      skip(info.kind, key);
      record(info.kind);
      event(info.kind);
      if (info.kind === 'listing' || info.kind === 'tag') await follow();
      progress();
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
      skip('duplicate', key);
      record('duplicate');
      event('duplicate');
      progress();
      return;
    }
    const published = info.published ?? data.date;
    if (since !== undefined && published && Date.parse(published) < since) {
      skip('since', key);
      record('since');
      event('since');
      await follow();
      progress();
      return;
    }
    articles++;
    for (const k of keys) {
      inRun.add(k);
      state.recordFetch(k, { ...validators, status, kind: 'article', run: run.id, stored: false });
    }
    pendingSources.set(canonKey, keys);
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
    progress();
  };

  const quiet = crawleeLog.child({ prefix: 'khabar-crawl' });
  quiet.setLevel(process.env.KHABAR_DEBUG ? crawleeLog.LEVELS.DEBUG : crawleeLog.LEVELS.OFF);
  if (!process.env.KHABAR_DEBUG) crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);

  const crawler = new CheerioCrawler(
    {
      requestQueue: queue,
      httpClient: client,
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxConcurrency: options.concurrency ?? 8,
      maxRequestRetries: Math.max(...sites.map((s) => s.maxRetries)),
      ...(maxPages !== undefined ? { maxRequestsPerCrawl: maxPages } : {}),
      // The client enforces the real timeout; this bound also covers politeness waits.
      navigationTimeoutSecs: Math.ceil(Math.max(...sites.map((s) => s.timeoutMs)) / 1000) * 2 + 120,
      requestHandlerTimeoutSecs: 120,
      additionalMimeTypes: ['*/*'],
      additionalHttpErrorStatusCodes: [429],
      log: quiet,
      statusMessageLoggingInterval: 3600,
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          const data = request.userData as UserData;
          if (!(await robotsAllow(request.url)))
            throw new RefusedError('robots', `${request.url} is disallowed by robots.txt`);
          const prev = state.get(data.key);
          // Reached already in this run under another URL (redirect target, canonical of an earlier page).
          if (prev?.run === run.id && prev.kind === 'article' && request.uniqueKey === data.key)
            throw new RefusedError('duplicate', `${request.url} was stored already in this run`);
          const headers: Record<string, string> = {};
          if (prev?.etag) headers['if-none-match'] = prev.etag;
          if (prev?.lastModified) headers['if-modified-since'] = prev.lastModified;
          gotOptions.headers = { ...gotOptions.headers, ...headers };
          (gotOptions as Record<string, unknown>).khabarAttempt = request.retryCount;
        },
      ],
      requestHandler: handle,
      errorHandler: () => {
        retries++;
      },
      failedRequestHandler: ({ request }, error) => {
        const data = request.userData as UserData;
        const code = statusErrorCode(error);
        if (REFUSALS_AS_SKIPS.has(code)) skip(code, data.key);
        else errors[code] = (errors[code] ?? 0) + 1;
        state.recordFetch(data.key, { status: 0, kind: 'error', run: run.id, stored: true });
        options.onPage?.({ url: data.key, kind: REFUSALS_AS_SKIPS.has(code) ? code : 'error' });
        progress();
      },
    },
    config,
  );

  let stopped = false;
  const onAbort = () => {
    stopped = true;
    void crawler.autoscaledPool?.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    else await crawler.run();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    sink.close();
  }
  const ingest = await ingestDone;
  const finished = !stopped && (await queue.isFinished());
  if (finished) state.finishRun(run.id);
  state.close();
  const seconds = (performance.now() - started) / 1000;
  return {
    run: run.id,
    resumed: run.resumed,
    fetched,
    notModified,
    articles,
    feeds,
    skipped: Object.fromEntries([...skippedSets].map(([k, v]) => [k, v.size]).sort()),
    errors,
    retries,
    redirects,
    ingest,
    seconds,
    pagesPerSecond: fetched / Math.max(seconds, 0.001),
    stopped: stopped || !finished,
  };
}
