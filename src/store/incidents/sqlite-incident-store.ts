/**
 * Embedded incident store: its own tables in the embedded store's SQLite file (better-sqlite3), so that
 * query watches run the same FTS5 search as `khabar search`, restricted to the new articles' ids.
 * Every grouping change is one transaction.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../core/errors.ts';
import type { ArticleDigest, IncidentRecord, Watch, WatchNotification } from '../../incidents/types.ts';
import { toMatchExpression } from '../embedded/filter.ts';
import { parseQuery } from '../query.ts';
import { timeBounds } from '../time.ts';
import {
  claimDeliveries,
  DELIVERY_SCHEMA,
  listDeliveries,
  putDeliveries,
  updateDelivery,
} from './sqlite-deliveries.ts';
import type {
  DeliveryQuery,
  GroupedDigest,
  GroupingChange,
  IncidentQuery,
  IncidentStore,
  IncidentSummary,
  WebhookDelivery,
} from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS incident_articles (
  article_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incident_articles_incident ON incident_articles (incident_id);
CREATE TABLE IF NOT EXISTS incident_keys (
  key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_keys_article ON incident_keys (article_id);
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, first_ts INTEGER, last_ts INTEGER, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incidents_last ON incidents (last_ts DESC, id);
CREATE TABLE IF NOT EXISTS incident_aliases (alias TEXT PRIMARY KEY, incident_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watches (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, watch TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watch_notifications (
  watch_id TEXT NOT NULL, article_id TEXT NOT NULL, at TEXT NOT NULL, entry TEXT NOT NULL,
  PRIMARY KEY (watch_id, article_id));
`;

/** Largest number of bound parameters used in one IN (...) list. */
const CHUNK = 500;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const ts = (iso?: string) => {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(t) ? t : null;
};

export function summarize(r: IncidentRecord): IncidentSummary {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    ...(r.status.value ? { status: r.status.value } : {}),
    ...(r.start.value ? { start: r.start.value } : {}),
    ...(r.firstSeen ? { firstSeen: r.firstSeen } : {}),
    ...(r.lastSeen ? { lastSeen: r.lastSeen } : {}),
    articleCount: r.articleCount,
    storyCount: r.storyCount,
  };
}

export class SqliteIncidentStore implements IncidentStore {
  readonly #source: string | Database.Database;
  #db: Database.Database | undefined;
  readonly #owns: boolean;

  /** `source`: the embedded store's file path (opened here) or an open better-sqlite3 Database (not closed here). */
  constructor(source: string | Database.Database) {
    this.#source = source;
    this.#owns = typeof source === 'string';
  }

  get db(): Database.Database {
    if (!this.#db) throw new Error('incident store is not open: call init() first');
    return this.#db;
  }

  async init(): Promise<void> {
    if (this.#db) return;
    if (typeof this.#source === 'string') {
      if (this.#source !== ':memory:') mkdirSync(dirname(this.#source), { recursive: true });
      try {
        this.#db = new Database(this.#source);
      } catch (e) {
        throw new ConfigError('store-open', `cannot open ${this.#source}: ${(e as Error).message}`);
      }
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = NORMAL');
    } else this.#db = this.#source;
    this.#db.exec(SCHEMA);
    this.#db.exec(DELIVERY_SCHEMA);
  }

  #parse = (row: { digest: string; incident_id: string }): GroupedDigest => ({
    digest: JSON.parse(row.digest) as ArticleDigest,
    incidentId: row.incident_id,
  });

  async getDigest(articleId: string): Promise<GroupedDigest | undefined> {
    const row = this.db
      .prepare('SELECT digest, incident_id FROM incident_articles WHERE article_id = ?')
      .get(articleId) as { digest: string; incident_id: string } | undefined;
    return row ? this.#parse(row) : undefined;
  }

  async candidates(keys: string[]): Promise<GroupedDigest[]> {
    const ids = new Set<string>();
    for (const part of chunks([...new Set(keys)])) {
      const rows = this.db
        .prepare(
          `SELECT DISTINCT article_id FROM incident_keys WHERE key IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as { article_id: string }[];
      for (const r of rows) ids.add(r.article_id);
    }
    const out: GroupedDigest[] = [];
    for (const part of chunks([...ids].sort())) {
      const rows = this.db
        .prepare(
          `SELECT digest, incident_id FROM incident_articles WHERE article_id IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as { digest: string; incident_id: string }[];
      out.push(...rows.map(this.#parse));
    }
    return out;
  }

  async members(incidentId: string): Promise<ArticleDigest[]> {
    const rows = this.db
      .prepare('SELECT digest, incident_id FROM incident_articles WHERE incident_id = ? ORDER BY article_id')
      .all(incidentId) as { digest: string; incident_id: string }[];
    return rows.map((r) => this.#parse(r).digest);
  }

  async apply(change: GroupingChange): Promise<void> {
    const db = this.db;
    const delKeys = db.prepare('DELETE FROM incident_keys WHERE article_id = ?');
    const delArticle = db.prepare('DELETE FROM incident_articles WHERE article_id = ?');
    const putArticle = db.prepare(
      'INSERT INTO incident_articles (article_id, incident_id, digest) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET digest = excluded.digest',
    );
    const putKey = db.prepare('INSERT OR IGNORE INTO incident_keys (key, article_id) VALUES (?, ?)');
    const move = db.prepare('UPDATE incident_articles SET incident_id = ? WHERE article_id = ?');
    const putIncident = db.prepare(
      'INSERT OR REPLACE INTO incidents (id, type, first_ts, last_ts, record) VALUES (?, ?, ?, ?, ?)',
    );
    const delIncident = db.prepare('DELETE FROM incidents WHERE id = ?');
    const alias = db.prepare('INSERT OR REPLACE INTO incident_aliases (alias, incident_id) VALUES (?, ?)');
    const repoint = db.prepare('UPDATE incident_aliases SET incident_id = ? WHERE incident_id = ?');
    const unalias = db.prepare('DELETE FROM incident_aliases WHERE alias = ?');
    db.transaction(() => {
      for (const id of change.removed) {
        delKeys.run(id);
        delArticle.run(id);
      }
      const assigned = new Map(change.memberships.map((m) => [m.articleId, m.incidentId]));
      for (const { digest, keys } of change.digests) {
        delKeys.run(digest.id);
        putArticle.run(digest.id, assigned.get(digest.id) ?? '', JSON.stringify(digest));
        for (const k of keys) putKey.run(k, digest.id);
      }
      for (const m of change.memberships) move.run(m.incidentId, m.articleId);
      for (const r of change.retired) {
        delIncident.run(r.id);
        if (r.into) {
          alias.run(r.id, r.into);
          repoint.run(r.into, r.id);
        }
      }
      for (const r of change.incidents) {
        unalias.run(r.id);
        putIncident.run(r.id, r.type, ts(r.firstSeen), ts(r.lastSeen), JSON.stringify(r));
      }
    })();
  }

  async resolveId(id: string): Promise<string | undefined> {
    if (this.db.prepare('SELECT 1 FROM incidents WHERE id = ?').get(id)) return id;
    const row = this.db.prepare('SELECT incident_id FROM incident_aliases WHERE alias = ?').get(id) as
      | { incident_id: string }
      | undefined;
    return row?.incident_id;
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const current = await this.resolveId(id);
    if (!current) return undefined;
    const row = this.db.prepare('SELECT record FROM incidents WHERE id = ?').get(current) as
      | { record: string }
      | undefined;
    return row ? (JSON.parse(row.record) as IncidentRecord) : undefined;
  }

  async listIncidents(query: IncidentQuery = {}): Promise<{ total: number; incidents: IncidentSummary[] }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (query.type) {
      parts.push('type = ?');
      params.push(query.type);
    }
    const { from, to } = timeBounds(query);
    if (from !== undefined) {
      parts.push('last_ts >= ?');
      params.push(from);
    }
    if (to !== undefined) {
      parts.push('first_ts <= ?');
      params.push(to);
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM incidents ${where}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT record FROM incidents ${where} ORDER BY last_ts DESC, id LIMIT ? OFFSET ?`)
      .all(...params, Math.min(Math.max(query.limit ?? 20, 1), 1000), Math.max(query.offset ?? 0, 0)) as {
      record: string;
    }[];
    return { total, incidents: rows.map((r) => summarize(JSON.parse(r.record) as IncidentRecord)) };
  }

  async addWatch(watch: Watch): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO watches (id, created_at, watch) VALUES (?, ?, ?)')
      .run(watch.id, watch.createdAt, JSON.stringify(watch));
  }

  async getWatch(id: string): Promise<Watch | undefined> {
    const row = this.db.prepare('SELECT watch FROM watches WHERE id = ?').get(id) as
      | { watch: string }
      | undefined;
    return row ? (JSON.parse(row.watch) as Watch) : undefined;
  }

  async listWatches(): Promise<Watch[]> {
    const rows = this.db.prepare('SELECT watch FROM watches ORDER BY created_at, id').all() as {
      watch: string;
    }[];
    return rows.map((r) => JSON.parse(r.watch) as Watch);
  }

  async removeWatch(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM watch_notifications WHERE watch_id = ?').run(id);
      this.db.prepare('DELETE FROM webhook_deliveries WHERE watch_id = ?').run(id);
      return this.db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes > 0;
    })();
  }

  async matchQueryWatches(watches: Watch[], articleIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (articleIds.length === 0) return out;
    const hasArticles = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
      .get();
    if (!hasArticles) {
      throw new ConfigError('store-layout', 'query watches need the article store in the same SQLite file');
    }
    for (const w of watches) {
      if (w.kind !== 'query' || !w.query) continue;
      const match = toMatchExpression(parseQuery(w.query));
      const found: string[] = [];
      for (const part of chunks(articleIds)) {
        const rows = this.db
          .prepare(
            `SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? AND a.id IN (${part.map(() => '?').join(',')})${w.lang ? ' AND a.language = ?' : ''}`,
          )
          .all(match, ...part, ...(w.lang ? [w.lang] : [])) as { id: string }[];
        found.push(...rows.map((r) => r.id));
      }
      if (found.length) out.set(w.id, found.sort());
    }
    return out;
  }

  async recordNotifications(
    notifications: WatchNotification[],
    outbox?: (fresh: WatchNotification[]) => WebhookDelivery[],
  ): Promise<WatchNotification[]> {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO watch_notifications (watch_id, article_id, at, entry) VALUES (?, ?, ?, ?)',
    );
    return this.db.transaction(() => {
      const fresh = notifications.filter(
        (n) => insert.run(n.watchId, n.articleId, n.at, JSON.stringify(n)).changes > 0,
      );
      if (outbox && fresh.length) putDeliveries(this.db, outbox(fresh), true);
      return fresh;
    })();
  }

  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]> {
    return Promise.resolve(claimDeliveries(this.db, now, leaseUntil, limit));
  }

  updateDelivery(delivery: WebhookDelivery): Promise<void> {
    return Promise.resolve(updateDelivery(this.db, delivery));
  }

  listDeliveries(query?: DeliveryQuery): Promise<WebhookDelivery[]> {
    return Promise.resolve(listDeliveries(this.db, query));
  }

  async notifications(watchId: string, limit = 100): Promise<WatchNotification[]> {
    const rows = this.db
      .prepare(
        'SELECT entry FROM watch_notifications WHERE watch_id = ? ORDER BY at DESC, article_id LIMIT ?',
      )
      .all(watchId, limit) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry) as WatchNotification);
  }

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#owns) this.#db?.close();
    this.#db = undefined;
  }
}
