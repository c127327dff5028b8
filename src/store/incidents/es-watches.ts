/**
 * Watches in Elasticsearch, for the incident store: the watch records (`<prefix>-watches`), the
 * notifications each has sent (`<prefix>-watch-notifications`, id `<watch>:<article>`, created once, so a
 * watch hears of an article once), and query watches run against the article store's alias.
 *
 * Query watches: on a full distribution a percolator index would hold the watch queries and one
 * `percolate` search per new article would return the matching watches. The test distribution (8.14.1
 * integ-test zip) has no percolator module, so each watch's query is run with an `ids` filter over the new
 * articles instead, batched into one `_msearch` — same answers, cost linear in the number of watches.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { TransientError } from '../../core/errors.ts';
import type { Watch, WatchNotification } from '../../incidents/types.ts';
import { allTextFields, buildIndexPlan, MAPPING_VERSION } from '../elasticsearch/mapping.ts';
import { parseQuery, type QueryClause } from '../query.ts';
import { entityKey } from '../tokenize.ts';
import { MAX_MEMBERS, searchAll, wrap } from './es-common.ts';
import type { EsDeliveries } from './es-deliveries.ts';
import type { WebhookDelivery } from './types.ts';

export class EsWatches {
  readonly client: Client;
  readonly watchesIndex: string;
  readonly notificationsIndex: string;
  /** The article store's alias, searched by query watches. */
  readonly searchAlias: string;
  readonly #deliveries: EsDeliveries;

  constructor(
    client: Client,
    indices: { watches: string; notifications: string; search: string },
    deliveries: EsDeliveries,
  ) {
    this.client = client;
    this.#deliveries = deliveries;
    this.watchesIndex = indices.watches;
    this.notificationsIndex = indices.notifications;
    this.searchAlias = indices.search;
  }

  async addWatch(watch: Watch): Promise<void> {
    await this.client
      .index({
        index: this.watchesIndex,
        id: watch.id,
        document: { id: watch.id, createdAt: watch.createdAt, watch },
        refresh: true,
      })
      .catch((e) => {
        throw wrap(e, 'save watch');
      });
  }

  async getWatch(id: string): Promise<Watch | undefined> {
    const res = await this.client
      .get<{ watch: Watch }>({ index: this.watchesIndex, id }, { ignore: [404] })
      .catch((e) => {
        throw wrap(e, 'get watch');
      });
    return res.found ? res._source?.watch : undefined;
  }

  async listWatches(): Promise<Watch[]> {
    const rows = await searchAll<{ watch: Watch }>(this.client, this.watchesIndex, { match_all: {} });
    return rows
      .map((r) => r.watch)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async removeWatch(id: string): Promise<boolean> {
    try {
      // Search + bulk delete rather than delete_by_query: the reindex module is not in every distribution.
      const found = await this.client.search({
        index: this.notificationsIndex,
        query: { term: { watchId: id } },
        size: MAX_MEMBERS,
        _source: false,
      });
      const ids = found.hits.hits.map((h) => h._id!);
      const deliveries = await this.#deliveries.idsOf(id);
      if (ids.length || deliveries.length) {
        await this.client.bulk({
          operations: [
            ...ids.map((_id) => ({ delete: { _index: this.notificationsIndex, _id } })),
            ...deliveries.map((_id) => ({ delete: { _index: this.#deliveries.index, _id } })),
          ],
          refresh: true,
        });
      }
      const res = await this.client.delete(
        { index: this.watchesIndex, id, refresh: true },
        { ignore: [404] },
      );
      return res.result === 'deleted';
    } catch (e) {
      throw wrap(e, 'remove watch');
    }
  }

  #clause(c: QueryClause, fields: string[]): estypes.QueryDslQueryContainer {
    const should: estypes.QueryDslQueryContainer[] = c.phrases.map((p) => ({
      multi_match: { query: p, type: 'phrase', fields },
    }));
    if (c.entity)
      should.push(
        { term: { entity_keys: entityKey(c.entity) } },
        { term: { part_of_keys: entityKey(c.entity) } },
      );
    return { bool: { should, minimum_should_match: 1 } };
  }

  async matchQueryWatches(watches: Watch[], articleIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const queries = watches.filter((w) => w.kind === 'query' && w.query);
    if (queries.length === 0 || articleIds.length === 0) return out;
    const fields = allTextFields(buildIndexPlan(undefined, { version: MAPPING_VERSION }));
    const searches: estypes.MsearchRequestItem[] = [];
    for (const w of queries) {
      const filter: estypes.QueryDslQueryContainer[] = [{ ids: { values: articleIds } }];
      if (w.lang) filter.push({ term: { language: w.lang } });
      const must = parseQuery(w.query!).map((c) => this.#clause(c, fields));
      searches.push(
        { index: this.searchAlias },
        { query: { bool: { must, filter } }, _source: false, size: articleIds.length },
      );
    }
    try {
      // The new articles must be searchable: publish the article store's pending writes first.
      await this.client.indices.refresh({ index: this.searchAlias });
      const res = await this.client.msearch({ searches });
      res.responses.forEach((r, i) => {
        if ('error' in r)
          throw new TransientError(
            'elasticsearch-search',
            `watch ${queries[i]!.id}: ${JSON.stringify(r.error)}`,
          );
        const ids = r.hits.hits.map((h) => h._id!).sort();
        if (ids.length) out.set(queries[i]!.id, ids);
      });
    } catch (e) {
      throw wrap(e, 'match watches');
    }
    return out;
  }

  async recordNotifications(
    notifications: WatchNotification[],
    outbox?: (fresh: WatchNotification[]) => WebhookDelivery[],
  ): Promise<WatchNotification[]> {
    if (notifications.length === 0) return [];
    const operations = notifications.flatMap((n) => [
      { create: { _index: this.notificationsIndex, _id: `${n.watchId}:${n.articleId}` } },
      { watchId: n.watchId, articleId: n.articleId, at: n.at, entry: n },
    ]);
    try {
      const res = await this.client.bulk({ operations, refresh: true });
      // 409: this watch already heard of this article.
      const fresh = notifications.filter((_, i) => res.items[i]!.create?.status === 201);
      const deliveries = outbox && fresh.length ? outbox(fresh) : [];
      if (deliveries.length) {
        const out = await this.client.bulk({
          operations: this.#deliveries.createOps(deliveries),
          refresh: true,
        });
        const failed = out.items.find((i) => i.create?.error && i.create.status !== 409);
        if (failed)
          throw new TransientError(
            'elasticsearch-write',
            `record deliveries: ${JSON.stringify(failed.create!.error)}`,
          );
      }
      return fresh;
    } catch (e) {
      throw wrap(e, 'record notifications');
    }
  }

  async notifications(watchId: string, limit = 100): Promise<WatchNotification[]> {
    try {
      const res = await this.client.search<{ entry: WatchNotification }>({
        index: this.notificationsIndex,
        query: { term: { watchId } },
        sort: [{ at: 'desc' }, { articleId: 'asc' }],
        size: limit,
      });
      return res.hits.hits.map((h) => h._source!.entry);
    } catch (e) {
      throw wrap(e, 'read notifications');
    }
  }
}
