/**
 * The crawl: Crawlee's CheerioCrawler drives a persisted RequestQueue (one per run, in the crawl's state
 * directory, so a killed crawl resumes where it stopped); our HTTP client does the fetching with safety and
 * politeness; pages are told apart and only articles are pushed, as source documents, into an ingest
 * driver running alongside. The summary counts every URL met by what became of it.
 *
 * This module wires one crawl together and runs it: the fetch side (fetching.ts), the frontier
 * (frontier.ts), page handling (handler.ts), the ingest bridge (bridge.ts) and the accounting (summary.ts).
 * The public types are in types.ts; every name this module exported before the split is re-exported here.
 *
 * With `options.shared` the crawl is one worker of several: the queue, the run, the recrawl interval, the
 * trap budget and per-host politeness live in Redis (shared-frontier.ts, shared-gate.ts), and the crawl
 * ends when no worker has anything queued or in hand.
 */
import { join } from 'node:path';
import { CheerioCrawler, Configuration, log as crawleeLog, RequestQueueV1 } from 'crawlee';
import { ConfigError } from '../core/errors.ts';
import { startIngest } from './bridge.ts';
import { hostAllowed } from './config.ts';
import { hostGate, httpClient, resolveSites, robotsGuard } from './fetching.ts';
import { createFrontier, localQueue } from './frontier.ts';
import { requestHandler } from './handler.ts';
import { RefusedError } from './http.ts';
import { crawlKeyBase, type FrontierQueue, SharedFrontier } from './shared-frontier.ts';
import { SharedHostGate } from './shared-gate.ts';
import { CrawlState } from './state.ts';
import { CrawlTally, REFUSALS_AS_SKIPS, statusErrorCode } from './summary.ts';
import type { CrawlContext, CrawlOptions, CrawlSummary, UserData } from './types.ts';

export { statusErrorCode } from './summary.ts';
export type { CrawlOptions, CrawlOverrides, CrawlProgress, CrawlSummary, PageEvent } from './types.ts';

export async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const sites = resolveSites(options);
  if (sites.length === 0) throw new ConfigError('no-sites', 'nothing to crawl: give a site config or URLs');
  const since = options.since ? Date.parse(options.since) : undefined;
  if (since !== undefined && Number.isNaN(since))
    throw new ConfigError('bad-since', `--since "${options.since}" is not a date`);
  const maxPages = options.maxPages ?? sites.map((s) => s.maxPages).find((m) => m !== undefined);

  const siteOfUrl = (url: URL): number => sites.findIndex((s) => hostAllowed(url, s.allowedHosts));
  const first = sites[0]!;
  if (options.shared && options.fresh)
    throw new ConfigError('bad-option', 'a shared frontier cannot start afresh while other workers use it');
  const shared = options.shared
    ? await SharedFrontier.open(options.shared.redis, {
        name: options.shared.name,
        ...(options.shared.prefix ? { prefix: options.shared.prefix } : {}),
        ...(options.shared.leaseMs ? { leaseMs: options.shared.leaseMs } : {}),
      })
    : undefined;
  const localGate = hostGate(sites, first);
  const gate = shared
    ? new SharedHostGate(localGate, options.shared!.redis, crawlKeyBase(options.shared!.prefix))
    : localGate;

  const state = new CrawlState(options.stateDir);
  const run = shared?.run ?? state.beginRun(options.fresh);
  const lastRunStart = shared ? shared.previousRunStart : state.lastFinishedRunStart();

  const tally = new CrawlTally(started, options.onProgress);
  const ctx: CrawlContext = { options, sites, first, since, siteOfUrl, state, run, tally };
  const client = httpClient(ctx, gate);
  const robots = robotsGuard(ctx, client, gate);

  // ---- Crawlee storage: one persisted queue per run ------------------------------------------------
  const config = new Configuration({
    storageClientOptions: { localDataDirectory: join(options.stateDir, 'crawlee'), persistStorage: true },
    persistStorage: true,
    purgeOnStart: false,
    headless: true,
  });
  // V1: in-progress requests live in memory only, so after a kill nothing stays locked by a dead process.
  const queue = shared ? undefined : await RequestQueueV1.open(run.queue, { config });
  const target: FrontierQueue = shared ?? localQueue(queue!, state, run.id);
  const frontier = createFrontier(ctx, target, robots);

  // ---- the ingest driver runs alongside the crawl ---------------------------------------------------
  const bridge = startIngest(ctx, shared);
  const { sink, ingestDone } = bridge;

  // ---- entry points --------------------------------------------------------------------------------
  await frontier.seed();

  // ---- page handling -------------------------------------------------------------------------------
  const handle = requestHandler(ctx, frontier, bridge, lastRunStart);

  const quiet = crawleeLog.child({ prefix: 'khabar-crawl' });
  quiet.setLevel(options.debug ? crawleeLog.LEVELS.DEBUG : crawleeLog.LEVELS.OFF);
  if (!options.debug) crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);

  const crawler = new CheerioCrawler(
    {
      // Crawlee reads requests through its IRequestManager contract, which the shared frontier implements.
      requestQueue: (queue ?? shared) as RequestQueueV1,
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
          if (!(await robots.allow(request.url)))
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
        tally.retries++;
      },
      failedRequestHandler: ({ request }, error) => {
        const data = request.userData as UserData;
        const code = statusErrorCode(error);
        if (REFUSALS_AS_SKIPS.has(code)) tally.skip(code, data.key);
        else tally.errors[code] = (tally.errors[code] ?? 0) + 1;
        state.recordFetch(data.key, { status: 0, kind: 'error', run: run.id, stored: true });
        options.onPage?.({ url: data.key, kind: REFUSALS_AS_SKIPS.has(code) ? code : 'error' });
        tally.progress();
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
  // Leases still held (documents reported after this point, or a stopped crawl) go back to the queue.
  const ingest = await ingestDone.finally(() => shared?.close());
  // (With a shared frontier this also closes the run when this worker's articles were the last.)
  const finished = !stopped && (await (queue ?? shared!).isFinished());
  if (finished && !shared) state.finishRun(run.id);
  state.close();
  return tally.summary(run, ingest, stopped, finished);
}
