/**
 * The crawl's accounting: counters of what became of every URL met (fetched, not modified, articles, feeds,
 * skipped by reason, failed by code, retries, redirects, queued), the progress reports made from them, and
 * the CrawlSummary they end up in. Also how a failed request is named (`statusErrorCode`) and which refusals
 * count as skips rather than errors. It counts; it does not decide what is crawled.
 */
import type { RunSummary } from '../pipeline/document.ts';
import { RefusedError } from './http.ts';
import type { RunInfo } from './state.ts';
import type { CrawlOptions, CrawlSummary } from './types.ts';

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
export const REFUSALS_AS_SKIPS = new Set(['robots', 'not-allowed', 'duplicate']);

/** The counters of one crawl, from its start to its summary. */
export class CrawlTally {
  readonly #started: number;
  readonly #onProgress: CrawlOptions['onProgress'];
  readonly #skippedSets = new Map<string, Set<string>>();
  readonly errors: Record<string, number> = {};
  /** Redirect hops by requested URL, as the HTTP client reports them, until the page is handled. */
  readonly redirectChains = new Map<string, string[]>();
  readonly redirects: CrawlSummary['redirects'] = [];
  fetched = 0;
  notModified = 0;
  articles = 0;
  feeds = 0;
  retries = 0;
  queued = 0;

  constructor(started: number, onProgress: CrawlOptions['onProgress']) {
    this.#started = started;
    this.#onProgress = onProgress;
  }

  skip(reason: string, url: string): void {
    let s = this.#skippedSets.get(reason);
    if (!s) {
      s = new Set();
      this.#skippedSets.set(reason, s);
    }
    s.add(url);
  }

  errorCount(): number {
    return Object.values(this.errors).reduce((a, b) => a + b, 0);
  }

  progress(): void {
    this.#onProgress?.({
      fetched: this.fetched,
      articles: this.articles,
      errors: this.errorCount(),
      notModified: this.notModified,
      queued: this.queued,
      seconds: (performance.now() - this.#started) / 1000,
      rate: this.fetched / Math.max(0.001, (performance.now() - this.#started) / 1000),
    });
  }

  summary(run: RunInfo, ingest: RunSummary, stopped: boolean, finished: boolean): CrawlSummary {
    const seconds = (performance.now() - this.#started) / 1000;
    return {
      run: run.id,
      resumed: run.resumed,
      fetched: this.fetched,
      notModified: this.notModified,
      articles: this.articles,
      feeds: this.feeds,
      skipped: Object.fromEntries([...this.#skippedSets].map(([k, v]) => [k, v.size]).sort()),
      errors: this.errors,
      retries: this.retries,
      redirects: this.redirects,
      ingest,
      seconds,
      pagesPerSecond: this.fetched / Math.max(seconds, 0.001),
      stopped: stopped || !finished,
    };
  }
}
