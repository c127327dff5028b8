/**
 * The one schema of Khabar's settings: every setting's type, default, `KHABAR_*` variable (plus older
 * names still accepted), command-line option where there is one, and description. This file is the
 * reference for configuration: `khabar config` prints it with the effective values.
 *
 * Non-standard keywords (registered as a vocabulary in config.ts): `env` (the variable), `aliases` (older
 * names, read when `env` is unset), `option` (the CLI flag that overrides it), `secret` (redacted when
 * printed), `hint` (what a valid value looks like, for error messages), `presence` (a boolean that is
 * true whenever the variable is set to anything but a false word, as NO_COLOR and KHABAR_DEBUG always were).
 */

import { DEFAULT_HEAP_GROWTH_PERCENT } from './heap.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const CONFIG_SCHEMA = {
  $id: 'https://khabar.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    store: {
      type: 'string',
      enum: ['embedded', 'elasticsearch'],
      default: 'embedded',
      env: 'KHABAR_STORE',
      option: '--store',
      description: 'Article store: `embedded` (SQLite file) or `elasticsearch`.',
    },
    driver: {
      type: 'string',
      enum: ['in-process', 'bullmq'],
      default: 'in-process',
      env: 'KHABAR_DRIVER',
      option: '--driver',
      description: 'How ingest runs: `in-process`, or `bullmq` (queues on Redis, worked by `khabar worker`).',
    },
    queuePrefix: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]+$',
      hint: 'made of letters, digits, "_", "." and "-"',
      default: 'khabar',
      env: 'KHABAR_QUEUE_PREFIX',
      option: '--prefix',
      description: 'Namespace of the BullMQ queues (`<prefix>-<stage>`).',
    },
    workerConcurrency: {
      type: 'integer',
      minimum: 1,
      env: 'KHABAR_WORKER_CONCURRENCY',
      option: '--concurrency',
      description: 'Jobs at once in one worker process (default: from the topology).',
    },
    dbPath: {
      type: 'string',
      minLength: 1,
      default: './data/khabar.db',
      env: 'KHABAR_DB',
      option: '--db',
      description: 'SQLite file of the embedded store (made absolute at start-up).',
    },
    feedsDir: {
      type: 'string',
      minLength: 1,
      default: './data/feeds',
      env: 'KHABAR_FEEDS_DIR',
      option: '--feeds',
      description: 'Directory of the watch Atom feeds.',
    },
    maxBytes: {
      type: 'integer',
      minimum: 1024,
      default: 32 * 1024 * 1024,
      env: 'KHABAR_MAX_BYTES',
      option: '--max-bytes',
      description: 'Largest document (file, stdin, URL body or JSONL line) accepted, in bytes.',
    },
    fetchTimeoutMs: {
      type: 'integer',
      minimum: 100,
      default: 30_000,
      env: 'KHABAR_FETCH_TIMEOUT_MS',
      description: 'Timeout for fetching one URL, in milliseconds.',
    },
    analysisBudgetMs: {
      type: 'integer',
      minimum: 100,
      default: 10_000,
      env: 'KHABAR_ANALYSIS_BUDGET_MS',
      description:
        'Time one document’s analysis may take, in milliseconds; past it the document fails as `analysis-timeout` (in-process driver and analyze workers).',
    },
    heapGrowthPercent: {
      type: 'integer',
      minimum: 0,
      maximum: 400,
      default: DEFAULT_HEAP_GROWTH_PERCENT,
      env: 'KHABAR_HEAP_GROWTH_PERCENT',
      description:
        'How far the JavaScript heap may grow past what survived the last full collection, in per cent, before the next one; lower holds less memory for a little more collecting. 0: V8’s own adaptive choice (up to 4x).',
    },
    allowPrivate: {
      type: 'boolean',
      default: false,
      env: 'KHABAR_ALLOW_PRIVATE',
      option: '--allow-private',
      description:
        'Fetch from loopback and private addresses too (intranet sites): analyze, ingest, crawl and the fetch worker. Webhooks accepted by `serve` still need `serve --allow-private`.',
    },
    batchSize: {
      type: 'integer',
      minimum: 1,
      default: 100,
      env: 'KHABAR_BATCH_SIZE',
      description: 'Articles written to the store per transaction or bulk request.',
    },
    redisUrl: {
      type: 'string',
      pattern: '^rediss?://\\S+$',
      hint: 'a URL such as redis://localhost:6379',
      env: 'KHABAR_REDIS_URL',
      aliases: ['REDIS_URL'],
      option: '--redis',
      secret: 'url',
      description: 'Redis for the BullMQ driver, the shared crawl frontier and the queue dashboard.',
    },
    elasticsearchUrl: {
      type: 'string',
      pattern: '^https?://\\S+$',
      hint: 'a URL such as http://localhost:9200',
      env: 'KHABAR_ELASTICSEARCH_URL',
      aliases: ['ELASTICSEARCH_URL'],
      secret: 'url',
      description: 'Elasticsearch for the `elasticsearch` store.',
    },
    elasticsearchIndexPrefix: {
      type: 'string',
      pattern: '^[a-z0-9_.-]+$',
      hint: 'made of lower-case letters, digits, "_", "." and "-"',
      default: 'khabar',
      env: 'KHABAR_ES_INDEX_PREFIX',
      description: 'Index and alias prefix in Elasticsearch.',
    },
    elasticsearchApiKey: {
      type: 'string',
      env: 'KHABAR_ELASTICSEARCH_API_KEY',
      aliases: ['ELASTICSEARCH_API_KEY'],
      secret: true,
      description: 'API key of a secured cluster.',
    },
    elasticsearchUsername: {
      type: 'string',
      env: 'KHABAR_ELASTICSEARCH_USERNAME',
      aliases: ['ELASTICSEARCH_USERNAME'],
      description: 'User of a secured cluster (with the password).',
    },
    elasticsearchPassword: {
      type: 'string',
      env: 'KHABAR_ELASTICSEARCH_PASSWORD',
      aliases: ['ELASTICSEARCH_PASSWORD'],
      secret: true,
      description: 'Password of that user.',
    },
    elasticsearchCaFile: {
      type: 'string',
      env: 'KHABAR_ELASTICSEARCH_CA_FILE',
      aliases: ['ELASTICSEARCH_CA_FILE'],
      description: 'CA certificate (PEM) the cluster is signed with.',
    },
    elasticsearchTlsVerify: {
      type: 'boolean',
      default: true,
      env: 'KHABAR_ELASTICSEARCH_TLS_VERIFY',
      aliases: ['ELASTICSEARCH_TLS_VERIFY'],
      description: 'Check the cluster’s TLS certificate (turn off only for a test cluster).',
    },
    host: {
      type: 'string',
      minLength: 1,
      default: '127.0.0.1',
      env: 'KHABAR_HOST',
      option: '--host',
      description: '`khabar serve`: address to listen on.',
    },
    port: {
      type: 'integer',
      minimum: 0,
      maximum: 65535,
      default: 8080,
      env: 'KHABAR_PORT',
      option: '--port',
      description: '`khabar serve`: port (0 = any free port).',
    },
    apiKey: {
      type: 'string',
      env: 'KHABAR_API_KEY',
      secret: true,
      description:
        'When set, exports, write routes and /admin/queues need it (x-api-key, or HTTP Basic password).',
    },
    apiRateLimit: {
      type: 'integer',
      minimum: 0,
      default: 300,
      env: 'KHABAR_API_RATE_LIMIT',
      description: 'API requests per minute per client (0 = off).',
    },
    apiExportRateLimit: {
      type: 'integer',
      minimum: 0,
      default: 10,
      env: 'KHABAR_API_EXPORT_RATE_LIMIT',
      description: 'Export requests per minute per client (0 = off).',
    },
    apiMaxPage: {
      type: 'integer',
      minimum: 1,
      default: 100,
      env: 'KHABAR_API_MAX_PAGE',
      description: 'Largest search page.',
    },
    apiExportMax: {
      type: 'integer',
      minimum: 1,
      default: 100_000,
      env: 'KHABAR_API_EXPORT_MAX',
      description: 'Most records per export request.',
    },
    apiCorsOrigins: {
      type: 'array',
      items: { type: 'string', pattern: '^https?://[^\\s/]+$', hint: 'origins such as https://example.org' },
      default: [],
      env: 'KHABAR_API_CORS_ORIGINS',
      description: 'Comma-separated origins allowed by CORS (none: CORS off).',
    },
    apiAllowedHosts: {
      type: 'array',
      items: {
        type: 'string',
        // A name or IP literal, optionally with a port; no scheme, path or wildcard.
        pattern: '^[A-Za-z0-9_.:\\[\\]-]+$',
        hint: 'host names such as news.example.org',
      },
      default: [],
      env: 'KHABAR_API_ALLOWED_HOSTS',
      option: '--allowed-hosts',
      description:
        'Comma-separated Host names the queue dashboard answers to (DNS-rebinding defence); none: the loopback names on a loopback server, any name otherwise.',
    },
    logLevel: {
      type: 'string',
      enum: LOG_LEVELS,
      default: 'info',
      env: 'KHABAR_LOG_LEVEL',
      description: 'Log level of the API server.',
    },
    debug: {
      type: 'boolean',
      default: false,
      presence: true,
      env: 'KHABAR_DEBUG',
      description: 'Stack traces on errors and crawler debug logs.',
    },
    noColor: {
      type: 'boolean',
      default: false,
      presence: true,
      env: 'KHABAR_NO_COLOR',
      aliases: ['NO_COLOR'],
      description: 'No colours on a terminal (https://no-color.org).',
    },
  },
} as const;

/** Names of the settings, in schema order. */
export type SettingKey = keyof typeof CONFIG_SCHEMA.properties;

/** One setting's schema entry, with the non-standard keywords read by the loader. */
export interface SettingSchema {
  type: 'string' | 'integer' | 'boolean' | 'array';
  env: string;
  aliases?: readonly string[];
  option?: string;
  secret?: boolean | 'url';
  hint?: string;
  presence?: boolean;
  default?: unknown;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  items?: { hint?: string };
  description: string;
}

/** The schema entry of one setting. */
export const setting = (key: SettingKey): SettingSchema =>
  CONFIG_SCHEMA.properties[key] as unknown as SettingSchema;

export const SETTING_KEYS = Object.keys(CONFIG_SCHEMA.properties) as SettingKey[];
