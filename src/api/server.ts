/**
 * Run the API: open the configured store (embedded by default, Elasticsearch when configured), build the
 * app and listen. API settings come from the environment (documented in `khabar serve --help`).
 */
import type { FastifyInstance } from 'fastify';
import { openStore } from '../bootstrap.ts';
import type { KhabarConfig } from '../core/config.ts';
import { ConfigError } from '../core/errors.ts';
import type { ArticleStore } from '../store/types.ts';
import { type ApiOptions, buildApp } from './app.ts';

type Env = Record<string, string | undefined>;

function limit(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError('bad-config', `${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

/** API options from environment variables (0 turns a rate limit off). */
export function apiOptionsFromEnv(env: Env = process.env): Omit<ApiOptions, 'store'> {
  const rate = limit(env, 'KHABAR_API_RATE_LIMIT', 300);
  const exportRate = limit(env, 'KHABAR_API_EXPORT_RATE_LIMIT', 10);
  return {
    ...(env.KHABAR_API_KEY ? { apiKey: env.KHABAR_API_KEY } : {}),
    rateLimit: rate === 0 ? false : rate,
    exportRateLimit: exportRate === 0 ? false : exportRate,
    maxPageSize: Math.max(1, limit(env, 'KHABAR_API_MAX_PAGE', 100)),
    maxExportRows: Math.max(1, limit(env, 'KHABAR_API_EXPORT_MAX', 100_000)),
    ...(env.KHABAR_API_CORS_ORIGINS
      ? {
          corsOrigins: env.KHABAR_API_CORS_ORIGINS.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(env.KHABAR_QUEUE_PREFIX ? { queuePrefix: env.KHABAR_QUEUE_PREFIX } : {}),
  };
}

export interface RunningServer {
  app: FastifyInstance;
  store: ArticleStore;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Open the store, build the app and listen on host:port (port 0 picks a free one). */
export async function startServer(
  config: KhabarConfig,
  listen: { host: string; port: number },
  overrides: Partial<ApiOptions> = {},
): Promise<RunningServer> {
  const store = await openStore(config);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      ...apiOptionsFromEnv(),
      store,
      storeKind: config.store,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      loopbackOnly: LOOPBACK.has(listen.host),
      logger: { level: process.env.KHABAR_LOG_LEVEL ?? 'info' },
      ...overrides,
    });
    await app.listen({ host: listen.host, port: listen.port });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await store.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const running = app;
  return {
    app: running,
    store,
    url: `http://${host}:${port}`,
    async close() {
      await running.close();
      await store.close();
    },
  };
}
