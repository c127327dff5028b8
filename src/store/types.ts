/**
 * Store port: what the pipeline and the CLI need from a store. The embedded SQLite store and the
 * Elasticsearch store both implement it, and one contract test suite runs against both.
 */
import type { Article } from '../core/types.ts';

export interface ArticleFilter {
  /** Full-text query, Hindi or English; entity names match across scripts. */
  text?: string;
  /** Document language, ISO 639-3. */
  lang?: string;
  /** Entity, by canonical name or any alias in either script. */
  entity?: string;
  site?: string;
  /** Inclusive lower bound on publication time (date or ISO time). */
  from?: string;
  /** Inclusive upper bound on publication time (a bare date includes that whole day, IST). */
  to?: string;
}

export interface SearchQuery extends ArticleFilter {
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  url?: string;
  site?: string;
  published?: string;
  language: string;
  score: number;
  /** Fragments with whole matched words wrapped in `<mark>…</mark>`; other text HTML-escaped. */
  highlights: string[];
}

export interface FacetBucket {
  value: string;
  count: number;
}

/** Counts over every article matching a search (not only the returned page). */
export interface SearchFacets {
  entities: FacetBucket[];
  language: FacetBucket[];
  site: FacetBucket[];
  /** Month of publication (IST) as `YYYY-MM`, oldest first. */
  published: FacetBucket[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Present when the store was asked for facets. */
  facets?: SearchFacets;
}

/** The search hit for an article: the fields every store returns, the same way. */
export function toSearchHit(a: Article, score: number, highlights: string[]): SearchHit {
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
}

export type UpsertStatus = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  id: string;
  status: UpsertStatus;
  revision: number;
}

/** An article as stored: the analysis plus bookkeeping. */
export interface StoredArticle extends Article {
  revision: number;
  ingestedAt: string;
  updatedAt: string;
}

export interface Revision {
  revision: number;
  contentHash: string;
  storedAt: string;
  article: Article;
}

export interface ArticleStore {
  /**
   * Index jobs one queue worker process runs at once unless told otherwise. Jobs running together share
   * one `upsertMany` (one SQLite transaction, one Elasticsearch bulk request).
   */
  readonly indexConcurrency: number;
  /** Create tables or indices when missing. Idempotent. */
  init(): Promise<void>;
  /**
   * Insert or update by id, or by content hash when the id is new: re-ingesting the same article never
   * duplicates it; a changed article keeps its earlier version as a revision.
   */
  upsert(article: Article): Promise<UpsertResult>;
  upsertMany(articles: Article[]): Promise<UpsertResult[]>;
  get(id: string): Promise<StoredArticle | undefined>;
  /** Earlier versions, oldest first (the current one is not included). */
  revisions(id: string): Promise<Revision[]>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Stream every matching article, in a stable order, with flat memory. */
  export(filter?: ArticleFilter): AsyncIterable<StoredArticle>;
  count(filter?: ArticleFilter): Promise<number>;
  /** Make everything written so far visible to search (a no-op where writes are visible at once). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
