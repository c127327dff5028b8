/**
 * Index jobs running at the same time in one worker share one `upsertMany` call (one SQLite transaction,
 * one Elasticsearch bulk request). BullMQ's open-source edition has no batch jobs, so batching happens
 * here: each job adds its article and waits for its own result. When a batch write fails, its articles are
 * written one by one, as in the in-process driver, so one bad record fails only its own job; a partial
 * write ({@link PartialWriteError}) settles each job with its own result.
 */
import type { Article } from '../../core/types.ts';
import { PartialWriteError } from '../../store/errors.ts';
import type { ArticleStore, UpsertResult } from '../../store/types.ts';

interface Pending {
  article: Article;
  resolve: (r: UpsertResult) => void;
  reject: (e: unknown) => void;
}

export class IndexBatcher {
  readonly #store: ArticleStore;
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;

  /** `lingerMs`: how long a lone article waits for company (0: flush on the next turn of the event loop). */
  constructor(store: ArticleStore, options: { maxBatch: number; lingerMs: number }) {
    this.#store = store;
    this.#maxBatch = Math.max(1, options.maxBatch);
    this.#lingerMs = options.lingerMs;
  }

  upsert(article: Article): Promise<UpsertResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ article, resolve, reject });
      if (this.#pending.length >= this.#maxBatch) this.#flushSoon(0);
      else this.#flushSoon(this.#lingerMs);
    });
  }

  #flushSoon(ms: number): void {
    if (this.#timer && ms > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#flush(), ms);
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const batch = this.#pending.splice(0, this.#maxBatch);
    if (this.#pending.length > 0) this.#flushSoon(0);
    if (batch.length === 0) return;
    let results: (UpsertResult | Error)[] | undefined;
    try {
      results = await this.#store.upsertMany(batch.map((p) => p.article));
    } catch (e) {
      // Some stored, some not (e.g. an Elasticsearch bulk with item errors): each job gets its own.
      if (e instanceof PartialWriteError && e.outcomes.length === batch.length) results = e.outcomes;
      else if (batch.length === 1) results = [e instanceof Error ? e : new Error(String(e))];
    }
    if (results && results.length === batch.length) {
      for (const [i, p] of batch.entries()) {
        const r = results[i]!;
        if (r instanceof Error) p.reject(r);
        else p.resolve(r);
      }
      return;
    }
    // The whole batch was refused (one transaction): write one by one to isolate the bad article.
    for (const p of batch) {
      try {
        p.resolve(await this.#store.upsert(p.article));
      } catch (e) {
        p.reject(e);
      }
    }
  }
}
