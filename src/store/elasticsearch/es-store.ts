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
 */

import { readFileSync } from 'node:fs';
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { ConfigError, InputError, KhabarError, TransientError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import { lookupAlias } from '../../entities/index.ts';
import { PartialWriteError } from '../errors.ts';
import { parseQuery, type QueryClause } from '../query.ts';
import { timeBounds } from '../time.ts';
import { entityKey } from '../tokenize.ts';
import type {
  ArticleFilter,
  ArticleStore,
  Revision,
  SearchHit,
  SearchQuery,
  SearchResult,
  StoredArticle,
  UpsertResult,
} from '../types.ts';
import {
  allTextFields,
  buildIndexPlan,
  type IndexPlan,
  MAPPING_VERSION,
  toIndexDocument,
} from './mapping.ts';

export interface ElasticsearchStoreOptions {
  /** Node URL(s), e.g. `http://localhost:9200` (credentials may be in the URL). */
  node: string | string[];
  /** Index and alias name prefix (lower case): isolates deployments and test runs. Default `khabar`. */
  indexPrefix?: string;
  auth?: { apiKey?: string; username?: string; password?: string };
  tls?: { caFile?: string; rejectUnauthorized?: boolean };
  /** Use this client instead of creating one (the store then does not close it). */
  client?: Client;
  /** Primary shards / replicas of newly created indices (default from the schema: 1 / 0). */
  shards?: number;
  replicas?: number;
  /** Index settings laid over the schema's for new articles indices (top-level keys replace, e.g. `analysis`). */
  settings?: Record<string, unknown>;
  bulk?: BulkOptions;
}

export interface BulkOptions {
  /** Articles per bulk request (default 500). */
  maxDocs?: number;
  /** Approximate bytes per bulk request (default 5 MB). */
  maxBytes?: number;
  /** Attempts for items rejected with 429/5xx, and for write conflicts (default 6). */
  maxAttempts?: number;
  /** First backoff delay in ms, doubled per attempt with jitter, capped at 10 s (default 200). */
  backoffMs?: number;
}

/** Search request with Elasticsearch-only extras. */
export interface ElasticsearchSearchQuery extends SearchQuery {
  /** Also return facet counts (entities, language, site, month of publication) over all matches. */
  facets?: boolean;
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface SearchFacets {
  entities: FacetBucket[];
  language: FacetBucket[];
  site: FacetBucket[];
  /** Month of publication (IST) as `YYYY-MM`, oldest first. */
  published: FacetBucket[];
}

/** A SearchResult plus, when asked for with `facets: true`, facet counts. */
export interface ElasticsearchSearchResult extends SearchResult {
  facets?: SearchFacets;
}

export interface ReindexResult {
  from: string;
  to: string;
  documents: number;
}

/** One article of a bulk write that was not stored. */
export interface WriteFailure {
  id: string;
  status: number;
  type: string;
  reason: string;
}

/**
 * Thrown by upsertMany when some articles could not be stored; every other article was stored.
 * `outcomes` is aligned with the input: an UpsertResult, or the Error (InputError for rejected documents,
 * TransientError when retries ran out) of that article.
 */
export class BulkWriteError extends PartialWriteError {
  readonly failures: WriteFailure[];
  constructor(failures: WriteFailure[], outcomes: (UpsertResult | Error)[]) {
    const list = failures
      .slice(0, 10)
      .map((f) => `${f.id} (${f.status} ${f.type}: ${f.reason})`)
      .join('; ');
    super(
      'bulk-write-failed',
      `${failures.length} of ${outcomes.length} articles were not stored: ${list}${failures.length > 10 ? '; …' : ''}`,
      outcomes,
    );
    this.failures = failures;
  }
}

/** The `_source` of an article document, as read back. */
interface ArticleSource {
  doc: Article;
  revision: number;
  ingestedAt: string;
  updatedAt: string;
}

interface Current extends ArticleSource {
  seqNo?: number;
  primaryTerm?: number;
}

interface RevisionSource {
  articleId: string;
  revision: number;
  contentHash: string;
  storedAt: string;
  article: Article;
}

type BulkAction = 'create' | 'index' | 'delete';

interface BulkOp {
  key: string;
  action: BulkAction;
  index: string;
  id: string;
  doc?: unknown;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
}

interface BulkItemResult {
  status: number;
  type?: string;
  reason?: string;
  seqNo?: number;
  primaryTerm?: number;
}

const SOURCE_FIELDS = ['doc', 'revision', 'ingestedAt', 'updatedAt'];
const HIT_FIELDS = [
  'doc.id',
  'doc.title',
  'doc.url',
  'doc.canonicalUrl',
  'doc.site',
  'doc.published',
  'doc.language',
];
const PREFIX_RE = /^[a-z0-9][a-z0-9_.-]*$/;
const MAX_WINDOW = 10_000;
const PAGE = 500;

const isRetryable = (status: number) => status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Map a client error to the project's taxonomy: config problems are fatal, the rest transient. */
function wrap(error: unknown, what: string): Error {
  if (error instanceof KhabarError) return error;
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 0;
    const reason = (error.body as { error?: string | { type?: string; reason?: string } } | undefined)?.error;
    const detail =
      typeof reason === 'string' ? reason : reason?.type ? `${reason.type}: ${reason.reason}` : error.message;
    if (status === 401 || status === 403)
      return new ConfigError('elasticsearch-auth', `${what}: ${detail}`, { cause: error });
    if (status === 400)
      return new InputError('elasticsearch-rejected', `${what}: ${detail}`, { cause: error });
    return new TransientError('elasticsearch-unavailable', `${what}: ${status} ${detail}`, { cause: error });
  }
  if (error instanceof errors.ElasticsearchClientError) {
    return new TransientError('elasticsearch-unavailable', `${what}: ${error.message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

export class ElasticsearchStore implements ArticleStore {
  readonly client: Client;
  readonly prefix: string;
  readonly articlesAlias: string;
  readonly revisionsAlias: string;
  readonly hashesAlias: string;
  readonly #ownsClient: boolean;
  readonly #options: ElasticsearchStoreOptions;
  readonly #plan: IndexPlan;
  readonly #bulk: Required<BulkOptions>;

  constructor(options: ElasticsearchStoreOptions) {
    this.#options = options;
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
    this.#plan = this.#planFor(MAPPING_VERSION);
    this.#bulk = {
      maxDocs: options.bulk?.maxDocs ?? 500,
      maxBytes: options.bulk?.maxBytes ?? 5 * 1024 * 1024,
      maxAttempts: options.bulk?.maxAttempts ?? 6,
      backoffMs: options.bulk?.backoffMs ?? 200,
    };
    this.#ownsClient = !options.client;
    this.client = options.client ?? ElasticsearchStore.createClient(options);
  }

  static createClient(options: ElasticsearchStoreOptions): Client {
    const { auth, tls } = options;
    let clientAuth: { apiKey: string } | { username: string; password: string } | undefined;
    if (auth?.apiKey) clientAuth = { apiKey: auth.apiKey };
    else if (auth?.username) clientAuth = { username: auth.username, password: auth.password ?? '' };
    let clientTls: { ca?: Buffer; rejectUnauthorized?: boolean } | undefined;
    if (tls) {
      clientTls = {};
      if (tls.caFile) {
        try {
          clientTls.ca = readFileSync(tls.caFile);
        } catch (e) {
          throw new ConfigError(
            'bad-config',
            `cannot read the Elasticsearch CA file ${tls.caFile}: ${(e as Error).message}`,
          );
        }
      }
      if (tls.rejectUnauthorized !== undefined) clientTls.rejectUnauthorized = tls.rejectUnauthorized;
    }
    return new Client({
      node: options.node,
      ...(clientAuth ? { auth: clientAuth } : {}),
      ...(clientTls ? { tls: clientTls } : {}),
      maxRetries: 3,
      requestTimeout: 60_000,
    });
  }

  #planFor(version: number): IndexPlan {
    const o = this.#options;
    const plan = buildIndexPlan(undefined, { version, shards: o.shards, replicas: o.replicas });
    return o.settings ? { ...plan, settings: { ...plan.settings, ...o.settings } } : plan;
  }

  /** Name of the articles index for a mapping version. */
  articlesIndex(version: number = MAPPING_VERSION): string {
    return `${this.articlesAlias}-v${version}`;
  }

  /** Every index this store owns (for tests and clean-up): concrete names, any version. */
  async indices(): Promise<string[]> {
    const res = await this.client.indices
      .get({ index: `${this.prefix}-*`, allow_no_indices: true, expand_wildcards: 'all' })
      .catch((e) => {
        throw wrap(e, 'list indices');
      });
    return Object.keys(res)
      .filter((name) =>
        [this.articlesAlias, this.revisionsAlias, this.hashesAlias].some((a) => name.startsWith(`${a}-v`)),
      )
      .sort();
  }

  /** Delete every index of this prefix. Irreversible: for tests and `khabar reset`-like tooling. */
  async deleteIndices(): Promise<void> {
    const names = await this.indices();
    if (names.length > 0) await this.client.indices.delete({ index: names, ignore_unavailable: true });
  }

  // --- init

  async init(): Promise<void> {
    try {
      await this.#ensure(this.articlesAlias, this.articlesIndex(), this.#plan.settings, this.#plan.mappings);
      const small = {
        number_of_shards: this.#plan.settings.number_of_shards,
        number_of_replicas: this.#plan.settings.number_of_replicas,
      };
      await this.#ensure(this.revisionsAlias, `${this.revisionsAlias}-v1`, small, {
        dynamic: 'strict',
        properties: {
          articleId: { type: 'keyword' },
          revision: { type: 'integer' },
          contentHash: { type: 'keyword' },
          storedAt: { type: 'date' },
          article: { type: 'object', enabled: false },
        },
      });
      await this.#ensure(this.hashesAlias, `${this.hashesAlias}-v1`, small, {
        dynamic: 'strict',
        properties: { articleId: { type: 'keyword' } },
      });
    } catch (e) {
      const err = wrap(e, `initialise Elasticsearch indices ${this.prefix}-*`);
      // A rejected index definition is a deployment problem (missing analysis module, bad settings), not input.
      throw err instanceof InputError ? new ConfigError('store-init', err.message, { cause: e }) : err;
    }
  }

  /** Create `index` with `alias` unless the alias exists. Safe to run concurrently. */
  async #ensure(
    alias: string,
    index: string,
    settings: Record<string, unknown>,
    mappings: Record<string, unknown>,
  ) {
    if (await this.client.indices.existsAlias({ name: alias })) return;
    if (await this.client.indices.exists({ index: alias })) {
      throw new ConfigError(
        'store-layout',
        `Elasticsearch has an index named ${alias}; Khabar needs that name for an alias`,
      );
    }
    try {
      await this.client.indices.create({
        index,
        settings,
        mappings: mappings as estypes.MappingTypeMapping,
        aliases: { [alias]: { is_write_index: true } },
      });
    } catch (e) {
      if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception'))
        throw e;
      // Created concurrently, or left without its alias by an interrupted init.
      await this.client.indices.putAlias({ index, name: alias, is_write_index: true });
    }
  }

  /** The concrete index the articles alias points to. */
  async currentArticlesIndex(): Promise<string> {
    const res = await this.client.indices.getAlias({ name: this.articlesAlias }).catch((e) => {
      throw wrap(e, `read alias ${this.articlesAlias}`);
    });
    const names = Object.keys(res);
    if (names.length !== 1)
      throw new ConfigError('store-layout', `alias ${this.articlesAlias} points to ${names.length} indices`);
    return names[0]!;
  }

  /**
   * Move the articles to a new mapping version: create `<prefix>-articles-v<version>` from the schema, copy
   * every document with the `_reindex` API, check the count, then swap the alias atomically. Writers should be
   * paused meanwhile (writes to the old index after the copy started are not carried over). The old index is
   * kept unless `deleteOld`. Derived fields are carried over as they were; a change in how they are derived
   * needs the articles re-ingested.
   */
  async reindexTo(version: number, options: { deleteOld?: boolean } = {}): Promise<ReindexResult> {
    if (!Number.isInteger(version) || version < 1)
      throw new InputError('bad-version', `mapping version must be a positive integer`);
    const from = await this.currentArticlesIndex();
    const to = this.articlesIndex(version);
    if (from === to) return { from, to, documents: await this.count() };
    try {
      const plan = this.#planFor(version);
      // A target left over by an interrupted reindex is not live (the alias is elsewhere): start it afresh.
      if (await this.client.indices.exists({ index: to })) await this.client.indices.delete({ index: to });
      await this.client.indices.create({
        index: to,
        settings: plan.settings,
        mappings: plan.mappings as estypes.MappingTypeMapping,
      });
      await this.client.indices.refresh({ index: from });
      if (!(await this.#reindexApi(from, to))) await this.#copyDocuments(from, to);
      await this.client.indices.refresh({ index: to });
      const [a, b] = await Promise.all([
        this.client.count({ index: from }),
        this.client.count({ index: to }),
      ]);
      if (a.count !== b.count) {
        throw new TransientError(
          'reindex-failed',
          `reindex ${from} → ${to} copied ${b.count} of ${a.count} documents; alias left on ${from}`,
        );
      }
      await this.client.indices.updateAliases({
        actions: [
          { remove: { index: from, alias: this.articlesAlias } },
          { add: { index: to, alias: this.articlesAlias, is_write_index: true } },
        ],
      });
      if (options.deleteOld) await this.client.indices.delete({ index: from });
      return { from, to, documents: b.count };
    } catch (e) {
      throw wrap(e, `reindex ${from} → ${to}`);
    }
  }

  /** Copy with the `_reindex` API as a task, polled; false when the cluster has no reindex module. */
  async #reindexApi(from: string, to: string): Promise<boolean> {
    let taskId: string;
    try {
      const started = await this.client.reindex({
        source: { index: from, size: 1000 },
        dest: { index: to, op_type: 'create' },
        conflicts: 'abort',
        wait_for_completion: false,
        refresh: true,
      });
      taskId = String(started.task);
    } catch (e) {
      // 405/404/400 without an error object: a minimal distribution without the reindex module.
      if (
        e instanceof errors.ResponseError &&
        [400, 404, 405].includes(e.statusCode ?? 0) &&
        !e.body?.error?.type
      ) {
        return false;
      }
      throw e;
    }
    for (;;) {
      const task = await this.client.tasks.get({ task_id: taskId });
      if (!task.completed) {
        await sleep(500);
        continue;
      }
      const failures = (task.response as { failures?: unknown[] } | undefined)?.failures ?? [];
      if (task.error || failures.length > 0) {
        const first = task.error ?? failures[0];
        throw new TransientError('reindex-failed', `reindex ${from} → ${to}: ${JSON.stringify(first)}`);
      }
      return true;
    }
  }

  /** Fallback copy: point-in-time pages of `_source`, bulk-created in the target. */
  async #copyDocuments(from: string, to: string): Promise<void> {
    const pit = (await this.client.openPointInTime({ index: from, keep_alive: '2m' })).id;
    try {
      let after: estypes.SortResults | undefined;
      for (;;) {
        const res = await this.client.search({
          pit: { id: pit, keep_alive: '2m' },
          size: PAGE,
          sort: [{ _shard_doc: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        });
        const hits = res.hits.hits;
        const ops = hits.map(
          (h): BulkOp => ({ key: h._id!, action: 'create', index: to, id: h._id!, doc: h._source }),
        );
        for (const [id, r] of await this.#runBulk(ops)) {
          if (r.status >= 300)
            throw new TransientError('reindex-failed', `copy ${id} to ${to}: ${r.status} ${r.reason}`);
        }
        if (hits.length < PAGE) return;
        after = hits.at(-1)!.sort;
      }
    } finally {
      await this.client.closePointInTime({ id: pit }).catch(() => undefined);
    }
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
    const outcomes: (UpsertResult | Error)[] = new Array(articles.length);
    const failures: WriteFailure[] = [];
    // Backpressure: one bounded bulk round at a time (docs and approximate bytes per chunk).
    let chunk: number[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const indices = chunk;
      chunk = [];
      bytes = 0;
      await this.#writeChunk(articles, indices, outcomes, failures);
    };
    for (let i = 0; i < articles.length; i++) {
      // The flat fields repeat the text once more; revisions may add a copy of the previous version.
      const size = JSON.stringify(articles[i]).length * 3;
      if (chunk.length > 0 && (chunk.length >= this.#bulk.maxDocs || bytes + size > this.#bulk.maxBytes))
        await flush();
      chunk.push(i);
      bytes += size;
    }
    await flush();
    if (failures.length > 0) throw new BulkWriteError(failures, outcomes);
    return outcomes as UpsertResult[];
  }

  /** Plan and write the articles at `indices`; articles that lose a write race are re-planned. */
  async #writeChunk(
    articles: Article[],
    indices: number[],
    outcomes: (UpsertResult | Error)[],
    failures: WriteFailure[],
  ) {
    let pending = indices;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const conflicted = await this.#writeOnce(articles, pending, outcomes, failures);
      if (conflicted.length === 0) return;
      if (attempt >= this.#bulk.maxAttempts) {
        for (const i of conflicted) {
          const f = {
            id: articles[i]!.id,
            status: 409,
            type: 'version_conflict',
            reason: 'concurrent writers kept winning',
          };
          failures.push(f);
          outcomes[i] = new TransientError('write-conflict', `article ${f.id}: ${f.reason}`);
        }
        return;
      }
      await sleep(this.#backoff(attempt));
      pending = conflicted;
    }
  }

  #backoff(attempt: number): number {
    const base = Math.min(10_000, this.#bulk.backoffMs * 2 ** (attempt - 1));
    return base / 2 + Math.random() * (base / 2);
  }

  /** Returns the input positions whose article write hit a version conflict (to re-plan). */
  async #writeOnce(
    articles: Article[],
    indices: number[],
    outcomes: (UpsertResult | Error)[],
    failures: WriteFailure[],
  ): Promise<number[]> {
    const now = new Date().toISOString();
    const batch = indices.map((i) => articles[i]!);
    // 1. What is stored: articles by id, and content hash → id (both real-time reads).
    const ids = [...new Set(batch.map((a) => a.id))];
    const hashes = [...new Set(batch.map((a) => a.contentHash))];
    const [current, hashDocs] = await Promise.all([
      this.#mgetArticles(ids),
      this.#mget<{ articleId: string }>(this.hashesAlias, hashes),
    ]);
    const more = [...new Set([...hashDocs.values()].map((h) => h.source.articleId))].filter(
      (id) => !current.has(id),
    );
    for (const [id, cur] of await this.#mgetArticles(more)) current.set(id, cur);
    /** hash → id of the live article that has that content. */
    const byHash = new Map<string, string>();
    for (const [hash, h] of hashDocs)
      if (current.get(h.source.articleId)?.doc.contentHash === hash) byHash.set(hash, h.source.articleId);
    const hashDocValid = new Set(byHash.keys());
    // An article read by id whose hash pointer was never written (an interrupted write) still counts.
    const wanted = new Set(hashes);
    for (const [id, cur] of current)
      if (wanted.has(cur.doc.contentHash) && !byHash.has(cur.doc.contentHash))
        byHash.set(cur.doc.contentHash, id);

    // 2. Apply the batch in order, in memory, exactly as the embedded store would.
    const state = new Map<string, Current & { touched?: boolean }>(current);
    const revisions: BulkOp[] = [];
    const revisionOwner = new Map<string, string>();
    const planned: { pos: number; id: string; result: UpsertResult }[] = [];
    for (const [k, article] of batch.entries()) {
      const hashOwner = byHash.get(article.contentHash);
      const existing = state.get(article.id) ?? (hashOwner ? state.get(hashOwner) : undefined);
      const id = existing?.doc.id ?? article.id;
      const stored: Article = { ...article, id };
      let result: UpsertResult;
      if (existing && existing.doc.contentHash === article.contentHash) {
        const prev = existing.doc;
        const merged = JSON.parse(
          JSON.stringify({
            ...prev,
            ...stored,
            canonicalUrl: stored.canonicalUrl ?? prev.canonicalUrl,
            url: stored.url ?? prev.url,
          }),
        ) as Article;
        state.set(id, { ...existing, doc: merged, updatedAt: now, touched: true });
        result = { id, status: 'unchanged', revision: existing.revision };
      } else {
        const revision = existing ? existing.revision + 1 : 1;
        if (existing) {
          const source: RevisionSource = {
            articleId: id,
            revision: existing.revision,
            contentHash: existing.doc.contentHash,
            storedAt: existing.updatedAt,
            article: existing.doc,
          };
          const key = `${id}:${existing.revision}`;
          revisions.push({ key, action: 'create', index: this.revisionsAlias, id: key, doc: source });
          revisionOwner.set(key, id);
        }
        const doc = JSON.parse(JSON.stringify(stored)) as Article;
        state.set(id, {
          ...(existing ?? {}),
          doc,
          revision,
          ingestedAt: existing?.ingestedAt ?? now,
          updatedAt: now,
          touched: true,
        });
        if (!byHash.has(article.contentHash)) byHash.set(article.contentHash, id);
        result = { id, status: existing ? 'updated' : 'created', revision };
      }
      planned.push({ pos: indices[k]!, id, result });
    }

    // 3. Revisions first: an article is only overwritten once its previous version is safe.
    const failedIds = new Map<string, WriteFailure>();
    const revResults = await this.#runBulk(revisions);
    for (const [key, r] of revResults) {
      // 409: written by an earlier attempt or a concurrent writer that read the same version: same content.
      if (r.status < 300 || r.status === 409) continue;
      const id = revisionOwner.get(key)!;
      failedIds.set(id, {
        id,
        status: r.status,
        type: r.type ?? 'error',
        reason: `revision not saved: ${r.reason}`,
      });
    }

    // 4. Articles, with optimistic concurrency.
    const articleOps: BulkOp[] = [];
    for (const [id, s] of state) {
      if (!s.touched || failedIds.has(id)) continue;
      const source: ArticleSource = {
        doc: s.doc,
        revision: s.revision,
        ingestedAt: s.ingestedAt,
        updatedAt: s.updatedAt,
      };
      const doc = toIndexDocument(this.#plan, s.doc, source);
      if (s.seqNo !== undefined) {
        articleOps.push({
          key: id,
          action: 'index',
          index: this.articlesAlias,
          id,
          doc,
          ifSeqNo: s.seqNo,
          ifPrimaryTerm: s.primaryTerm,
        });
      } else articleOps.push({ key: id, action: 'create', index: this.articlesAlias, id, doc });
    }
    const conflictedIds = new Set<string>();
    for (const [id, r] of await this.#runBulk(articleOps)) {
      if (r.status < 300) continue;
      if (r.status === 409) conflictedIds.add(id);
      else
        failedIds.set(id, { id, status: r.status, type: r.type ?? 'error', reason: r.reason ?? 'unknown' });
    }

    // 5. Content hashes of what was written, where the stored pointer is missing or stale.
    const hashOps: BulkOp[] = [];
    for (const [hash, id] of byHash) {
      if (hashDocValid.has(hash) || failedIds.has(id) || conflictedIds.has(id)) continue;
      hashOps.push({ key: hash, action: 'index', index: this.hashesAlias, id: hash, doc: { articleId: id } });
    }
    for (const [hash, r] of await this.#runBulk(hashOps)) {
      if (r.status >= 300) {
        const id = byHash.get(hash)!;
        failedIds.set(id, {
          id,
          status: r.status,
          type: r.type ?? 'error',
          reason: `content hash not saved: ${r.reason}`,
        });
      }
    }

    const conflicted: number[] = [];
    for (const p of planned) {
      if (conflictedIds.has(p.id)) conflicted.push(p.pos);
      else if (failedIds.has(p.id)) {
        const f = { ...failedIds.get(p.id)!, id: articles[p.pos]!.id };
        failures.push(f);
        const message = `article ${f.id} was not stored: ${f.status} ${f.type}: ${f.reason}`;
        outcomes[p.pos] = isRetryable(f.status)
          ? new TransientError('store-unavailable', message)
          : new InputError('store-rejected', message);
      } else outcomes[p.pos] = p.result;
    }
    return conflicted;
  }

  async #mgetArticles(ids: string[]): Promise<Map<string, Current>> {
    const found = await this.#mget<ArticleSource>(this.articlesAlias, ids, SOURCE_FIELDS);
    return new Map(
      [...found].map(([id, f]) => [id, { ...f.source, seqNo: f.seqNo, primaryTerm: f.primaryTerm }]),
    );
  }

  /** Real-time multi-get in bounded requests; missing ids are absent from the map. */
  async #mget<T>(
    index: string,
    ids: string[],
    includes?: string[],
  ): Promise<Map<string, { source: T; seqNo?: number; primaryTerm?: number }>> {
    const out = new Map<string, { source: T; seqNo?: number; primaryTerm?: number }>();
    for (let i = 0; i < ids.length; i += PAGE) {
      const res = await this.client
        .mget<T>({
          index,
          ids: ids.slice(i, i + PAGE),
          realtime: true,
          ...(includes ? { _source_includes: includes } : {}),
        })
        .catch((e) => {
          throw wrap(e, `read from ${index}`);
        });
      for (const d of res.docs) {
        if ('error' in d)
          throw new TransientError('store-unavailable', `read ${d._id} from ${index}: ${d.error.reason}`);
        if (d.found && d._source)
          out.set(d._id, { source: d._source, seqNo: d._seq_no, primaryTerm: d._primary_term });
      }
    }
    return out;
  }

  /**
   * One bulk request, then retries with exponential backoff for items (or whole requests) rejected with
   * 429/5xx, at most `maxAttempts` times. Returns each op's final status by key.
   */
  async #runBulk(ops: BulkOp[]): Promise<Map<string, BulkItemResult>> {
    const results = new Map<string, BulkItemResult>();
    let pending = ops;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const operations: unknown[] = [];
      for (const op of pending) {
        const meta: Record<string, unknown> = { _index: op.index, _id: op.id };
        if (op.ifSeqNo !== undefined) {
          meta.if_seq_no = op.ifSeqNo;
          meta.if_primary_term = op.ifPrimaryTerm;
        }
        operations.push({ [op.action]: meta });
        if (op.action !== 'delete') operations.push(op.doc);
      }
      let items: Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>>[] | undefined;
      let requestError: Error | undefined;
      try {
        const res = await this.client.bulk({ operations, refresh: false });
        items = res.items;
      } catch (e) {
        const status = e instanceof errors.ResponseError ? (e.statusCode ?? 0) : 0;
        const transient =
          isRetryable(status) || e instanceof errors.ConnectionError || e instanceof errors.TimeoutError;
        if (!transient) throw wrap(e, 'bulk write');
        requestError = wrap(e, 'bulk write');
      }
      const retry: BulkOp[] = [];
      pending.forEach((op, i) => {
        if (!items) {
          retry.push(op);
          results.set(op.key, { status: 503, type: 'request_failed', reason: requestError?.message });
          return;
        }
        const item = items[i]?.[op.action];
        const status = item?.status ?? 500;
        const r: BulkItemResult = {
          status,
          type: item?.error?.type,
          reason: item?.error?.reason ?? undefined,
          seqNo: item?._seq_no,
          primaryTerm: item?._primary_term,
        };
        results.set(op.key, r);
        if (isRetryable(status)) retry.push(op);
      });
      if (retry.length === 0 || attempt >= this.#bulk.maxAttempts) break;
      await sleep(this.#backoff(attempt));
      pending = retry;
    }
    return results;
  }

  // --- reads

  #toStored(source: ArticleSource): StoredArticle {
    return {
      ...source.doc,
      revision: source.revision,
      ingestedAt: source.ingestedAt,
      updatedAt: source.updatedAt,
    };
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    const found = await this.#mget<ArticleSource>(this.articlesAlias, [id], SOURCE_FIELDS);
    const f = found.get(id);
    return f ? this.#toStored(f.source) : undefined;
  }

  async revisions(id: string): Promise<Revision[]> {
    const current = (await this.#mget<{ revision: number }>(this.articlesAlias, [id], ['revision'])).get(id);
    if (!current || current.source.revision <= 1) return [];
    const keys = Array.from({ length: current.source.revision - 1 }, (_, i) => `${id}:${i + 1}`);
    const found = await this.#mget<RevisionSource>(this.revisionsAlias, keys);
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

  /** A phrase query over every per-language title and body field (titles weigh 4×, like the embedded store). */
  #phrase(phrase: string, fields = this.#textFields()): estypes.QueryDslQueryContainer {
    return { multi_match: { query: phrase, type: 'phrase', fields } };
  }

  #textFields(): string[] {
    const title = this.#plan.textFields.title ?? [];
    return allTextFields(this.#plan).map((f) => (title.includes(f) ? `${f}^4` : f));
  }

  #clauseQuery(c: QueryClause): estypes.QueryDslQueryContainer {
    const should: estypes.QueryDslQueryContainer[] = c.phrases.map((p) => this.#phrase(p));
    if (c.entity) {
      const key = entityKey(c.entity);
      should.push(
        { term: { entity_keys: { value: key, boost: 2 } } },
        { term: { part_of_keys: { value: key } } },
      );
    }
    return { bool: { should, minimum_should_match: 1 } };
  }

  /** The query for a filter: parses and validates user input before any request is made. */
  #query(filter: ArticleFilter): { query: estypes.QueryDslQueryContainer; clauses: QueryClause[] } {
    const clauses = filter.text ? parseQuery(filter.text) : [];
    const { from, to } = timeBounds(filter);
    const must = clauses.map((c) => this.#clauseQuery(c));
    const filters: estypes.QueryDslQueryContainer[] = [];
    if (filter.lang) filters.push({ term: { language: filter.lang } });
    if (filter.site) filters.push({ term: { site: filter.site } });
    if (filter.entity) {
      const canonical = lookupAlias(filter.entity)?.canonical ?? filter.entity;
      filters.push({ term: { entity_keys: entityKey(canonical) } });
    }
    if (from !== undefined || to !== undefined) {
      filters.push({
        range: {
          published: {
            ...(from !== undefined ? { gte: from } : {}),
            ...(to !== undefined ? { lte: to } : {}),
            format: 'epoch_millis',
          },
        },
      });
    }
    if (must.length === 0 && filters.length === 0) return { query: { match_all: {} }, clauses };
    return { query: { bool: { must, filter: filters } }, clauses };
  }

  async search(query: ElasticsearchSearchQuery): Promise<ElasticsearchSearchResult> {
    const { query: q, clauses } = this.#query(query);
    const limit = Math.min(Math.max(query.limit ?? 10, 1), 1000);
    const offset = Math.max(query.offset ?? 0, 0);
    if (offset + limit > MAX_WINDOW) {
      throw new InputError(
        'offset-too-large',
        `results past ${MAX_WINDOW} cannot be paged; narrow the query or use export`,
      );
    }
    const byDate: estypes.SortCombinations[] = [
      { published: { order: 'desc', missing: '_last', unmapped_type: 'date' } },
      { id: { order: 'asc' } },
    ];
    const highlightFields: Record<string, estypes.SearchHighlightField> = {};
    for (const f of this.#plan.textFields.title ?? []) highlightFields[f] = { number_of_fragments: 0 };
    for (const f of this.#plan.textFields.body ?? [])
      highlightFields[f] = { fragment_size: 220, number_of_fragments: 3 };
    let res: estypes.SearchResponse<Pick<ArticleSource, 'doc'>>;
    try {
      res = await this.client.search<Pick<ArticleSource, 'doc'>>({
        index: this.articlesAlias,
        query: q,
        from: offset,
        size: limit,
        track_total_hits: true,
        sort: clauses.length > 0 ? ['_score', ...byDate] : byDate,
        _source: { includes: HIT_FIELDS },
        ...(clauses.length > 0
          ? {
              highlight: {
                type: 'unified',
                encoder: 'html',
                pre_tags: ['<mark>'],
                post_tags: ['</mark>'],
                // Every alternative of every clause, entity aliases in both scripts included, so `AIIMS`
                // marks एम्स in a Hindi story; filters and entity keys are not text and are left out.
                highlight_query: {
                  bool: { should: clauses.flatMap((c) => c.phrases.map((p) => this.#phrase(p))) },
                },
                fields: highlightFields,
              },
            }
          : {}),
        ...(query.facets
          ? {
              aggs: {
                entities: { terms: { field: 'entities', size: 20 } },
                language: { terms: { field: 'language', size: 20 } },
                site: { terms: { field: 'site', size: 20 } },
                published: {
                  date_histogram: {
                    field: 'published',
                    calendar_interval: 'month',
                    time_zone: '+05:30',
                    format: 'yyyy-MM',
                    min_doc_count: 1,
                  },
                },
              },
            }
          : {}),
      });
    } catch (e) {
      throw wrap(e, 'search');
    }
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    const hits = res.hits.hits.map((h): SearchHit => {
      const a = h._source!.doc;
      const highlights = [
        ...(this.#plan.textFields.title ?? []).flatMap((f) => h.highlight?.[f] ?? []),
        ...(this.#plan.textFields.body ?? []).flatMap((f) => h.highlight?.[f] ?? []),
      ]
        .slice(0, 3)
        // Lucene's HTML encoder writes ' as &#x27; and / as &#x2F;: match escapeHtml in highlight.ts.
        .map((f) => f.replaceAll('&#x27;', '&#39;').replaceAll('&#x2F;', '/'));
      const score = typeof h._score === 'number' ? h._score : 0;
      return {
        id: a.id,
        title: a.title,
        ...(a.canonicalUrl || a.url ? { url: a.canonicalUrl ?? a.url } : {}),
        ...(a.site ? { site: a.site } : {}),
        ...(a.published ? { published: a.published } : {}),
        language: a.language,
        score: Math.round(score * 1000) / 1000,
        highlights,
      };
    });
    const result: ElasticsearchSearchResult = { total, hits };
    if (query.facets && res.aggregations) {
      const buckets = (name: string): FacetBucket[] => {
        const agg = res.aggregations![name] as {
          buckets?: { key: string | number; key_as_string?: string; doc_count: number }[];
        };
        return (agg.buckets ?? []).map((b) => ({
          value: b.key_as_string ?? String(b.key),
          count: b.doc_count,
        }));
      };
      result.facets = {
        entities: buckets('entities'),
        language: buckets('language'),
        site: buckets('site'),
        published: buckets('published'),
      };
    }
    return result;
  }

  /** Every matching article through a point in time, 500 per page in `_shard_doc` order; the PIT is always closed. */
  async *export(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    const { query } = this.#query(filter);
    let pit: string;
    try {
      pit = (await this.client.openPointInTime({ index: this.articlesAlias, keep_alive: '2m' })).id;
    } catch (e) {
      throw wrap(e, 'open point in time');
    }
    try {
      let after: estypes.SortResults | undefined;
      for (;;) {
        const res = await this.client
          .search<ArticleSource>({
            pit: { id: pit, keep_alive: '2m' },
            query,
            size: PAGE,
            sort: [{ _shard_doc: 'asc' }],
            track_total_hits: false,
            _source: { includes: SOURCE_FIELDS },
            ...(after ? { search_after: after } : {}),
          })
          .catch((e) => {
            throw wrap(e, 'export');
          });
        if (res.pit_id) pit = res.pit_id;
        const hits = res.hits.hits;
        for (const h of hits) yield this.#toStored(h._source!);
        if (hits.length < PAGE) return;
        after = hits.at(-1)!.sort;
      }
    } finally {
      await this.client.closePointInTime({ id: pit }).catch(() => undefined);
    }
  }

  async count(filter: ArticleFilter = {}): Promise<number> {
    const { query } = this.#query(filter);
    try {
      return (await this.client.count({ index: this.articlesAlias, query })).count;
    } catch (e) {
      throw wrap(e, 'count');
    }
  }

  async refresh(): Promise<void> {
    try {
      await this.client.indices.refresh({
        index: [this.articlesAlias, this.revisionsAlias, this.hashesAlias],
      });
    } catch (e) {
      throw wrap(e, 'refresh');
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.client.close();
  }
}
