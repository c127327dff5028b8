/**
 * `GET /api/search`: full-text search (Hindi and English), filters, facets, highlights and cursor
 * pagination over either store.
 */
import type { FastifyInstance } from 'fastify';
import { type SearchFacets, sqliteFacets } from '../../store/embedded/facets.ts';
import { SqliteStore } from '../../store/embedded/sqlite-store.ts';
import type { ArticleFilter, ArticleStore, SearchQuery, SearchResult } from '../../store/types.ts';
import { decodeCursor, encodeCursor } from '../http.ts';
import { errorResponses, filterProperties } from '../schemas.ts';

/** Query-string filters → store filter (`q` → `text`). */
export function toFilter(q: Partial<Record<keyof typeof filterProperties, string>>): ArticleFilter {
  const f: ArticleFilter = {};
  if (q.q?.trim()) f.text = q.q.trim();
  for (const k of ['lang', 'entity', 'site', 'from', 'to'] as const) if (q[k]) f[k] = q[k];
  return f;
}

/** One search, with facets from whichever store is in use. */
export async function searchWithFacets(
  store: ArticleStore,
  query: SearchQuery,
  facets: boolean,
): Promise<SearchResult & { facets?: SearchFacets }> {
  if (facets && store instanceof SqliteStore) {
    const result = await store.search(query);
    return { ...result, facets: sqliteFacets(store.db, query) };
  }
  // The Elasticsearch store computes facets in the same request when asked; other stores ignore it.
  return store.search({ ...query, ...(facets ? { facets: true } : {}) } as SearchQuery);
}

export interface SearchRouteOptions {
  store: ArticleStore;
  maxPageSize: number;
}

interface SearchQs extends Partial<Record<keyof typeof filterProperties, string>> {
  limit: number;
  cursor?: string;
  facets?: boolean;
}

/** Register `GET /api/search`. */
export async function searchRoutes(app: FastifyInstance, opts: SearchRouteOptions): Promise<void> {
  app.get<{ Querystring: SearchQs }>(
    '/api/search',
    {
      schema: {
        summary: 'Search articles',
        description:
          'Full-text search in Hindi and English with filters. Entity names match across scripts: `q=AIIMS` finds Hindi stories that write एम्स, and highlights the whole Hindi word. Page with `nextCursor`.',
        tags: ['articles'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            limit: { type: 'integer', minimum: 1, maximum: opts.maxPageSize, default: 10 },
            cursor: { type: 'string', maxLength: 200, description: '`nextCursor` of the previous page.' },
            facets: { type: 'boolean', default: false, description: 'Also return facet counts.' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['total', 'hits', 'nextCursor'],
            properties: {
              total: { type: 'integer' },
              offset: { type: 'integer' },
              hits: { type: 'array', items: { $ref: 'SearchHit#' } },
              facets: { $ref: 'SearchFacets#' },
              nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page.' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const filter = toFilter(req.query);
      const offset = req.query.cursor ? decodeCursor(req.query.cursor, { ...filter, l: req.query.limit }) : 0;
      const r = await searchWithFacets(
        opts.store,
        { ...filter, limit: req.query.limit, offset },
        req.query.facets === true,
      );
      const next = offset + r.hits.length;
      return {
        total: r.total,
        offset,
        hits: r.hits,
        ...(r.facets ? { facets: r.facets } : {}),
        nextCursor:
          r.hits.length > 0 && next < r.total ? encodeCursor({ ...filter, l: req.query.limit }, next) : null,
      };
    },
  );
}
