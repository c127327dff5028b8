/**
 * Run the API: open the configured store (embedded by default, Elasticsearch when configured), build the
 * app and listen. API settings come from the configuration (src/core/config-schema.ts, `khabar config`).
 */
import type { FastifyInstance } from 'fastify';
import { openStore } from '../bootstrap.ts';
import { type Env, type KhabarConfig, loadConfig } from '../core/config.ts';
import { ConfigError } from '../core/errors.ts';
import type { ArticleStore } from '../store/types.ts';
import { type ApiOptions, buildApp } from './app.ts';

/** API options from the configuration (0 turns a rate limit off). */
export function apiOptionsFromConfig(c: KhabarConfig): Omit<ApiOptions, 'store'> {
  return {
    ...(c.apiKey ? { apiKey: c.apiKey } : {}),
    rateLimit: c.apiRateLimit === 0 ? false : c.apiRateLimit,
    exportRateLimit: c.apiExportRateLimit === 0 ? false : c.apiExportRateLimit,
    maxPageSize: c.apiMaxPage,
    maxExportRows: c.apiExportMax,
    ...(c.apiCorsOrigins.length ? { corsOrigins: c.apiCorsOrigins } : {}),
    ...(c.apiAllowedHosts.length ? { allowedHosts: c.apiAllowedHosts } : {}),
    queuePrefix: c.queuePrefix,
  };
}

/** API options from environment variables, validated as at start-up (see core/config-schema.ts). */
export function apiOptionsFromEnv(env: Env): Omit<ApiOptions, 'store'> {
  return apiOptionsFromConfig(loadConfig(env));
}

export interface RunningServer {
  app: FastifyInstance;
  store: ArticleStore;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  close(): Promise<void>;
}

/** A listen address that only this machine can reach: `localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h);
}

export interface ListenOptions {
  host: string;
  port: number;
  /** Serve beyond loopback without an API key (`serve --insecure`): everything is then open to the network. */
  insecure?: boolean;
}

/**
 * Open the store, build the app and listen on host:port (port 0 picks a free one). Refuses a non-loopback
 * address without an API key unless `insecure`.
 */
export async function startServer(
  config: KhabarConfig,
  listen: ListenOptions,
  overrides: Partial<ApiOptions> = {},
): Promise<RunningServer> {
  const loopback = isLoopbackHost(listen.host);
  const apiKey = overrides.apiKey ?? apiOptionsFromConfig(config).apiKey;
  if (!loopback && !apiKey && !listen.insecure)
    throw new ConfigError(
      'insecure-listen',
      `refusing to serve on ${listen.host} without KHABAR_API_KEY: exports, watch writes and the queue dashboard would be open to anyone who can reach it. Set KHABAR_API_KEY, listen on 127.0.0.1, or pass --insecure to accept that`,
    );
  // DNS-rebinding defence for the dashboard: the names given (--allowed-hosts, else
  // KHABAR_API_ALLOWED_HOSTS); without any, a loopback server answers to its loopback names only.
  const allowedHosts =
    overrides.allowedHosts ??
    apiOptionsFromConfig(config).allowedHosts ??
    (loopback ? ['localhost', '127.0.0.1', '::1', listen.host] : undefined);
  const store = await openStore(config);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      ...apiOptionsFromConfig(config),
      store,
      storeKind: config.store,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      loopbackOnly: loopback,
      logger: { level: config.logLevel },
      ...overrides,
      ...(allowedHosts ? { allowedHosts } : {}),
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
