/**
 * The SQL WHERE clause for an ArticleFilter over the embedded store's tables, shared by search, count,
 * export and facets so they always agree on which articles match.
 */
import { lookupAlias } from '../../entities/index.ts';
import type { QueryClause } from '../query.ts';
import { timeBounds } from '../time.ts';
import { entityKey } from '../tokenize.ts';
import type { ArticleFilter } from '../types.ts';

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** FTS5 MATCH expression: every clause must match one of its alternatives. Terms are always quoted. */
export function toMatchExpression(clauses: QueryClause[]): string {
  return clauses
    .map((c) => {
      const alts = c.alternatives.map((a) => quote(a.join(' ')));
      if (c.entity) alts.push(`entities : ${quote(entityKey(c.entity))}`);
      return `(${alts.join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * WHERE clause and parameters for articles `a`. With `fts: 'join'` the caller has joined `articles_fts`
 * (needed for bm25 ranking); with `'subquery'` the full-text condition is a rowid subquery.
 */
export function whereClause(
  filter: ArticleFilter,
  clauses: QueryClause[],
  fts: 'join' | 'subquery',
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (clauses.length > 0) {
    parts.push(
      fts === 'join'
        ? 'articles_fts MATCH ?'
        : 'a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)',
    );
    params.push(toMatchExpression(clauses));
  }
  if (filter.lang) {
    parts.push('a.language = ?');
    params.push(filter.lang);
  }
  if (filter.site) {
    parts.push('a.site = ?');
    params.push(filter.site);
  }
  if (filter.entity) {
    const canonical = lookupAlias(filter.entity)?.canonical ?? filter.entity;
    parts.push('a.rowid IN (SELECT article_rowid FROM article_entities WHERE entity_key = ?)');
    params.push(entityKey(canonical));
  }
  const { from, to } = timeBounds(filter);
  if (from !== undefined) {
    parts.push('a.published_ts >= ?');
    params.push(from);
  }
  if (to !== undefined) {
    parts.push('a.published_ts <= ?');
    params.push(to);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
