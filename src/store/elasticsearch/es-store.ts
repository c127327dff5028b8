/**
 * Elasticsearch store (8.x): the same ArticleStore semantics as the embedded store, on three indices behind
 * aliases, each named from a configurable prefix (default `khabar`):
 * - `<prefix>-articles` → `<prefix>-articles-v<N>`: one document per article, mapping generated from
 *   `schemas/article.schema.json` (see mapping.ts). A mapping-version bump is `reindexTo(N)`.
 * - `<prefix>-revisions` → `<prefix>-revisions-v1`: earlier versions, id `<article id>:<revision>`.
 * - `<prefix>-hashes` → `<prefix>-hashes-v1`: content hash → article id, so dedupe by content is real-time
 *   (GET/mget are real-time; a term search would only see what the last refresh published).
 *
 * Writes use optimistic concurrency (seq_no/primary_term, or `create` for new ids): two writers racing on
 * one article re-read and re-apply, so revisions are never lost. Writes never wait for a refresh;
 * `refresh()` publishes them to search. User text only ever becomes `multi_match` phrases and `term`s.
 *
 * This module keeps the ElasticsearchStore class, which validates its options and delegates: client.ts
 * (options, client factory, error mapping), indices.ts (index/alias bootstrap, reindex), writes.ts and
 * bulk.ts (upserts, bulk requests, BulkWriteError), documents.ts (real-time reads), search.ts (queries,
 * highlights, facets, counts) and export.ts (point-in-time export). Every public name is re-exported here.
 */

import type { Client } from '@elastic/elasticsearch';
import { ConfigError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import type { ArticleFilter, ArticleStore, Revision, StoredArticle, UpsertResult } from '../types.ts';
import { type BulkOptions, BulkWriteError } from './bulk.ts';
import { createClient, type ElasticsearchStoreOptions, type StoreContext, wrap } from './client.ts';
import { type ArticleSource, mget, type RevisionSource, SOURCE_FIELDS, toStored } from './documents.ts';
import { exportArticles } from './export.ts';
import {
  articlesIndex,
  currentArticlesIndex,
  initIndices,
  listIndices,
  planFor,
  type ReindexResult,
  reindexTo,
} from './indices.ts';
import { MAPPING_VERSION } from './mapping.ts';
import { count, type ElasticsearchSearchQuery, type ElasticsearchSearchResult, search } from './search.ts';
import { upsertMany } from './writes.ts';

export { type BulkOptions, BulkWriteError, type WriteFailure } from './bulk.ts';
export type { ElasticsearchStoreOptions } from './client.ts';
export type { ReindexResult } from './indices.ts';
export type {
  ElasticsearchSearchQuery,
  ElasticsearchSearchResult,
  FacetBucket,
  SearchFacets,
} from './search.ts';

const PREFIX_RE = /^[a-z0-9][a-z0-9_.-]*$/;

export class ElasticsearchStore implements ArticleStore {
  /**
   * Many writers: up to 32 index jobs at once per worker process share one round of lookups and one bulk
   * request (with 8, the worker-process bench sent 150 bulks and 50 lookup rounds for 400 articles; with 32,
   * 69 and 23). Index jobs only wait on the network, so running more at once costs the worker little.
   */
  readonly indexConcurrency = 32;
  readonly client: Client;
  readonly prefix: string;
  readonly articlesAlias: string;
  readonly revisionsAlias: string;
  readonly hashesAlias: string;
  readonly #ownsClient: boolean;
  readonly #ctx: StoreContext;

  constructor(options: ElasticsearchStoreOptions) {
    this.prefix = options.indexPrefix ?? 'khabar';
    if (!PREFIX_RE.test(this.prefix)) {
      throw new ConfigError(
        'bad-config',
        `Elasticsearch index prefix "${this.prefix}" must be lower case letters, digits, _ . -`,
      );
    }
    this.articlesAlias = `${this.prefix}-articles`;
    this.revisionsAlias = `${this.prefix}-revisions`;
    this.hashesAlias = `${this.prefix}-hashes`;
    const plan = planFor(options, MAPPING_VERSION);
    const bulk: Required<BulkOptions> = {
      maxDocs: options.bulk?.maxDocs ?? 500,
      maxBytes: options.bulk?.maxBytes ?? 5 * 1024 * 1024,
      maxAttempts: options.bulk?.maxAttempts ?? 6,
      backoffMs: options.bulk?.backoffMs ?? 200,
    };
    this.#ownsClient = !options.client;
    this.client = options.client ?? ElasticsearchStore.createClient(options);
    this.#ctx = {
      client: this.client,
      prefix: this.prefix,
      articlesAlias: this.articlesAlias,
      revisionsAlias: this.revisionsAlias,
      hashesAlias: this.hashesAlias,
      options,
      plan,
      bulk,
    };
  }

  static createClient(options: ElasticsearchStoreOptions): Client {
    return createClient(options);
  }

  /** Name of the articles index for a mapping version. */
  articlesIndex(version: number = MAPPING_VERSION): string {
    return articlesIndex(this.articlesAlias, version);
  }

  /** Every index this store owns (for tests and clean-up): concrete names, any version. */
  async indices(): Promise<string[]> {
    return listIndices(this.#ctx);
  }

  /** Delete every index of this prefix. Irreversible: for tests and `khabar reset`-like tooling. */
  async deleteIndices(): Promise<void> {
    const names = await this.indices();
    if (names.length > 0) await this.client.indices.delete({ index: names, ignore_unavailable: true });
  }

  // --- init

  async init(): Promise<void> {
    return initIndices(this.#ctx);
  }

  /** The concrete index the articles alias points to. */
  async currentArticlesIndex(): Promise<string> {
    return currentArticlesIndex(this.#ctx);
  }

  /**
   * Move the articles to a new mapping version: create `<prefix>-articles-v<version>` from the schema, copy
   * every document with the `_reindex` API, check the count, then swap the alias atomically. Writers should be
   * paused meanwhile (writes to the old index after the copy started are not carried over). The old index is
   * kept unless `deleteOld`. Derived fields are carried over as they were; a change in how they are derived
   * needs the articles re-ingested.
   */
  async reindexTo(version: number, options: { deleteOld?: boolean } = {}): Promise<ReindexResult> {
    return reindexTo(this.#ctx, version, options);
  }

  // --- writes

  async upsert(article: Article): Promise<UpsertResult> {
    try {
      return (await this.upsertMany([article]))[0]!;
    } catch (e) {
      if (e instanceof BulkWriteError && e.outcomes[0] instanceof Error) throw e.outcomes[0];
      throw e;
    }
  }

  async upsertMany(articles: Article[]): Promise<UpsertResult[]> {
    return upsertMany(this.#ctx, articles);
  }

  // --- reads

  async get(id: string): Promise<StoredArticle | undefined> {
    const found = await mget<ArticleSource>(this.client, this.articlesAlias, [id], SOURCE_FIELDS);
    const f = found.get(id);
    return f ? toStored(f.source) : undefined;
  }

  async revisions(id: string): Promise<Revision[]> {
    const current = (
      await mget<{ revision: number }>(this.client, this.articlesAlias, [id], ['revision'])
    ).get(id);
    if (!current || current.source.revision <= 1) return [];
    const keys = Array.from({ length: current.source.revision - 1 }, (_, i) => `${id}:${i + 1}`);
    const found = await mget<RevisionSource>(this.client, this.revisionsAlias, keys);
    return keys
      .map((k) => found.get(k)?.source)
      .filter((r): r is RevisionSource => r !== undefined)
      .map((r) => ({
        revision: r.revision,
        contentHash: r.contentHash,
        storedAt: r.storedAt,
        article: r.article,
      }));
  }

  async search(query: ElasticsearchSearchQuery): Promise<ElasticsearchSearchResult> {
    return search(this.#ctx, query);
  }

  /** Every matching article through a point in time, 500 per page in `_shard_doc` order; the PIT is always closed. */
  export(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    return exportArticles(this.#ctx, filter);
  }

  async count(filter: ArticleFilter = {}): Promise<number> {
    return count(this.#ctx, filter);
  }

  async refresh(): Promise<void> {
    try {
      // Only the articles are searched; revisions and hashes are read by id, in real time.
      await this.client.indices.refresh({ index: this.articlesAlias });
    } catch (e) {
      throw wrap(e, 'refresh');
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.client.close();
  }
}
