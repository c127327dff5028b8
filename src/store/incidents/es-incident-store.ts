/**
 * Elasticsearch incident store (8.x). Own indices next to the article store's, same prefix:
 * - `<prefix>-incidents`: incident records (`record` is stored, not indexed) and alias stubs (`aliasOf`) for
 *   the ids of merged incidents;
 * - `<prefix>-incident-articles`: one digest per grouped article with its index `keys` and `incidentId`;
 * - `<prefix>-watches` and `<prefix>-watch-notifications` (id `<watch>:<article>`, created once);
 * - `<prefix>-webhook-deliveries`: the webhook outbox (es-deliveries.ts).
 *
 * Writes refresh at once (`refresh: true`): grouping the next article must see the last one's keys, and
 * incident writes are a small fraction of ingest traffic. Grouping assumes one writer at a time (the
 * ingest process, or one worker owning incident updates): a bulk request is not a transaction.
 *
 * Watches and their notifications are kept by es-watches.ts (query watches without a percolator there).
 */
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { InputError, TransientError } from '../../core/errors.ts';
import type { ArticleDigest, IncidentRecord, Watch, WatchNotification } from '../../incidents/types.ts';
import { ElasticsearchStore, type ElasticsearchStoreOptions } from '../elasticsearch/es-store.ts';
import { timeBounds } from '../time.ts';
import { searchAll, wrap } from './es-common.ts';
import { DELIVERY_PROPERTIES, EsDeliveries } from './es-deliveries.ts';
import { EsWatches } from './es-watches.ts';
import { summarize } from './sqlite-incident-store.ts';
import type {
  DeliveryQuery,
  GroupedDigest,
  GroupingChange,
  IncidentQuery,
  IncidentStore,
  IncidentSummary,
  WebhookDelivery,
} from './types.ts';

const disabled: estypes.MappingProperty = { type: 'object', enabled: false };

const epoch = (iso?: string) => {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
};

export class ElasticsearchIncidentStore implements IncidentStore {
  readonly client: Client;
  readonly prefix: string;
  readonly incidentsIndex: string;
  readonly articlesIndex: string;
  readonly watchesIndex: string;
  readonly notificationsIndex: string;
  readonly deliveriesIndex: string;
  /** The article store's alias, searched by query watches. */
  readonly searchAlias: string;
  readonly #owns: boolean;
  readonly #watches: EsWatches;
  readonly #deliveries: EsDeliveries;

  /** Same options as the article store (node, prefix, auth, TLS, or a shared `client`). */
  constructor(options: ElasticsearchStoreOptions) {
    this.prefix = options.indexPrefix ?? 'khabar';
    this.incidentsIndex = `${this.prefix}-incidents`;
    this.articlesIndex = `${this.prefix}-incident-articles`;
    this.watchesIndex = `${this.prefix}-watches`;
    this.notificationsIndex = `${this.prefix}-watch-notifications`;
    this.deliveriesIndex = `${this.prefix}-webhook-deliveries`;
    this.searchAlias = `${this.prefix}-articles`;
    this.#owns = !options.client;
    this.client = options.client ?? ElasticsearchStore.createClient(options);
    this.#deliveries = new EsDeliveries(this.client, this.deliveriesIndex);
    this.#watches = new EsWatches(
      this.client,
      { watches: this.watchesIndex, notifications: this.notificationsIndex, search: this.searchAlias },
      this.#deliveries,
    );
  }

  async init(): Promise<void> {
    const settings = { number_of_shards: 1, number_of_replicas: 0 };
    const defs: [string, Record<string, estypes.MappingProperty>][] = [
      [
        this.incidentsIndex,
        {
          id: { type: 'keyword' },
          type: { type: 'keyword' },
          firstTs: { type: 'date' },
          lastTs: { type: 'date' },
          aliasOf: { type: 'keyword' },
          record: disabled,
        },
      ],
      [
        this.articlesIndex,
        {
          articleId: { type: 'keyword' },
          incidentId: { type: 'keyword' },
          keys: { type: 'keyword' },
          digest: disabled,
        },
      ],
      [this.watchesIndex, { id: { type: 'keyword' }, createdAt: { type: 'date' }, watch: disabled }],
      [
        this.notificationsIndex,
        {
          watchId: { type: 'keyword' },
          articleId: { type: 'keyword' },
          at: { type: 'date' },
          entry: disabled,
        },
      ],
      [this.deliveriesIndex, DELIVERY_PROPERTIES],
    ];
    try {
      for (const [index, properties] of defs) {
        if (await this.client.indices.exists({ index })) continue;
        await this.client.indices
          .create({ index, settings, mappings: { dynamic: 'strict', properties } })
          .catch((e) => {
            // Another process created it first.
            if (
              !(
                e instanceof errors.ResponseError &&
                e.body?.error?.type === 'resource_already_exists_exception'
              )
            )
              throw e;
          });
      }
    } catch (e) {
      throw wrap(e, `initialise incident indices ${this.prefix}-*`);
    }
  }

  /** Delete this store's indices (tests and reset tooling). */
  async deleteIndices(): Promise<void> {
    await this.client.indices.delete({
      index: [
        this.incidentsIndex,
        this.articlesIndex,
        this.watchesIndex,
        this.notificationsIndex,
        this.deliveriesIndex,
      ],
      ignore_unavailable: true,
    });
  }

  async getDigest(articleId: string): Promise<GroupedDigest | undefined> {
    const res = await this.client
      .get<{ digest: ArticleDigest; incidentId: string }>(
        { index: this.articlesIndex, id: articleId },
        { ignore: [404] },
      )
      .catch((e) => {
        throw wrap(e, 'get digest');
      });
    return res.found && res._source
      ? { digest: res._source.digest, incidentId: res._source.incidentId }
      : undefined;
  }

  async candidates(keys: string[]): Promise<GroupedDigest[]> {
    if (keys.length === 0) return [];
    const rows = await searchAll<{ digest: ArticleDigest; incidentId: string }>(
      this.client,
      this.articlesIndex,
      {
        terms: { keys: [...new Set(keys)] },
      },
    );
    return rows
      .map((r) => ({ digest: r.digest, incidentId: r.incidentId }))
      .sort((a, b) => (a.digest.id < b.digest.id ? -1 : 1));
  }

  async members(incidentId: string): Promise<ArticleDigest[]> {
    const rows = await searchAll<{ digest: ArticleDigest }>(this.client, this.articlesIndex, {
      term: { incidentId },
    });
    return rows.map((r) => r.digest).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async apply(change: GroupingChange): Promise<void> {
    const ops: unknown[] = [];
    const assigned = new Map(change.memberships.map((m) => [m.articleId, m.incidentId]));
    const written = new Set(change.digests.map((d) => d.digest.id));
    for (const id of change.removed)
      if (!written.has(id)) ops.push({ delete: { _index: this.articlesIndex, _id: id } });
    for (const { digest, keys } of change.digests) {
      ops.push({ index: { _index: this.articlesIndex, _id: digest.id } });
      ops.push({ articleId: digest.id, incidentId: assigned.get(digest.id) ?? '', keys, digest });
    }
    for (const m of change.memberships) {
      if (written.has(m.articleId)) continue;
      ops.push(
        { update: { _index: this.articlesIndex, _id: m.articleId } },
        { doc: { incidentId: m.incidentId } },
      );
    }
    const fresh = new Set(change.incidents.map((r) => r.id));
    for (const r of change.retired) {
      if (fresh.has(r.id)) continue;
      ops.push(
        { index: { _index: this.incidentsIndex, _id: r.id } },
        { id: r.id, ...(r.into ? { aliasOf: r.into } : {}) },
      );
    }
    for (const r of change.incidents) {
      ops.push({ index: { _index: this.incidentsIndex, _id: r.id } });
      ops.push({ id: r.id, type: r.type, firstTs: epoch(r.firstSeen), lastTs: epoch(r.lastSeen), record: r });
    }
    try {
      if (ops.length) {
        const res = await this.client.bulk({ operations: ops, refresh: true });
        const failed = res.items.map((i) => Object.values(i)[0]!).filter((i) => i.error && i.status !== 404);
        if (failed.length)
          throw new TransientError(
            'elasticsearch-write',
            `incident write failed: ${JSON.stringify(failed[0]!.error)}`,
          );
      }
      for (const r of change.retired.filter((x) => x.into)) {
        // Ids merged earlier into the retired incident now point at its successor: aliases never chain.
        // (Search + bulk rather than update_by_query: the reindex module is not in every distribution.)
        const stale = await searchAll<{ id: string }>(this.client, this.incidentsIndex, {
          term: { aliasOf: r.id },
        });
        if (stale.length === 0) continue;
        await this.client.bulk({
          operations: stale.flatMap((a) => [
            { index: { _index: this.incidentsIndex, _id: a.id } },
            { id: a.id, aliasOf: r.into },
          ]),
          refresh: true,
        });
      }
    } catch (e) {
      throw wrap(e, 'write incidents');
    }
  }

  async #getIncidentDoc(id: string): Promise<{ record?: IncidentRecord; aliasOf?: string } | undefined> {
    const res = await this.client
      .get<{ record?: IncidentRecord; aliasOf?: string }>(
        { index: this.incidentsIndex, id },
        { ignore: [404] },
      )
      .catch((e) => {
        throw wrap(e, 'get incident');
      });
    return res.found ? res._source : undefined;
  }

  async resolveId(id: string): Promise<string | undefined> {
    const doc = await this.#getIncidentDoc(id);
    if (!doc) return undefined;
    return doc.record ? id : doc.aliasOf;
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const current = await this.resolveId(id);
    return current ? (await this.#getIncidentDoc(current))?.record : undefined;
  }

  async listIncidents(query: IncidentQuery = {}): Promise<{ total: number; incidents: IncidentSummary[] }> {
    const filter: estypes.QueryDslQueryContainer[] = [{ exists: { field: 'type' } }];
    if (query.type) filter.push({ term: { type: query.type } });
    const { from, to } = timeBounds(query);
    if (from !== undefined) filter.push({ range: { lastTs: { gte: from, format: 'epoch_millis' } } });
    if (to !== undefined) filter.push({ range: { firstTs: { lte: to, format: 'epoch_millis' } } });
    const size = Math.min(Math.max(query.limit ?? 20, 1), 1000);
    const skip = Math.max(query.offset ?? 0, 0);
    // Elasticsearch's result window: past it the request fails; say so instead of a 503.
    if (skip + size > 10_000)
      throw new InputError(
        'offset-too-large',
        'incidents past the 10,000th cannot be paged; narrow the filters',
      );
    try {
      const res = await this.client.search<{ record: IncidentRecord }>({
        index: this.incidentsIndex,
        query: { bool: { filter } },
        sort: [{ lastTs: { order: 'desc', missing: '_last' } }, { id: 'asc' }],
        size,
        from: skip,
        track_total_hits: true,
      });
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      return { total, incidents: res.hits.hits.map((h) => summarize(h._source!.record)) };
    } catch (e) {
      throw wrap(e, 'list incidents');
    }
  }

  addWatch(watch: Watch): Promise<void> {
    return this.#watches.addWatch(watch);
  }

  getWatch(id: string): Promise<Watch | undefined> {
    return this.#watches.getWatch(id);
  }

  listWatches(): Promise<Watch[]> {
    return this.#watches.listWatches();
  }

  removeWatch(id: string): Promise<boolean> {
    return this.#watches.removeWatch(id);
  }

  matchQueryWatches(watches: Watch[], articleIds: string[]): Promise<Map<string, string[]>> {
    return this.#watches.matchQueryWatches(watches, articleIds);
  }

  recordNotifications(
    notifications: WatchNotification[],
    outbox?: (fresh: WatchNotification[]) => WebhookDelivery[],
  ): Promise<WatchNotification[]> {
    return this.#watches.recordNotifications(notifications, outbox);
  }

  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]> {
    return this.#deliveries.claim(now, leaseUntil, limit);
  }

  updateDelivery(delivery: WebhookDelivery): Promise<void> {
    return this.#deliveries.update(delivery);
  }

  listDeliveries(query?: DeliveryQuery): Promise<WebhookDelivery[]> {
    return this.#deliveries.list(query);
  }

  notifications(watchId: string, limit?: number): Promise<WatchNotification[]> {
    return this.#watches.notifications(watchId, limit);
  }

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#owns) await this.client.close();
  }
}
