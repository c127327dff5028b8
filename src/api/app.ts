/**
 * The Khabar HTTP API and web UI as one Fastify app. Every route has a JSON Schema; the OpenAPI document at
 * `/openapi.json` is generated from those schemas and from `schemas/article.schema.json`.
 * The app does not own the store: whoever opened it closes it (see server.ts).
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { PIPELINE_VERSION } from '../pipeline/version.ts';
import type { IncidentStore } from '../store/incidents/types.ts';
import type { ArticleStore } from '../store/types.ts';
import { registerUi } from '../ui/routes.ts';
import { adminRoutes } from './admin.ts';
import { apiKeyCheck, errorBody, requireApiKey } from './http.ts';
import { ApiMetrics } from './metrics.ts';
import { articleRoutes } from './routes/articles.ts';
import { exportRoutes } from './routes/export.ts';
import { healthRoutes, readinessSchema } from './routes/health.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { searchRoutes } from './routes/search.ts';
import { addSharedSchemas } from './schemas.ts';

export interface ApiOptions {
  store: ArticleStore;
  storeKind?: 'embedded' | 'elasticsearch';
  /** Required for exports, write routes and the queue dashboard when set (header `x-api-key`). */
  apiKey?: string;
  /** Mount the BullMQ dashboard at /admin/queues and check Redis in /ready. */
  redisUrl?: string;
  queuePrefix?: string;
  /** Largest search page (default 100). */
  maxPageSize?: number;
  /** Most records one export request may return (default 100,000). */
  maxExportRows?: number;
  /** Requests per minute per client IP (default 300); `false` turns the limit off. */
  rateLimit?: number | false;
  /** Export requests per minute per client IP (default 10). */
  exportRateLimit?: number | false;
  /** Origins allowed to call the API from a browser (CORS). Default none: CORS off. */
  corsOrigins?: string[];
  /** The listener is loopback-only: the queue dashboard may then run without an API key. */
  loopbackOnly?: boolean;
  /** Accept webhooks to loopback and private addresses (`serve --allow-private`). */
  allowPrivateWebhooks?: boolean;
  /**
   * Host names (with or without port) the queue dashboard answers to; other Host headers get 421, which
   * defeats DNS rebinding. Default: no check (startServer sets loopback names for a loopback listener).
   */
  allowedHosts?: string[];
  /** Incident store for the incident/watch routes and pages (without one they answer 501). */
  incidentStore?: IncidentStore;
  /** Serve the web UI (default true). */
  ui?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** Build the app (not listening). Call `app.close()` when done; the store stays open. */
export async function buildApp(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', strict: false } },
    // Generous for search pages, but bounded.
    bodyLimit: 1024 * 1024,
  });
  const metrics = new ApiMetrics();
  const maxPageSize = options.maxPageSize ?? 100;
  const maxExportRows = options.maxExportRows ?? 100_000;
  const auth = requireApiKey(options.apiKey);

  addSharedSchemas(app);
  app.addSchema(readinessSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Khabar API',
        version: PIPELINE_VERSION,
        description:
          'Bilingual Hindi + English news search and export. Article fields are described by schemas/article.schema.json. When the server has KHABAR_API_KEY set, exports, write routes and /admin/queues need it in the `x-api-key` header (or as the HTTP Basic password).',
      },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    },
    refResolver: {
      buildLocalReference: (json, _base, _frag, i) =>
        String(json.$id ?? `def-${i}`).replace(/^.*\/(.*)\.schema\.json$/, '$1'),
    },
  });

  if (options.rateLimit !== false) {
    await app.register(rateLimit, {
      max: options.rateLimit ?? 300,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: ctx.statusCode,
        error: 'rate-limited',
        message: `too many requests: at most ${ctx.max} per ${ctx.after === '1 minute' ? 'minute' : ctx.after}; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      }),
    });
  }

  app.setErrorHandler((e, req, reply) => {
    const body = errorBody(e);
    if (body.statusCode >= 500) req.log.error({ err: e }, 'request failed');
    reply.code(body.statusCode).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      statusCode: 404,
      error: 'not-found',
      message: `no route ${req.method} ${req.url.split('?')[0]}`,
    });
  });

  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  if (options.corsOrigins?.length) {
    const allowed = new Set(options.corsOrigins);
    app.addHook('onRequest', async (req, reply) => {
      const origin = req.headers.origin;
      if (!origin || !(allowed.has(origin) || allowed.has('*'))) return;
      reply.header('access-control-allow-origin', allowed.has('*') ? '*' : origin).header('vary', 'origin');
      if (req.method === 'OPTIONS') {
        reply
          .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
          .header('access-control-allow-headers', 'content-type, x-api-key')
          .code(204)
          .send();
      }
    });
  }

  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () =>
    app.swagger(),
  );

  await app.register(searchRoutes, { store: options.store, maxPageSize });
  await app.register(articleRoutes, { store: options.store });
  await app.register(exportRoutes, {
    store: options.store,
    maxExportRows,
    auth,
    metrics,
    rateLimit: options.rateLimit === false ? false : (options.exportRateLimit ?? 10),
  });
  await app.register(healthRoutes, {
    store: options.store,
    storeKind: options.storeKind ?? 'embedded',
    redisUrl: options.redisUrl,
    metrics,
  });
  const keyOk = apiKeyCheck(options.apiKey);
  await app.register(incidentRoutes, {
    store: options.incidentStore,
    auth,
    // With a key: whoever presents it. Without one: only a loopback listener's (local) clients.
    canSeeSecrets: (req) => (options.apiKey ? keyOk(req) : options.loopbackOnly === true),
    allowPrivateWebhooks: options.allowPrivateWebhooks === true,
  });
  if (options.redisUrl) {
    await app.register(adminRoutes, {
      redisUrl: options.redisUrl,
      queuePrefix: options.queuePrefix,
      apiKey: options.apiKey,
      allowOpen: options.loopbackOnly === true,
      ...(options.allowedHosts?.length ? { allowedHosts: options.allowedHosts } : {}),
    });
  }
  if (options.ui !== false)
    await app.register(registerUi, {
      store: options.store,
      incidentStore: options.incidentStore,
      maxPageSize,
      apiKey: options.apiKey,
    });
  return app;
}
