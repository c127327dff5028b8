/**
 * Incident service: group newly stored articles into incidents, then tell watches. The one entry point the
 * ingest path calls (after the articles are in the article store, so query watches can search them).
 * Articles are grouped one at a time, in the order given; the outcome does not depend on that order.
 */
import { stableId } from '../core/hash.ts';
import type { Article } from '../core/types.ts';
import type { IncidentStore, WebhookDelivery } from '../store/incidents/types.ts';
import type { ArticleStore, StoredArticle } from '../store/types.ts';
import { type DeliveryOptions, deliverPending, outboxFor } from './deliver.ts';
import { type AddResult, IncidentEngine } from './engine.ts';
import { writeFeed } from './notify.ts';
import type { Watch, WatchNotification } from './types.ts';

export interface IncidentServiceOptions {
  /** Directory for the per-watch Atom feeds (`<watch id>.atom`); no feeds when unset. */
  feedDir?: string;
  /** Webhook outbox delivery (policy, sender, `--allow-private`, how long to wait for retries). */
  webhook?: DeliveryOptions;
  /** Entries kept in each feed (default 100). */
  feedSize?: number;
  now?: () => Date;
}

export interface ProcessResult {
  grouped: AddResult[];
  /** Notifications produced by this call (each watch hears of each article once, ever). */
  notifications: WatchNotification[];
  feeds: string[];
  /** Webhook deliveries attempted by this call, in their last state (undelivered ones stay in the outbox). */
  webhooks: WebhookDelivery[];
}

/** Id of a watch: derived from what it watches, so adding the same watch twice keeps one. */
export function watchId(w: Pick<Watch, 'kind' | 'query' | 'lang' | 'incidentId' | 'webhook'>): string {
  return `w-${stableId(JSON.stringify([w.kind, w.query ?? '', w.lang ?? '', w.incidentId ?? '', w.webhook ?? '']))}`;
}

export class IncidentService {
  readonly store: IncidentStore;
  readonly engine: IncidentEngine;
  readonly #options: IncidentServiceOptions;

  constructor(store: IncidentStore, options: IncidentServiceOptions = {}) {
    this.store = store;
    this.engine = new IncidentEngine(store);
    this.#options = options;
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }

  /** Group the articles and deliver watch notifications for the ones that are new or changed. */
  async process(articles: Article[]): Promise<ProcessResult> {
    const grouped: AddResult[] = [];
    for (const a of articles) grouped.push(await this.engine.add(a));
    await this.store.refresh();
    const fresh = articles.filter((_, i) => grouped[i]!.status !== 'unchanged');
    const result: ProcessResult = { grouped, notifications: [], feeds: [], webhooks: [] };
    const watches = await this.store.listWatches();
    if (watches.length === 0 || fresh.length === 0) {
      // Retries left over from earlier runs are due whether or not this batch brought anything new.
      if (watches.some((w) => w.webhook))
        result.webhooks = await deliverPending(this.store, this.#options.webhook);
      return result;
    }

    const at = this.#now();
    const byId = new Map(fresh.map((a) => [a.id, a]));
    // Incidents as they stand after the whole batch (a later article may have merged an earlier one's).
    const incidentOf = new Map<string, string>();
    for (const a of fresh) {
      const g = await this.store.getDigest(a.id);
      if (g) incidentOf.set(a.id, g.incidentId);
    }
    const pending: WatchNotification[] = [];
    const note = (w: Watch, a: Article): WatchNotification => ({
      watchId: w.id,
      articleId: a.id,
      ...(incidentOf.get(a.id) ? { incidentId: incidentOf.get(a.id)! } : {}),
      title: a.title,
      ...((a.canonicalUrl ?? a.url) ? { url: a.canonicalUrl ?? a.url } : {}),
      language: a.language,
      ...(a.published ? { published: a.published } : {}),
      at,
    });
    for (const w of watches.filter((x) => x.kind === 'incident' && x.incidentId)) {
      const current = await this.store.resolveId(w.incidentId!);
      if (!current) continue;
      for (const a of fresh) if (incidentOf.get(a.id) === current) pending.push(note(w, a));
    }
    const queryWatches = watches.filter((x) => x.kind === 'query');
    if (queryWatches.length) {
      const matches = await this.store.matchQueryWatches(queryWatches, [...byId.keys()]);
      for (const w of queryWatches)
        for (const id of matches.get(w.id) ?? []) pending.push(note(w, byId.get(id)!));
    }
    result.notifications = await this.store.recordNotifications(pending, outboxFor(watches, at));
    await this.#deliver(watches, result);
    return result;
  }

  async #deliver(watches: Watch[], result: ProcessResult): Promise<void> {
    const byWatch = new Map<string, WatchNotification[]>();
    for (const n of result.notifications) byWatch.set(n.watchId, [...(byWatch.get(n.watchId) ?? []), n]);
    for (const id of byWatch.keys()) {
      const w = watches.find((x) => x.id === id)!;
      if (this.#options.feedDir) {
        const latest = await this.store.notifications(id, this.#options.feedSize ?? 100);
        result.feeds.push(writeFeed(this.#options.feedDir, w, latest, this.#now()));
      }
    }
    result.webhooks = await deliverPending(this.store, this.#options.webhook);
  }
}

/**
 * Group stored articles: the given ids, or every article in the store (`khabar incidents update`, and
 * catching up a store that predates incidents). Unchanged articles cost one digest lookup each.
 */
export async function processStored(
  articles: Pick<ArticleStore, 'get' | 'export'>,
  service: IncidentService,
  ids?: string[],
  batchSize = 200,
): Promise<ProcessResult> {
  const total: ProcessResult = { grouped: [], notifications: [], feeds: [], webhooks: [] };
  const run = async (batch: Article[]) => {
    const r = await service.process(batch);
    total.grouped.push(...r.grouped);
    total.notifications.push(...r.notifications);
    total.feeds.push(...r.feeds.filter((f) => !total.feeds.includes(f)));
    total.webhooks.push(...r.webhooks);
  };
  let batch: Article[] = [];
  const source: AsyncIterable<Article> | Article[] = ids
    ? (await Promise.all(ids.map((id) => articles.get(id)))).filter((a): a is StoredArticle => !!a)
    : articles.export();
  for await (const a of source) {
    batch.push(a);
    if (batch.length >= batchSize) {
      await run(batch);
      batch = [];
    }
  }
  if (batch.length) await run(batch);
  return total;
}
