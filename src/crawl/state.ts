/**
 * Crawl state that Crawlee does not keep: validators for conditional requests (ETag, Last-Modified), when
 * each URL was last fetched and what it was, which fetched articles reached the store, and the runs (a run
 * that did not finish is resumed from its persisted RequestQueue).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface PageState {
  url: string;
  etag?: string;
  lastModified?: string;
  fetchedAt?: number;
  status?: number;
  kind?: string;
  /** Run in which this URL was last fetched. */
  run?: number;
  /** 1 when the last fetched version reached the store (or needed not to). */
  stored: number;
}

export interface RunInfo {
  id: number;
  queue: string;
  resumed: boolean;
  startedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pages (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  fetched_at INTEGER,
  status INTEGER,
  kind TEXT,
  run INTEGER,
  stored INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS trap_shapes (
  run INTEGER NOT NULL,
  shape TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (run, shape)
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  queue TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
`;

interface PageRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  fetched_at: number | null;
  status: number | null;
  kind: string | null;
  run: number | null;
  stored: number;
}

export class CrawlState {
  readonly db: Database.Database;
  /** Prepared once: the per-page statements run several times for every page crawled. */
  readonly #stmt = new Map<string, Database.Statement>();

  #prepare(sql: string): Database.Statement {
    let st = this.#stmt.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.#stmt.set(sql, st);
    }
    return st;
  }

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'crawl-state.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  /** The unfinished run to resume, or a new one. */
  beginRun(fresh = false): RunInfo {
    const open = this.db
      .prepare('SELECT id, queue, started_at FROM runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1')
      .get() as { id: number; queue: string; started_at: number } | undefined;
    if (open && !fresh) return { id: open.id, queue: open.queue, resumed: true, startedAt: open.started_at };
    if (open) this.finishRun(open.id);
    const now = Date.now();
    const info = this.db.prepare('INSERT INTO runs (queue, started_at) VALUES (?, ?)').run('', now);
    const id = Number(info.lastInsertRowid);
    const queue = `run-${id}-${now.toString(36)}`;
    this.db.prepare('UPDATE runs SET queue = ? WHERE id = ?').run(queue, id);
    return { id, queue, resumed: false, startedAt: now };
  }

  /** Close a run; its trap budget is of no use any more. */
  finishRun(id: number): void {
    this.db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(Date.now(), id);
    this.db.prepare('DELETE FROM trap_shapes WHERE run = ?').run(id);
  }

  /**
   * Forget what no longer decides anything, so the state stays bounded over a long crawl: pages last
   * fetched more than `retainMs` ago (past their recrawl interval they are fetched again anyway; only their
   * validators go), the trap budgets of finished runs, and all but the latest `keepRuns` finished runs.
   * Articles whose document never reached the store are kept for the resume pass.
   */
  prune(retainMs: number, keepRuns = 100): void {
    this.db.prepare('DELETE FROM pages WHERE fetched_at < ? AND stored = 1').run(Date.now() - retainMs);
    this.db.exec('DELETE FROM trap_shapes WHERE run IN (SELECT id FROM runs WHERE finished_at IS NOT NULL)');
    this.db
      .prepare(
        `DELETE FROM runs WHERE finished_at IS NOT NULL AND id NOT IN
           (SELECT id FROM runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?)`,
      )
      .run(keepRuns);
  }

  /** Rows per table, for tests and sizing. */
  counts(): { pages: number; trapShapes: number; runs: number } {
    const n = (t: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { pages: n('pages'), trapShapes: n('trap_shapes'), runs: n('runs') };
  }

  /** When the last finished run started (feed and sitemap entries newer than this are "new"). */
  lastFinishedRunStart(): number | undefined {
    const r = this.db
      .prepare('SELECT MAX(started_at) AS t FROM runs WHERE finished_at IS NOT NULL')
      .get() as { t: number | null };
    return r.t ?? undefined;
  }

  get(url: string): PageState | undefined {
    const r = this.#prepare('SELECT * FROM pages WHERE url = ?').get(url) as PageRow | undefined;
    if (!r) return undefined;
    return {
      url: r.url,
      ...(r.etag ? { etag: r.etag } : {}),
      ...(r.last_modified ? { lastModified: r.last_modified } : {}),
      ...(r.fetched_at !== null ? { fetchedAt: r.fetched_at } : {}),
      ...(r.status !== null ? { status: r.status } : {}),
      ...(r.kind ? { kind: r.kind } : {}),
      ...(r.run !== null ? { run: r.run } : {}),
      stored: r.stored,
    };
  }

  /** Record a fetch; `stored: 0` for an article handed to the pipeline whose outcome is still to come. */
  recordFetch(
    url: string,
    p: { etag?: string; lastModified?: string; status: number; kind: string; run: number; stored: boolean },
  ): void {
    this.#prepare(
      `INSERT INTO pages (url, etag, last_modified, fetched_at, status, kind, run, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET
           etag = COALESCE(excluded.etag, CASE WHEN excluded.status = 304 THEN pages.etag END),
           last_modified = COALESCE(excluded.last_modified, CASE WHEN excluded.status = 304 THEN pages.last_modified END),
           fetched_at = excluded.fetched_at, status = excluded.status,
           kind = CASE WHEN excluded.status = 304 THEN pages.kind ELSE excluded.kind END,
           run = excluded.run, stored = excluded.stored`,
    ).run(url, p.etag ?? null, p.lastModified ?? null, Date.now(), p.status, p.kind, p.run, p.stored ? 1 : 0);
  }

  /** URLs of each trap-budget shape queued in `run` so far (kept, so a resumed run keeps its budget). */
  trapShapes(run: number): Map<string, number> {
    const rows = this.#prepare('SELECT shape, n FROM trap_shapes WHERE run = ?').all(run) as {
      shape: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.shape, r.n]));
  }

  setTrapShape(run: number, shape: string, n: number): void {
    this.#prepare(
      'INSERT INTO trap_shapes (run, shape, n) VALUES (?, ?, ?) ON CONFLICT(run, shape) DO UPDATE SET n = excluded.n',
    ).run(run, shape, n);
  }

  /** The pipeline stored (or rejected) this URL's document. */
  markStored(url: string): void {
    this.#prepare('UPDATE pages SET stored = 1 WHERE url = ?').run(url);
  }

  /** Articles fetched in `run` whose outcome never arrived (the crawl was killed in between). */
  unstored(run: number): string[] {
    return (
      this.db.prepare('SELECT url FROM pages WHERE run = ? AND stored = 0').all(run) as { url: string }[]
    ).map((r) => r.url);
  }

  /** Forget validators so the next fetch of `url` is unconditional (lost document). */
  dropValidators(url: string): void {
    this.#prepare('UPDATE pages SET etag = NULL, last_modified = NULL WHERE url = ?').run(url);
  }

  close(): void {
    this.db.close();
  }
}
