/**
 * In-process driver: analyse documents in this process and write them to the store in batches. A batch
 * is one transaction; when a batch write fails, its articles are retried one by one so one bad record
 * cannot take the others down with it.
 */
import { isPermanent } from '../core/errors.ts';
import type { Article } from '../core/types.ts';
import {
  type DocumentOutcome,
  emptySummary,
  errorOutcome,
  type RunSummary,
  recordOutcome,
} from '../pipeline/document.ts';
import { processDocument } from '../pipeline/process.ts';
import type { SourceItem } from '../sources/files.ts';
import { PartialWriteError } from '../store/errors.ts';
import type { ArticleStore, UpsertResult } from '../store/types.ts';
import type { IngestDriver } from './types.ts';

export interface InProcessOptions {
  batchSize?: number;
  maxBytes?: number;
}

export class InProcessDriver implements IngestDriver {
  readonly #store: ArticleStore;
  readonly #options: InProcessOptions;

  constructor(store: ArticleStore, options: InProcessOptions = {}) {
    this.#store = store;
    this.#options = options;
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
    for await (const item of items) {
      if ('error' in item) {
        report(errorOutcome(item.source, item.error, isPermanent(item.error)));
        continue;
      }
      const result = processDocument(item.doc, { maxBytes: this.#options.maxBytes });
      if (!result.ok) {
        report(result.outcome);
        continue;
      }
      batch.push({ source: item.doc.source, article: result.article });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  async close(): Promise<void> {}
}
