/**
 * Configuration: every setting has a type, a default and a KHABAR_* environment variable, validated once at
 * start-up. Only the CLI, workers and bootstrap read the environment; stages receive plain values.
 */
import { resolve } from 'node:path';
import { ConfigError } from './errors.ts';

export interface KhabarConfig {
  /** `embedded` (SQLite file, default) or `elasticsearch`. */
  store: 'embedded' | 'elasticsearch';
  /** `in-process` (default) or `bullmq` (queues on Redis, processed by `khabar worker` processes). */
  driver: 'in-process' | 'bullmq';
  /** Namespace of the BullMQ queues. */
  queuePrefix: string;
  /** SQLite file of the embedded store. */
  dbPath: string;
  /** Largest document accepted, in bytes. */
  maxBytes: number;
  /** Timeout for fetching one URL, in milliseconds. */
  fetchTimeoutMs: number;
  /** Articles written to the store per transaction/bulk request. */
  batchSize: number;
  elasticsearchUrl?: string;
  /** Index/alias prefix in Elasticsearch. */
  elasticsearchIndexPrefix: string;
  /** Credentials and TLS for a secured cluster. */
  elasticsearchApiKey?: string;
  elasticsearchUsername?: string;
  elasticsearchPassword?: string;
  elasticsearchCaFile?: string;
  elasticsearchTlsVerify: boolean;
  redisUrl?: string;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError('bad-config', `${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** Build the configuration from environment variables and command-line overrides (overrides win). */
export function loadConfig(env: Env = process.env, overrides: Partial<KhabarConfig> = {}): KhabarConfig {
  const store = (overrides.store ?? env.KHABAR_STORE ?? 'embedded') as KhabarConfig['store'];
  if (store !== 'embedded' && store !== 'elasticsearch') {
    throw new ConfigError('bad-config', `KHABAR_STORE must be "embedded" or "elasticsearch", got "${store}"`);
  }
  const driver = (overrides.driver ?? env.KHABAR_DRIVER ?? 'in-process') as KhabarConfig['driver'];
  if (driver !== 'in-process' && driver !== 'bullmq') {
    throw new ConfigError('bad-config', `KHABAR_DRIVER must be "in-process" or "bullmq", got "${driver}"`);
  }
  const cfg: KhabarConfig = {
    store,
    driver,
    queuePrefix: overrides.queuePrefix ?? env.KHABAR_QUEUE_PREFIX ?? 'khabar',
    dbPath: resolve(overrides.dbPath ?? env.KHABAR_DB ?? './data/khabar.db'),
    maxBytes: overrides.maxBytes ?? int(env, 'KHABAR_MAX_BYTES', 32 * 1024 * 1024, 1024),
    fetchTimeoutMs: overrides.fetchTimeoutMs ?? int(env, 'KHABAR_FETCH_TIMEOUT_MS', 30_000, 100),
    batchSize: overrides.batchSize ?? int(env, 'KHABAR_BATCH_SIZE', 100, 1),
    elasticsearchUrl: overrides.elasticsearchUrl ?? env.ELASTICSEARCH_URL ?? env.KHABAR_ELASTICSEARCH_URL,
    elasticsearchIndexPrefix: overrides.elasticsearchIndexPrefix ?? env.KHABAR_ES_INDEX_PREFIX ?? 'khabar',
    elasticsearchApiKey: overrides.elasticsearchApiKey ?? env.ELASTICSEARCH_API_KEY,
    elasticsearchUsername: overrides.elasticsearchUsername ?? env.ELASTICSEARCH_USERNAME,
    elasticsearchPassword: overrides.elasticsearchPassword ?? env.ELASTICSEARCH_PASSWORD,
    elasticsearchCaFile: overrides.elasticsearchCaFile ?? env.ELASTICSEARCH_CA_FILE,
    elasticsearchTlsVerify: overrides.elasticsearchTlsVerify ?? env.ELASTICSEARCH_TLS_VERIFY !== 'false',
    redisUrl: overrides.redisUrl ?? env.REDIS_URL ?? env.KHABAR_REDIS_URL,
  };
  for (const [name, url] of [
    ['ELASTICSEARCH_URL', cfg.elasticsearchUrl],
    ['REDIS_URL', cfg.redisUrl],
  ] as const) {
    if (url && !/^(https?|rediss?):\/\/[^\s]+$/.test(url)) {
      throw new ConfigError(
        'bad-config',
        `${name} must be a URL such as ${name === 'REDIS_URL' ? 'redis://localhost:6379' : 'http://localhost:9200'}, got "${url}"`,
      );
    }
  }
  if (cfg.driver === 'bullmq' && !cfg.redisUrl) {
    throw new ConfigError('bad-config', 'KHABAR_DRIVER=bullmq needs REDIS_URL (e.g. redis://localhost:6379)');
  }
  if (cfg.elasticsearchUsername && !cfg.elasticsearchPassword) {
    throw new ConfigError('bad-config', 'ELASTICSEARCH_USERNAME is set but ELASTICSEARCH_PASSWORD is not');
  }
  if (cfg.store === 'elasticsearch' && !cfg.elasticsearchUrl) {
    throw new ConfigError(
      'bad-config',
      'KHABAR_STORE=elasticsearch needs ELASTICSEARCH_URL (e.g. http://localhost:9200)',
    );
  }
  return cfg;
}
