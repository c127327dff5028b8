/**
 * The crawl's types: the options a caller gives `crawl` (with per-run overrides of site settings), the
 * per-page events and progress reports it emits, and the summary it returns; and, for the crawl's own
 * modules, the user data carried on each queued request and the context they share (resolved sites, state,
 * run and counters).
 */
import type { Redis } from 'ioredis';
import type { IngestDriver } from '../driver/types.ts';
import type { DocumentOutcome, RunSummary } from '../pipeline/document.ts';
import type { ResolvedSite, SiteConfig } from './config.ts';
import type { CrawlState, RunInfo } from './state.ts';
import type { CrawlTally } from './summary.ts';

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
  /** Crawlee's debug log (KHABAR_DEBUG, read by the caller from the configuration). */
  debug?: boolean;
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
  /**
   * Be one of several crawl workers sharing a frontier in Redis (queue, recrawl interval, trap budget,
   * per-host politeness). Workers crawling the same sites use the same `name`.
   */
  shared?: { redis: Redis; name: string; prefix?: string; leaseMs?: number };
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

/** Carried on every queued request: its crawl key, what it is expected to be, its depth and site. */
export interface UserData {
  key: string;
  label: 'page' | 'feed' | 'sitemap';
  depth: number;
  site: number;
  entry?: boolean;
  date?: string;
}

/** What every part of one crawl works on: the caller's options, the resolved sites, state, run and counters. */
export interface CrawlContext {
  options: CrawlOptions;
  sites: ResolvedSite[];
  first: ResolvedSite;
  /** `options.since` as epoch ms. */
  since: number | undefined;
  /** Index in `sites` of the site whose allowed hosts include the URL's host, or -1. */
  siteOfUrl: (url: URL) => number;
  state: CrawlState;
  run: RunInfo;
  tally: CrawlTally;
}
