/**
 * Facet counts for the embedded store (entities, language, site, month of publication in IST) over every
 * article matching a filter: the same buckets the Elasticsearch store returns for `facets: true`.
 * Takes the store's open database; the WHERE clause follows SqliteStore's filter semantics.
 */
import type Database from 'better-sqlite3';
import { parseQuery } from '../query.ts';
import type { ArticleFilter, SearchFacets } from '../types.ts';
import { whereClause } from './filter.ts';

export type { FacetBucket, SearchFacets } from '../types.ts';

/** Compute facets for `filter` (top `size` buckets for entities, language and site). */
export function sqliteFacets(db: Database.Database, filter: ArticleFilter, size = 20): SearchFacets {
  const clauses = filter.text ? parseQuery(filter.text) : [];
  const { sql: where, params } = whereClause(filter, clauses, 'subquery');
  const buckets = (sql: string, extra: unknown[] = []) =>
    (db.prepare(sql).all(...params, ...extra) as { value: string; count: number }[]).map((r) => ({
      value: String(r.value),
      count: r.count,
    }));
  return {
    entities: buckets(
      `SELECT e.canonical AS value, count(*) AS count FROM articles a JOIN article_entities e ON e.article_rowid = a.rowid ${where} GROUP BY e.canonical ORDER BY count DESC, value LIMIT ?`,
      [size],
    ),
    language: buckets(
      `SELECT a.language AS value, count(*) AS count FROM articles a ${where} GROUP BY a.language ORDER BY count DESC, value LIMIT ?`,
      [size],
    ),
    site: buckets(
      `SELECT a.site AS value, count(*) AS count FROM articles a ${where}${where ? ' AND' : ' WHERE'} a.site IS NOT NULL GROUP BY a.site ORDER BY count DESC, value LIMIT ?`,
      [size],
    ),
    // published_ts is epoch ms; +19800 s shifts to IST before taking the month.
    published: buckets(
      `SELECT strftime('%Y-%m', a.published_ts / 1000 + 19800, 'unixepoch') AS value, count(*) AS count FROM articles a ${where}${where ? ' AND' : ' WHERE'} a.published_ts IS NOT NULL GROUP BY value ORDER BY value`,
    ),
  };
}
