/**
 * Web UI served by the API process: server-rendered pages (no build step, no client framework) plus one
 * stylesheet and one small script from src/ui/static/. Pages work without JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { decodeCursor, encodeCursor, errorBody, requireApiKey } from '../api/http.ts';
import { INCIDENT_TYPES, incidentFeedPath, watchFeedPath } from '../api/routes/incidents.ts';
import { searchWithFacets, toFilter } from '../api/routes/search.ts';
import { buildWatch } from '../cli/commands/watch.ts';
import { InputError } from '../core/errors.ts';
import type { IncidentStore } from '../store/incidents/types.ts';
import type { ArticleStore } from '../store/types.ts';
import { articlePage, errorPage, placeholderPage } from './pages/article.ts';
import { incidentListPage, incidentPage, watchesPage } from './pages/incidents.ts';
import { type SearchPageParams, searchPage } from './pages/search.ts';

const STATIC_DIR = join(import.meta.dirname, 'static');
const PAGE_SIZE = 20;

export interface UiOptions {
  store: ArticleStore;
  incidentStore?: IncidentStore;
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

  const noStore = (title: string, current: 'incidents' | 'watches') =>
    placeholderPage(title, current, 'This server was started without an incident store.');

  app.get<{ Querystring: { type?: string; cursor?: string } }>(
    '/incidents',
    {
      schema: {
        hide: true,
        querystring: { type: 'object', properties: { type: text, cursor: text } },
      },
    },
    async (req, reply) => {
      reply.type(html);
      if (!opts.incidentStore) return noStore('Incidents', 'incidents');
      const type = INCIDENT_TYPES.find((t) => t === req.query.type);
      const key = { type, l: PAGE_SIZE };
      const offset = req.query.cursor ? decodeCursor(req.query.cursor, key) : 0;
      const r = await opts.incidentStore.listIncidents({ type, limit: PAGE_SIZE, offset });
      const next = offset + r.incidents.length;
      return incidentListPage({
        total: r.total,
        incidents: r.incidents,
        type,
        types: INCIDENT_TYPES,
        nextCursor: r.incidents.length && next < r.total ? encodeCursor(key, next) : null,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/incidents/:id',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
      },
    },
    async (req, reply) => {
      reply.type(html);
      if (!opts.incidentStore) return noStore('Incidents', 'incidents');
      const r = await opts.incidentStore.getIncident(req.params.id);
      if (!r) {
        reply.code(404);
        return errorPage('Not found', `There is no incident with id “${req.params.id}”.`);
      }
      return incidentPage(r, incidentFeedPath(r.id));
    },
  );

  // CSRF: a page on another site must not be able to make a visitor's browser (which may hold the Basic
  // credentials, or reach a loopback server) post the watch form. @fastify/csrf-protection with a cookie
  // secret (SameSite, HttpOnly) and a per-page token in the form, checked on every UI post.
  await app.register(cookie);
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true } });

  const watches = async (reply: FastifyReply, extra: { message?: string; error?: string } = {}) =>
    watchesPage({
      watches: await opts.incidentStore!.listWatches(),
      feedOf: watchFeedPath,
      needsKey: !!opts.apiKey,
      csrfToken: reply.generateCsrf(),
      ...extra,
    });

  app.get('/watches', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(html);
    if (!opts.incidentStore) return noStore('Watches', 'watches');
    return watches(reply);
  });

  // The add-a-watch form posts here (works without JavaScript); the API key is asked as Basic auth.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.post<{ Body: Record<string, string> }>(
    '/watches',
    // The token is in the parsed body, so it is checked in preHandler (onRequest runs before parsing).
    { schema: { hide: true }, preHandler: [requireApiKey(opts.apiKey), app.csrfProtection] },
    async (req, reply) => {
      reply.type(html);
      if (!opts.incidentStore) return noStore('Watches', 'watches');
      const f = req.body ?? {};
      const val = (k: string) =>
        typeof f[k] === 'string' && f[k].trim() ? f[k].trim().slice(0, 500) : undefined;
      const incidentId = val('incidentId');
      try {
        if (incidentId && !(await opts.incidentStore.resolveId(incidentId)))
          throw new InputError('not-found', `no incident ${incidentId}`);
        const w = buildWatch(val('query'), {
          ...(incidentId ? { incident: incidentId } : {}),
          ...(val('lang') ? { lang: val('lang') } : {}),
          ...(val('name') ? { name: val('name') } : {}),
        });
        await opts.incidentStore.addWatch(w);
        reply.code(201);
        return watches(reply, { message: `Saved. Feed: ${watchFeedPath(w.id)}` });
      } catch (e) {
        const b = errorBody(e);
        if (b.statusCode >= 500) throw e;
        reply.code(400);
        return watches(reply, { error: b.message });
      }
    },
  );
}
