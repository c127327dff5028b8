/**
 * Embedded store: one SQLite file (better-sqlite3), WAL journal, every write in a transaction so a crash or
 * a bad document never corrupts what is already stored. Full-text search over pre-tokenised terms.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import { highlightArticle } from '../highlight.ts';
import { parseQuery, type QueryClause } from '../query.ts';
import { entityKey, terms } from '../tokenize.ts';
import {
  type ArticleFilter,
  type ArticleStore,
  type Revision,
  type SearchQuery,
  type SearchResult,
  type StoredArticle,
  toSearchHit,
  type UpsertResult,
} from '../types.ts';
import { whereClause } from './filter.ts';
import { SCHEMA, SCHEMA_VERSION } from './schema.sql.ts';

interface Row {
  rowid: number;
  id: string;
  content_hash: string;
  revision: number;
  ingested_at: string;
  updated_at: string;
  doc: string;
}

export class SqliteStore implements ArticleStore {
  readonly path: string;
  /** One file, one writer: index jobs one at a time (a second writer would only wait for the lock). */
  readonly indexConcurrency = 1;
  #db: Database.Database | undefined;

  constructor(path: string) {
    this.path = path;
  }

  get db(): Database.Database {
    if (!this.#db) throw new Error('store is not open: call init() first');
    return this.#db;
  }

  async init(): Promise<void> {
    if (this.#db) return;
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    try {
      this.#db = new Database(this.path);
    } catch (e) {
      throw new ConfigError(
        'store-open',
        `cannot open the embedded store at ${this.path}: ${(e as Error).message}`,
      );
    }
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new ConfigError(
        'store-version',
        `${this.path} was written by a newer Khabar (schema ${version})`,
      );
    }
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA);
    this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  #write = (article: Article, now: string): UpsertResult => {
    const db = this.db;
    const existing =
      (db
        .prepare(
          'SELECT rowid, id, content_hash, revision, ingested_at, updated_at, doc FROM articles WHERE id = ?',
        )
        .get(article.id) as Row | undefined) ??
      (db
        .prepare(
          'SELECT rowid, id, content_hash, revision, ingested_at, updated_at, doc FROM articles WHERE content_hash = ? ORDER BY rowid LIMIT 1',
        )
        .get(article.contentHash) as Row | undefined);
    const id = existing?.id ?? article.id;
    const stored = { ...article, id };
    if (existing && existing.content_hash === article.contentHash) {
      // Same text: refresh metadata (a later fetch may add a canonical URL) without a new revision.
      const prev = JSON.parse(existing.doc) as Article;
      const merged = {
        ...prev,
        ...stored,
        canonicalUrl: stored.canonicalUrl ?? prev.canonicalUrl,
        url: stored.url ?? prev.url,
      };
      db.prepare('UPDATE articles SET doc = ?, canonical_url = ?, updated_at = ? WHERE rowid = ?').run(
        JSON.stringify(merged),
        merged.canonicalUrl ?? null,
        now,
        existing.rowid,
      );
      return { id, status: 'unchanged', revision: existing.revision };
    }
    const revision = existing ? existing.revision + 1 : 1;
    if (existing) {
      db.prepare(
        'INSERT INTO revisions (article_id, revision, content_hash, stored_at, doc) VALUES (?, ?, ?, ?, ?)',
      ).run(id, existing.revision, existing.content_hash, existing.updated_at, existing.doc);
      db.prepare('DELETE FROM articles_fts WHERE rowid = ?').run(existing.rowid);
      db.prepare('DELETE FROM article_entities WHERE article_rowid = ?').run(existing.rowid);
    }
    const publishedTs = stored.published ? Date.parse(stored.published) : null;
    const values = [
      stored.canonicalUrl ?? null,
      stored.contentHash,
      stored.site ?? null,
      stored.language,
      stored.published ?? null,
      Number.isNaN(publishedTs) ? null : publishedTs,
      stored.title,
      revision,
      JSON.stringify(stored),
    ];
    let rowid: number;
    if (existing) {
      db.prepare(
        'UPDATE articles SET canonical_url=?, content_hash=?, site=?, language=?, published=?, published_ts=?, title=?, revision=?, doc=?, updated_at=? WHERE rowid=?',
      ).run(...values, now, existing.rowid);
      rowid = existing.rowid;
    } else {
      rowid = Number(
        db
          .prepare(
            'INSERT INTO articles (canonical_url, content_hash, site, language, published, published_ts, title, revision, doc, id, ingested_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
          )
          .run(...values, id, now, now).lastInsertRowid,
      );
    }
    const insertEntity = db.prepare(
      'INSERT OR IGNORE INTO article_entities (article_rowid, entity_key, canonical, type) VALUES (?, ?, ?, ?)',
    );
    for (const e of stored.entities) insertEntity.run(rowid, entityKey(e.canonical), e.canonical, e.type);
    db.prepare('INSERT INTO articles_fts (rowid, title, body, entities) VALUES (?, ?, ?, ?)').run(
      rowid,
      terms(stored.title).join(' '),
      stored.paragraphs.map((p) => terms(p.text).join(' ')).join(' \n '),
      stored.entities
        .flatMap((e) => [e.canonical, e.partOf].filter(Boolean).map((n) => entityKey(n!)))
        .join(' '),
    );
    return { id, status: existing ? 'updated' : 'created', revision };
  };

  async upsert(article: Article): Promise<UpsertResult> {
    return this.db.transaction(() => this.#write(article, new Date().toISOString()))();
  }

  async upsertMany(articles: Article[]): Promise<UpsertResult[]> {
    const now = new Date().toISOString();
    return this.db.transaction(() => articles.map((a) => this.#write(a, now)))();
  }

  #toStored(row: Pick<Row, 'doc' | 'revision' | 'ingested_at' | 'updated_at'>): StoredArticle {
    return {
      ...(JSON.parse(row.doc) as Article),
      revision: row.revision,
      ingestedAt: row.ingested_at,
      updatedAt: row.updated_at,
    };
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    const row = this.db
      .prepare('SELECT doc, revision, ingested_at, updated_at FROM articles WHERE id = ?')
      .get(id) as Row | undefined;
    return row ? this.#toStored(row) : undefined;
  }

  async revisions(id: string): Promise<Revision[]> {
    const rows = this.db
      .prepare(
        'SELECT revision, content_hash, stored_at, doc FROM revisions WHERE article_id = ? ORDER BY revision',
      )
      .all(id) as { revision: number; content_hash: string; stored_at: string; doc: string }[];
    return rows.map((r) => ({
      revision: r.revision,
      contentHash: r.content_hash,
      storedAt: r.stored_at,
      article: JSON.parse(r.doc),
    }));
  }

  #where(filter: ArticleFilter, clauses: QueryClause[]): { sql: string; params: unknown[] } {
    return whereClause(filter, clauses, 'join');
  }

  #from(clauses: QueryClause[]): string {
    return clauses.length ? 'articles_fts JOIN articles a ON a.rowid = articles_fts.rowid' : 'articles a';
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const clauses = query.text ? parseQuery(query.text) : [];
    const limit = Math.min(Math.max(query.limit ?? 10, 1), 1000);
    const offset = Math.max(query.offset ?? 0, 0);
    const { sql, params } = this.#where(query, clauses);
    const from = this.#from(clauses);
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM ${from} ${sql}`).get(...params) as { n: number }
    ).n;
    // bm25 weights: title 4, body 1, entities 2. FTS5 ranks lower-is-better; the score is negated for callers.
    const order = clauses.length
      ? 'bm25(articles_fts, 4.0, 1.0, 2.0), a.published_ts DESC'
      : 'a.published_ts DESC, a.rowid';
    const score = clauses.length ? '-bm25(articles_fts, 4.0, 1.0, 2.0)' : '0';
    const rows = this.db
      .prepare(
        `SELECT a.doc, a.revision, a.ingested_at, a.updated_at, ${score} AS score FROM ${from} ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as (Row & { score: number })[];
    return {
      total,
      hits: rows.map((r) => {
        const a = this.#toStored(r);
        return toSearchHit(a, r.score, highlightArticle(a, clauses));
      }),
    };
  }

  async *export(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    const clauses = filter.text ? parseQuery(filter.text) : [];
    const { sql, params } = this.#where(filter, clauses);
    // iterate() steps the cursor row by row: memory stays flat however large the store is.
    const stmt = this.db.prepare(
      `SELECT a.doc, a.revision, a.ingested_at, a.updated_at FROM ${this.#from(clauses)} ${sql} ORDER BY a.rowid`,
    );
    for (const row of stmt.iterate(...params)) yield this.#toStored(row as Row);
  }

  async count(filter: ArticleFilter = {}): Promise<number> {
    const clauses = filter.text ? parseQuery(filter.text) : [];
    const { sql, params } = this.#where(filter, clauses);
    return (
      this.db.prepare(`SELECT count(*) AS n FROM ${this.#from(clauses)} ${sql}`).get(...params) as {
        n: number;
      }
    ).n;
  }

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    this.#db?.close();
    this.#db = undefined;
  }
}
