/**
 * Incidents, watches and Atom feeds over HTTP (built on src/incidents/ + src/store/incidents/).
 * buildApp registers this plugin with the optional incident store; without one the routes still exist (so
 * clients and the OpenAPI document see them) and answer 501.
 *
 *   GET    /api/incidents                 list (filters: type, from, to; limit, cursor)
 *   GET    /api/incidents/:id             one incident with its articles (old ids of merged incidents resolve)
 *   GET    /api/incidents/:id/timeline    dated events, oldest first
 *   GET    /api/watches, POST /api/watches, GET|PUT|DELETE /api/watches/:id   (writes need the API key)
 *   GET    /feeds/watches/:id             Atom feed of a watch (its latest notifications)
 *   GET    /feeds/incidents/:id           Atom feed of an incident (its articles, newest first)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { buildWatch, vetWebhook } from '../../cli/commands/watch.ts';
import { webhookOrigin } from '../../cli/commands/watch-deliveries.ts';
import { INCIDENT_TYPES as ALL_INCIDENT_TYPES, type IncidentType } from '../../core/types.ts';
import { atomFeed } from '../../incidents/notify.ts';
import type { IncidentRecord, Watch, WatchNotification } from '../../incidents/types.ts';
import type { IncidentStore } from '../../store/incidents/types.ts';
import { decodeCursor, encodeCursor, HttpError } from '../http.ts';
import { publicSchema } from '../schemas.ts';

export interface IncidentRouteOptions {
  store?: IncidentStore;
  /** API-key check for write routes. */
  auth: preHandlerAsyncHookHandler;
  /** Feed entries per watch feed (default 100). */
  feedSize?: number;
  /**
   * May this request see webhook URLs (which often carry tokens)? Default never: reads then show only
   * the receiver's scheme and host (`webhookOrigin`).
   */
  canSeeSecrets?: (req: FastifyRequest) => boolean;
  /** Accept webhooks to loopback and private addresses (the server's `--allow-private` opt-in). */
  allowPrivateWebhooks?: boolean;
}

export const INCIDENT_SCHEMA_ID = 'https://khabar.invalid/schemas/incident.schema.json';
export const WATCH_SCHEMA_ID = 'https://khabar.invalid/schemas/watch.schema.json';
const incidentRef = { $ref: `${INCIDENT_SCHEMA_ID}#` } as const;
const watchRef = { $ref: `${WATCH_SCHEMA_ID}#` } as const;

export const INCIDENT_TYPES: IncidentType[] = [...ALL_INCIDENT_TYPES];

const ATOM = 'application/atom+xml; charset=utf-8';
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { $ref: 'ApiError#' }])) as Record<number, { $ref: string }>;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const date = { type: 'string', maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}' } as const;

const summarySchema = {
  type: 'object',
  required: ['id', 'type', 'title', 'articleCount', 'storyCount'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    title: { type: 'object', properties: { eng: { type: 'string' }, hin: { type: 'string' } } },
    status: { type: 'string' },
    start: { type: 'string' },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
    articleCount: { type: 'integer' },
    storyCount: { type: 'integer' },
  },
} as const;

const watchBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    query: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'Search text (same syntax as search).',
    },
    incidentId: { type: 'string', minLength: 1, maxLength: 200, description: 'Follow this incident.' },
    lang: { type: 'string', pattern: '^[a-z]{3}$', description: 'Only articles in this language.' },
    name: { type: 'string', maxLength: 200 },
    webhook: { type: 'string', maxLength: 2000, pattern: '^https?://' },
  },
  description: 'Give either `query` or `incidentId`.',
} as const;

const watchOut = {
  type: 'object',
  required: ['watch', 'feed'],
  properties: {
    watch: watchRef,
    feed: { type: 'string', description: 'Path of the Atom feed.' },
    webhookOrigin: {
      type: 'string',
      description:
        'Scheme and host of the webhook, when its URL is withheld from this request (it needs the API key).',
    },
  },
} as const;

interface WatchInput {
  query?: string;
  incidentId?: string;
  lang?: string;
  name?: string;
  webhook?: string;
}

export const watchFeedPath = (id: string) => `/feeds/watches/${encodeURIComponent(id)}`;
export const incidentFeedPath = (id: string) => `/feeds/incidents/${encodeURIComponent(id)}`;

/** The incident's articles as feed items, newest first (the Atom rendering is the watch feeds' own). */
export function incidentFeed(r: IncidentRecord, now: string): string {
  const items: WatchNotification[] = r.sources
    .map((s) => ({
      watchId: r.id,
      articleId: s.articleId,
      incidentId: r.id,
      title: s.title,
      ...(s.url ? { url: s.url } : {}),
      language: s.language,
      ...(s.published ? { published: s.published } : {}),
      at: s.published ?? r.lastSeen ?? now,
    }))
    .sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
  const pseudo: Watch = {
    id: r.id,
    kind: 'incident',
    incidentId: r.id,
    name: `${r.title.eng} / ${r.title.hin}`,
    createdAt: r.firstSeen ?? now,
  };
  return atomFeed(pseudo, items, r.lastSeen ?? now);
}

/** A part of a schema with its `#/$defs/…` references replaced by the definitions themselves. */
function inlineDefs(v: unknown, defs: Record<string, unknown>): unknown {
  if (Array.isArray(v)) return v.map((x) => inlineDefs(x, defs));
  if (!v || typeof v !== 'object') return v;
  const ref = (v as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return inlineDefs(defs[ref.slice(8)], defs);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inlineDefs(x, defs)]));
}

/** Register the incident, watch and feed routes (501 when no store is given). */
export async function incidentRoutes(app: FastifyInstance, opts: IncidentRouteOptions): Promise<void> {
  const incidentSchema = publicSchema('incident.schema.json');
  app.addSchema(incidentSchema);
  const timelineSchema = inlineDefs(
    (incidentSchema.properties as Record<string, unknown>).timeline,
    incidentSchema.$defs as Record<string, unknown>,
  );
  // The branches of the watch schema's oneOf say `type: object` again, as strict Ajv (serialisation) wants.
  const watchSchema = publicSchema('watch.schema.json') as { oneOf?: Record<string, unknown>[] };
  watchSchema.oneOf = watchSchema.oneOf?.map((b) => ({ type: 'object', ...b }));
  app.addSchema(watchSchema);

  const need = (): IncidentStore => {
    if (!opts.store)
      throw new HttpError(501, 'not-implemented', 'this server was started without an incident store');
    return opts.store;
  };
  const incident = async (id: string): Promise<IncidentRecord> => {
    const r = await need().getIncident(id);
    if (!r) throw new HttpError(404, 'not-found', `no incident ${id} (see GET /api/incidents)`);
    return r;
  };
  const watch = async (id: string): Promise<Watch> => {
    const w = await need().getWatch(id);
    if (!w) throw new HttpError(404, 'not-found', `no watch ${id} (see GET /api/watches)`);
    return w;
  };
  const toWatch = async (body: WatchInput): Promise<Watch> => {
    const store = need();
    if (body.incidentId && !(await store.resolveId(body.incidentId)))
      throw new HttpError(400, 'unknown-incident', `no incident ${body.incidentId} (see GET /api/incidents)`);
    const allowPrivate = opts.allowPrivateWebhooks === true;
    const w = buildWatch(body.query, {
      ...(body.incidentId ? { incident: body.incidentId } : {}),
      ...(body.lang ? { lang: body.lang } : {}),
      ...(body.webhook ? { webhook: body.webhook } : {}),
      ...(body.name ? { name: body.name } : {}),
      allowPrivate,
    });
    if (w.webhook) await vetWebhook(w.webhook, { allowPrivate });
    return w;
  };
  /** A watch as a read may show it: without its webhook URL unless the request may see secrets. */
  const shown = (req: FastifyRequest, w: Watch) => {
    if (!w.webhook || opts.canSeeSecrets?.(req)) return { watch: w, feed: watchFeedPath(w.id) };
    const { webhook, ...rest } = w;
    return { watch: rest, feed: watchFeedPath(w.id), webhookOrigin: webhookOrigin(webhook) };
  };
  const atom = (reply: FastifyReply, xml: string) => reply.type(ATOM).send(xml);

  app.get<{
    Querystring: { type?: IncidentType; from?: string; to?: string; limit: number; cursor?: string };
  }>(
    '/api/incidents',
    {
      schema: {
        summary: 'List incidents, most recently reported first',
        tags: ['incidents'],
        querystring: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: INCIDENT_TYPES },
            from: { ...date, description: 'Last reported on or after (ISO date or time).' },
            to: { ...date, description: 'First reported on or before (ISO date or time).' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['total', 'incidents', 'nextCursor'],
            properties: {
              total: { type: 'integer' },
              incidents: { type: 'array', items: summarySchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...errors(400, 501),
        },
      },
    },
    async (req) => {
      const { type, from, to, limit } = req.query;
      const key = { type, from, to, l: limit };
      const offset = req.query.cursor ? decodeCursor(req.query.cursor, key) : 0;
      const r = await need().listIncidents({ type, from, to, limit, offset });
      const next = offset + r.incidents.length;
      return {
        total: r.total,
        incidents: r.incidents,
        nextCursor: r.incidents.length && next < r.total ? encodeCursor(key, next) : null,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id',
    {
      schema: {
        summary: 'One incident: every merged value with its sources, and its articles',
        tags: ['incidents'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['incident', 'feed'],
            properties: { incident: incidentRef, feed: { type: 'string' } },
          },
          ...errors(404, 501),
        },
      },
    },
    async (req) => {
      const r = await incident(req.params.id);
      return { incident: r, feed: incidentFeedPath(r.id) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id/timeline',
    {
      schema: {
        summary: 'Dated events of an incident from all sources in both languages, oldest first',
        tags: ['incidents'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['id', 'title', 'timeline'],
            properties: {
              id: { type: 'string' },
              title: { type: 'object', properties: { eng: { type: 'string' }, hin: { type: 'string' } } },
              timeline: timelineSchema,
            },
          },
          ...errors(404, 501),
        },
      },
    },
    async (req) => {
      const r = await incident(req.params.id);
      const timeline = [...r.timeline].sort((a, b) => a.date.localeCompare(b.date));
      return { id: r.id, title: r.title, timeline };
    },
  );

  app.get(
    '/api/watches',
    {
      schema: {
        summary: 'Saved watches, each with its feed (webhook URLs only with the API key)',
        tags: ['watches'],
        response: {
          200: {
            type: 'object',
            required: ['watches'],
            properties: { watches: { type: 'array', items: watchOut } },
          },
          ...errors(501),
        },
      },
    },
    async (req) => ({ watches: (await need().listWatches()).map((w) => shown(req, w)) }),
  );

  app.post<{ Body: WatchInput }>(
    '/api/watches',
    {
      preHandler: opts.auth,
      schema: {
        summary: 'Create a watch: a search or an incident follow (needs the API key)',
        tags: ['watches'],
        security: [{ apiKey: [] }],
        body: watchBody,
        response: { 201: watchOut, ...errors(400, 401, 501) },
      },
    },
    async (req, reply) => {
      const w = await toWatch(req.body ?? {});
      const existing = await need().getWatch(w.id);
      if (!existing) await need().addWatch(w);
      reply.code(existing ? 200 : 201);
      return { watch: existing ?? w, feed: watchFeedPath(w.id) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/watches/:id',
    {
      schema: {
        summary: 'One watch (its webhook URL only with the API key)',
        tags: ['watches'],
        params: idParams,
        response: { 200: watchOut, ...errors(404, 501) },
      },
    },
    async (req) => shown(req, await watch(req.params.id)),
  );

  app.put<{ Params: { id: string }; Body: WatchInput }>(
    '/api/watches/:id',
    {
      preHandler: opts.auth,
      schema: {
        summary: 'Replace what a watch follows; its id, feed and notifications stay (needs the API key)',
        tags: ['watches'],
        security: [{ apiKey: [] }],
        params: idParams,
        body: watchBody,
        response: { 200: watchOut, ...errors(400, 401, 404, 501) },
      },
    },
    async (req) => {
      const old = await watch(req.params.id);
      const w: Watch = { ...(await toWatch(req.body ?? {})), id: old.id, createdAt: old.createdAt };
      await need().addWatch(w);
      return { watch: w, feed: watchFeedPath(w.id) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/watches/:id',
    {
      preHandler: opts.auth,
      schema: {
        summary: 'Delete a watch and its notifications (needs the API key)',
        tags: ['watches'],
        security: [{ apiKey: [] }],
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 404, 501) },
      },
    },
    async (req, reply) => {
      if (!(await need().removeWatch(req.params.id)))
        throw new HttpError(404, 'not-found', `no watch ${req.params.id}`);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/feeds/watches/:id',
    {
      schema: {
        summary: 'Atom feed of a watch: its latest notifications, newest first',
        tags: ['watches'],
        params: idParams,
        produces: ['application/atom+xml'],
        response: { 200: { type: 'string' }, ...errors(404, 501) },
      },
    },
    async (req, reply) => {
      const w = await watch(req.params.id);
      const items = await need().notifications(w.id, opts.feedSize ?? 100);
      return atom(reply, atomFeed(w, items, w.createdAt));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/feeds/incidents/:id',
    {
      schema: {
        summary: 'Atom feed of an incident: its articles in both languages, newest first',
        tags: ['incidents'],
        params: idParams,
        produces: ['application/atom+xml'],
        response: { 200: { type: 'string' }, ...errors(404, 501) },
      },
    },
    async (req, reply) => atom(reply, incidentFeed(await incident(req.params.id), new Date().toISOString())),
  );
}
