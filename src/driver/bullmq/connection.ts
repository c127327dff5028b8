/**
 * Redis connection settings for the two kinds of BullMQ clients:
 * - producers (the driver adding jobs, the `queues` command) fail fast: no offline queue, one retry, so a
 *   missing Redis is a clear error instead of a hang;
 * - workers and event listeners keep reconnecting for ever (`maxRetriesPerRequest: null`, which BullMQ
 *   requires for blocking connections), so a Redis restart is ridden out.
 */
import type { RedisOptions } from 'bullmq';
import { type RedisOptions as IORedisOptions, Redis } from 'ioredis';
import { ConfigError, TransientError } from '../../core/errors.ts';

/** A `redis://` / `rediss://` URL or ioredis options. */
export type RedisConnection = string | RedisOptions;

/** ioredis options from a URL (`redis://[user:password@]host[:port][/db]`) or options. */
export function redisOptions(connection: RedisConnection): RedisOptions {
  if (typeof connection !== 'string') return { ...connection };
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new ConfigError('bad-config', `"${connection}" is not a Redis URL (expected redis://host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(
      'bad-config',
      `Redis URL must start with redis:// or rediss://, got "${url.protocol}"`,
    );
  }
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new ConfigError('bad-config', `Redis URL database must be a number, got "${db}"`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Where a connection points, for messages: never includes the password. */
export function describeRedis(connection: RedisConnection): string {
  const o = redisOptions(connection);
  return `redis${o.tls ? 's' : ''}://${o.host ?? '127.0.0.1'}:${o.port ?? 6379}${o.db ? `/${o.db}` : ''}`;
}

/** Producers: commands fail at once while Redis is unreachable. */
export function producerConnection(connection: RedisConnection): RedisOptions {
  return { ...redisOptions(connection), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
}

/** Workers and event listeners: reconnect for ever, with a capped backoff. */
export function workerConnection(connection: RedisConnection): RedisOptions {
  return {
    ...redisOptions(connection),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * 2 ** Math.min(times, 10), 5000),
  };
}

/**
 * Connect once, PING, disconnect; throws `TransientError('redis-unreachable')` with the address when
 * Redis does not answer within `timeoutMs`.
 */
export async function checkRedis(connection: RedisConnection, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...redisOptions(connection),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  } as IORedisOptions);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new TransientError(
      'redis-unreachable',
      `cannot reach Redis at ${describeRedis(connection)}: ${(e as Error).message}`,
    );
  } finally {
    client.disconnect();
  }
}
