/**
 * In-process driver: analyse documents in this process and write them to the store in batches. A batch
 * is one transaction; when a batch write fails, its articles are retried one by one so one bad record
 * cannot take the others down with it. Analysis runs in worker threads with a time budget per document
 * (src/pipeline/analyze-pool.ts): a pathological page is rejected as `analysis-timeout` instead of
 * stalling the run.
 */
import { isPermanent } from '../core/errors.ts';
import type { Article } from '../core/types.ts';
import { AnalyzePool } from '../pipeline/analyze-pool.ts';
import {
  type DocumentOutcome,
  emptySummary,
  errorOutcome,
  type RunSummary,
  recordOutcome,
} from '../pipeline/document.ts';
import type { ProcessResult } from '../pipeline/process.ts';
import type { SourceItem } from '../sources/files.ts';
import { PartialWriteError } from '../store/errors.ts';
import type { ArticleStore, UpsertResult } from '../store/types.ts';
import type { IngestDriver } from './types.ts';

export interface InProcessOptions {
  batchSize?: number;
  maxBytes?: number;
  /** Milliseconds one document's analysis may take (default 10 s); past it the document is rejected. */
  analysisBudgetMs?: number;
  /** Documents analysed at once, one thread each (default 1). */
  concurrency?: number;
  /** A pool to borrow instead of starting one (not closed by this driver). */
  analysisPool?: AnalyzePool;
}

/** How long the source may stay quiet before documents already read are stored without waiting for more. */
const IDLE_FLUSH_MS = 200;
const IDLE = Symbol('idle');

/** `p`'s value, or IDLE when it has not settled within `ms` (the timer is cleared either way). */
async function orIdle<T>(p: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<typeof IDLE>((r) => (timer = setTimeout(() => r(IDLE), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export class InProcessDriver implements IngestDriver {
  readonly #store: ArticleStore;
  readonly #options: InProcessOptions;
  #pool?: AnalyzePool;

  constructor(store: ArticleStore, options: InProcessOptions = {}) {
    this.#store = store;
    this.#options = options;
  }

  /** The analysis threads, started on first use (a driver that never ingests starts none). */
  get #analysis(): AnalyzePool {
    this.#pool ??=
      this.#options.analysisPool ??
      new AnalyzePool({ size: this.#options.concurrency ?? 1, budgetMs: this.#options.analysisBudgetMs });
    return this.#pool;
  }

  async ingest(
    items: AsyncIterable<SourceItem>,
    onOutcome?: (o: DocumentOutcome) => void,
  ): Promise<RunSummary> {
    const started = performance.now();
    const summary = emptySummary();
    const report = (o: DocumentOutcome) => {
      recordOutcome(summary, o);
      onOutcome?.(o);
    };
    let batch: { source: string; article: Article }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const current = batch;
      batch = [];
      let results: (UpsertResult | Error)[];
      try {
        results = await this.#store.upsertMany(current.map((b) => b.article));
      } catch (e) {
        if (e instanceof PartialWriteError) results = e.outcomes;
        else {
          // The whole batch was refused (one transaction): write one by one to isolate the bad article.
          results = [];
          for (const b of current)
            results.push(await this.#store.upsert(b.article).catch((err: Error) => err));
        }
      }
      current.forEach((b, i) => {
        const r = results[i]!;
        if (r instanceof Error) report(errorOutcome(b.source, r, isPermanent(r)));
        else report({ source: b.source, disposition: r.status, id: r.id, title: b.article.title });
      });
    };
    const batchSize = this.#options.batchSize ?? 100;
    const window = Math.max(1, this.#options.concurrency ?? 1);
    // Up to `window` documents in analysis at once, settled in input order (outcomes and batches keep
    // the order of the input, as they did when analysis ran inline).
    const inFlight: { source: string; result: Promise<ProcessResult> | ProcessResult }[] = [];
    const settle = async () => {
      const next = inFlight.shift()!;
      const result = await next.result;
      if (!result.ok) {
        report(result.outcome);
        return;
      }
      batch.push({ source: next.source, article: result.article });
      if (batch.length >= batchSize) await flush();
    };
    // A source that goes quiet (a crawl between pages, a shared frontier waiting for other workers) must not
    // leave documents unstored until more arrive: once nothing has come for IDLE_FLUSH_MS, what is in
    // analysis is settled and the partial batch written. Two crawl workers each holding a partial batch
    // waited for each other's articles to be stored before either could finish.
    const source = items[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<SourceItem>> | undefined;
    for (;;) {
      next ??= source.next();
      const holding = inFlight.length > 0 || batch.length > 0;
      const got = holding ? await orIdle(next, IDLE_FLUSH_MS) : await next;
      if (got === IDLE) {
        while (inFlight.length > 0) await settle();
        await flush();
        continue;
      }
      next = undefined;
      if (got.done) break;
      const item = got.value;
      if ('error' in item) {
        const outcome = errorOutcome(item.source, item.error, isPermanent(item.error));
        inFlight.push({ source: item.source, result: { ok: false, outcome } });
      } else {
        const result = this.#analysis.process(item.doc, { maxBytes: this.#options.maxBytes });
        inFlight.push({ source: item.doc.source, result });
      }
      if (inFlight.length >= window) await settle();
    }
    while (inFlight.length > 0) await settle();
    await flush();
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  /** Stop the analysis threads this driver started (a borrowed pool stays open). */
  async close(): Promise<void> {
    if (this.#pool && this.#pool !== this.#options.analysisPool) await this.#pool.close();
    this.#pool = undefined;
  }
}
