/**
 * Elasticsearch incident store (8.x). Own indices next to the article store's, same prefix:
 * - `<prefix>-incidents`: incident records (`record` is stored, not indexed) and alias stubs (`aliasOf`) for
 *   the ids of merged incidents;
 * - `<prefix>-incident-articles`: one digest per grouped article with its index `keys` and `incidentId`;
 * - `<prefix>-watches` and `<prefix>-watch-notifications` (id `<watch>:<article>`, created once).
 *
 * Writes refresh at once (`refresh: true`): grouping the next article must see the last one's keys, and
 * incident writes are a small fraction of ingest traffic. Grouping assumes one writer at a time (the
 * ingest process, or one worker owning incident updates): a bulk request is not a transaction.
 *
 * Query watches: on a full distribution a percolator index would hold the watch queries and one
 * `percolate` search per new article would return the matching watches. The test distribution (8.14.1
 * integ-test zip) has no percolator module, so each watch's query is run with an `ids` filter over the new
 * articles instead, batched into one `_msearch` — same answers, cost linear in the number of watches.
 */
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { ConfigError, TransientError } from '../../core/errors.ts';
import type { ArticleDigest, IncidentRecord, Watch, WatchNotification } from '../../incidents/types.ts';
import { ElasticsearchStore, type ElasticsearchStoreOptions } from '../elasticsearch/es-store.ts';
import { allTextFields, buildIndexPlan, MAPPING_VERSION } from '../elasticsearch/mapping.ts';
import { parseQuery, type QueryClause } from '../query.ts';
import { timeBounds } from '../time.ts';
import { entityKey } from '../tokenize.ts';
import { summarize } from './sqlite-incident-store.ts';
import type {
  GroupedDigest,
  GroupingChange,
  IncidentQuery,
  IncidentStore,
  IncidentSummary,
} from './types.ts';

const MAX_MEMBERS = 10_000;
const disabled: estypes.MappingProperty = { type: 'object', enabled: false };

function wrap(e: unknown, what: string): Error {
  if (e instanceof errors.ResponseError && (e.statusCode === 401 || e.statusCode === 403))
    return new ConfigError('elasticsearch-auth', `${what}: ${e.message}`, { cause: e });
  if (e instanceof errors.ElasticsearchClientError)
    return new TransientError('elasticsearch-unavailable', `${what}: ${e.message}`, { cause: e });
  return e instanceof Error ? e : new Error(String(e));
}

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
  /** The article store's alias, searched by query watches. */
  readonly searchAlias: string;
  readonly #owns: boolean;

  /** Same options as the article store (node, prefix, auth, TLS, or a shared `client`). */
  constructor(options: ElasticsearchStoreOptions) {
    this.prefix = options.indexPrefix ?? 'khabar';
    this.incidentsIndex = `${this.prefix}-incidents`;
    this.articlesIndex = `${this.prefix}-incident-articles`;
    this.watchesIndex = `${this.prefix}-watches`;
    this.notificationsIndex = `${this.prefix}-watch-notifications`;
    this.searchAlias = `${this.prefix}-articles`;
    this.#owns = !options.client;
    this.client = options.client ?? ElasticsearchStore.createClient(options);
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
      index: [this.incidentsIndex, this.articlesIndex, this.watchesIndex, this.notificationsIndex],
      ignore_unavailable: true,
    });
  }

  async #searchAll<T>(
    index: string,
    query: estypes.QueryDslQueryContainer,
    size = MAX_MEMBERS,
  ): Promise<T[]> {
    try {
      const res = await this.client.search<T>({ index, query, size, sort: ['_doc'] });
      return res.hits.hits.map((h) => h._source!);
    } catch (e) {
      throw wrap(e, `search ${index}`);
    }
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
    const rows = await this.#searchAll<{ digest: ArticleDigest; incidentId: string }>(this.articlesIndex, {
      terms: { keys: [...new Set(keys)] },
    });
    return rows
      .map((r) => ({ digest: r.digest, incidentId: r.incidentId }))
      .sort((a, b) => (a.digest.id < b.digest.id ? -1 : 1));
  }

  async members(incidentId: string): Promise<ArticleDigest[]> {
    const rows = await this.#searchAll<{ digest: ArticleDigest }>(this.articlesIndex, {
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
        const stale = await this.#searchAll<{ id: string }>(this.incidentsIndex, { term: { aliasOf: r.id } });
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
    try {
      const res = await this.client.search<{ record: IncidentRecord }>({
        index: this.incidentsIndex,
        query: { bool: { filter } },
        sort: [{ lastTs: { order: 'desc', missing: '_last' } }, { id: 'asc' }],
        size: Math.min(Math.max(query.limit ?? 20, 1), 1000),
        from: Math.max(query.offset ?? 0, 0),
        track_total_hits: true,
      });
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      return { total, incidents: res.hits.hits.map((h) => summarize(h._source!.record)) };
    } catch (e) {
      throw wrap(e, 'list incidents');
    }
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
    const rows = await this.#searchAll<{ watch: Watch }>(this.watchesIndex, { match_all: {} });
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
      if (ids.length) {
        await this.client.bulk({
          operations: ids.map((_id) => ({ delete: { _index: this.notificationsIndex, _id } })),
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

  async recordNotifications(notifications: WatchNotification[]): Promise<WatchNotification[]> {
    if (notifications.length === 0) return [];
    const operations = notifications.flatMap((n) => [
      { create: { _index: this.notificationsIndex, _id: `${n.watchId}:${n.articleId}` } },
      { watchId: n.watchId, articleId: n.articleId, at: n.at, entry: n },
    ]);
    try {
      const res = await this.client.bulk({ operations, refresh: true });
      // 409: this watch already heard of this article.
      return notifications.filter((_, i) => res.items[i]!.create?.status === 201);
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

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#owns) await this.client.close();
  }
}
