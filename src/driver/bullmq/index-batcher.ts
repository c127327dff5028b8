/**
 * Index jobs running at the same time in one worker share one `upsertMany` call (one SQLite transaction,
 * one Elasticsearch bulk request). BullMQ's open-source edition has no batch jobs, so batching happens
 * here: each job adds its article and waits for its own result. When a batch write fails, its articles are
 * written one by one, as in the in-process driver, so one bad record fails only its own job; a partial
 * write ({@link PartialWriteError}) settles each job with its own result. Once a batch is written, its
 * stored articles are handed on together (`onStored`: the index stage's handoff to the incidents queue).
 */
import type { Article } from '../../core/types.ts';
import { PartialWriteError } from '../../store/errors.ts';
import type { ArticleStore, UpsertResult } from '../../store/types.ts';

interface Pending {
  article: Article;
  resolve: (r: UpsertResult) => void;
  reject: (e: unknown) => void;
}

export interface IndexBatcherOptions {
  maxBatch: number;
  /** How long a lone article waits for company (0: flush on the next turn of the event loop). */
  lingerMs: number;
  /**
   * Called once per written batch with the articles stored (created, updated or unchanged), before their
   * jobs settle: the index stage hands them to the incidents queue here, one job per batch. When it
   * throws, those jobs fail with its error and are retried (the rewrite is `unchanged`, the handoff is
   * tried again), so a stored article is never left without its incidents job.
   */
  onStored?: (articles: Article[]) => Promise<void>;
}

export class IndexBatcher {
  readonly #store: ArticleStore;
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  readonly #onStored: IndexBatcherOptions['onStored'];
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(store: ArticleStore, options: IndexBatcherOptions) {
    this.#store = store;
    this.#maxBatch = Math.max(1, options.maxBatch);
    this.#lingerMs = options.lingerMs;
    this.#onStored = options.onStored;
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
    const results = await this.#write(batch);
    const stored = batch.filter((_, i) => !(results[i] instanceof Error));
    if (stored.length > 0 && this.#onStored) {
      try {
        await this.#onStored(stored.map((p) => p.article));
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        for (const [i, r] of results.entries()) if (!(r instanceof Error)) results[i] = error;
      }
    }
    for (const [i, p] of batch.entries()) {
      const r = results[i]!;
      if (r instanceof Error) p.reject(r);
      else p.resolve(r);
    }
  }

  /** One result per article: the batch write, or one by one when the batch as a whole was refused. */
  async #write(batch: Pending[]): Promise<(UpsertResult | Error)[]> {
    try {
      return await this.#store.upsertMany(batch.map((p) => p.article));
    } catch (e) {
      // Some stored, some not (e.g. an Elasticsearch bulk with item errors): each job gets its own.
      if (e instanceof PartialWriteError && e.outcomes.length === batch.length) return e.outcomes;
      if (batch.length === 1) return [e instanceof Error ? e : new Error(String(e))];
    }
    // The whole batch was refused (one transaction): write one by one to isolate the bad article.
    const out: (UpsertResult | Error)[] = [];
    for (const p of batch) {
      out.push(
        await this.#store
          .upsert(p.article)
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
      );
    }
    return out;
  }
}
