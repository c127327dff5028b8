/**
 * `GET /health` (the process answers), `GET /ready` (the store and, when configured, Redis are reachable)
 * and `GET /metrics` (Prometheus text).
 */
import type { FastifyInstance } from 'fastify';
import { describeError } from '../../core/errors.ts';
import type { ArticleStore } from '../../store/types.ts';
import type { ApiMetrics } from '../metrics.ts';

export interface HealthRouteOptions {
  store: ArticleStore;
  storeKind: 'embedded' | 'elasticsearch';
  redisUrl?: string;
  metrics: ApiMetrics;
  /** Per-check timeout in milliseconds (default 2000). */
  timeoutMs?: number;
}

const check = { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } } } as const;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Register health, readiness and metrics. */
export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  const timeout = opts.timeoutMs ?? 2000;
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Liveness',
        tags: ['operations'],
        response: { 200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Readiness',
        description:
          'Checks that the store answers (Elasticsearch when configured, else the embedded SQLite file) and, when REDIS_URL is set, that Redis answers PING. 503 when any check fails.',
        tags: ['operations'],
        response: {
          '2xx': { $ref: 'Readiness#' },
          503: { $ref: 'Readiness#' },
        },
      },
    },
    async (_req, reply) => {
      const checks: Record<string, { ok: boolean; error?: string }> = {};
      const run = async (name: string, fn: () => Promise<unknown>) => {
        try {
          await withTimeout(fn(), timeout, name);
          checks[name] = { ok: true };
        } catch (e) {
          checks[name] = { ok: false, error: describeError(e) };
        }
      };
      await Promise.all([
        run(opts.storeKind, () => opts.store.count({})),
        ...(opts.redisUrl
          ? [
              run('redis', async () => {
                const { checkRedis } = await import('../../driver/bullmq/connection.ts');
                await checkRedis(opts.redisUrl!, timeout);
              }),
            ]
          : []),
      ]);
      const ok = Object.values(checks).every((c) => c.ok);
      reply.code(ok ? 200 : 503);
      return { status: ok ? 'ready' : 'unavailable', checks };
    },
  );

  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Prometheus metrics',
        tags: ['operations'],
        response: { 200: { type: 'string', description: 'Prometheus text exposition format 0.0.4.' } },
      },
    },
    async (_req, reply) => {
      let articles: Record<string, number> | undefined;
      try {
        const [hin, eng, all] = await Promise.all(
          [{ lang: 'hin' }, { lang: 'eng' }, {}].map((f) =>
            withTimeout(opts.store.count(f), timeout, 'store'),
          ),
        );
        articles = { hin: hin!, eng: eng!, other: all! - hin! - eng! };
      } catch {
        articles = undefined;
      }
      reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
      return opts.metrics.render(articles);
    },
  );
}

/** Shared schema of the readiness answer. */
export const readinessSchema = {
  $id: 'Readiness',
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    checks: { type: 'object', additionalProperties: check },
  },
} as const;
