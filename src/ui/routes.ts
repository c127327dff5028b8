/**
 * Web UI served by the API process: server-rendered pages (no build step, no client framework) plus one
 * stylesheet and one small script from src/ui/static/. Pages work without JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor, errorBody } from '../api/http.ts';
import { searchWithFacets, toFilter } from '../api/routes/search.ts';
import type { ArticleStore } from '../store/types.ts';
import { articlePage, errorPage, placeholderPage } from './pages/article.ts';
import { type SearchPageParams, searchPage } from './pages/search.ts';

const STATIC_DIR = join(import.meta.dirname, 'static');
const PAGE_SIZE = 20;

export interface UiOptions {
  store: ArticleStore;
  maxPageSize: number;
  apiKey?: string;
}

const text = { type: 'string', maxLength: 500 } as const;
const searchQs = {
  type: 'object',
  properties: { q: text, lang: text, entity: text, site: text, from: text, to: text, cursor: text },
} as const;

/** Register the UI routes. */
export async function registerUi(app: FastifyInstance, opts: UiOptions): Promise<void> {
  const assets = {
    'style.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(STATIC_DIR, 'style.css')) },
    'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(STATIC_DIR, 'app.js')) },
  };
  const html = 'text/html; charset=utf-8';

  app.setErrorHandler((e, req, reply) => {
    const b = errorBody(e);
    if (b.statusCode >= 500) req.log.error({ err: e }, 'page failed');
    reply
      .code(b.statusCode)
      .type(html)
      .send(errorPage(b.statusCode === 404 ? 'Not found' : 'Error', b.message));
  });

  app.get<{ Params: { file: string } }>(
    '/ui/:file',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { file: { type: 'string', enum: Object.keys(assets) } } },
      },
    },
    async (req, reply) => {
      const a = assets[req.params.file as keyof typeof assets];
      return reply.type(a.type).header('cache-control', 'public, max-age=300').send(a.body);
    },
  );

  app.get<{ Querystring: SearchPageParams & { cursor?: string } }>(
    '/',
    { schema: { hide: true, querystring: searchQs } },
    async (req, reply) => {
      const params: SearchPageParams = {};
      for (const k of ['q', 'lang', 'entity', 'site', 'from', 'to'] as const) {
        const v = req.query[k]?.trim();
        if (v) params[k] = v;
      }
      reply.type(html);
      const filter = toFilter(params);
      const key = { ...filter, l: PAGE_SIZE };
      try {
        const offset = req.query.cursor ? decodeCursor(req.query.cursor, key) : 0;
        const r = await searchWithFacets(opts.store, { ...filter, limit: PAGE_SIZE, offset }, true);
        const next = offset + r.hits.length;
        return searchPage({
          params,
          total: r.total,
          hits: r.hits,
          facets: r.facets,
          offset,
          nextCursor: r.hits.length && next < r.total ? encodeCursor(key, next) : null,
        });
      } catch (e) {
        const b = errorBody(e);
        if (b.statusCode >= 500) throw e;
        reply.code(b.statusCode);
        return searchPage({ params, error: b.message });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/articles/:id',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 512 } } },
      },
    },
    async (req, reply) => {
      reply.type(html);
      const a = await opts.store.get(req.params.id);
      if (!a) {
        reply.code(404);
        return errorPage('Not found', `There is no article with id “${req.params.id}”.`);
      }
      return articlePage(a, await opts.store.revisions(a.id));
    },
  );

  app.get('/incidents', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type(html)
      .send(
        placeholderPage('Incidents', 'incidents', 'Incident records are not available in this build yet.'),
      ),
  );
  app.get('/watches', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type(html)
      .send(placeholderPage('Watches', 'watches', 'Watches are not available in this build yet.')),
  );
}
