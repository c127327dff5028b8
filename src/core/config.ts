/**
 * Configuration: the environment is read here and nowhere else. Every setting has a type, a default and a
 * `KHABAR_*` variable, declared once in config-schema.ts and validated by one ajv schema at start-up; a bad
 * value stops the process with a message naming the variable. The CLI, workers and server receive the
 * resulting {@link KhabarConfig} and pass slices of it down; stages never see the environment.
 */
import { resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import {
  CONFIG_SCHEMA,
  SETTING_KEYS,
  type SettingKey,
  type SettingSchema,
  setting,
} from './config-schema.ts';
import { ConfigError } from './errors.ts';

export { CONFIG_SCHEMA } from './config-schema.ts';

export interface KhabarConfig {
  /** `embedded` (SQLite file, default) or `elasticsearch`. */
  store: 'embedded' | 'elasticsearch';
  /** `in-process` (default) or `bullmq` (queues on Redis, processed by `khabar worker` processes). */
  driver: 'in-process' | 'bullmq';
  /** Namespace of the BullMQ queues. */
  queuePrefix: string;
  /** Jobs at once per worker process; unset: from the topology. */
  workerConcurrency?: number;
  /** SQLite file of the embedded store (absolute). */
  dbPath: string;
  /** Directory of the watch Atom feeds. */
  feedsDir: string;
  /** Largest document accepted, in bytes. */
  maxBytes: number;
  /** Timeout for fetching one URL, in milliseconds. */
  fetchTimeoutMs: number;
  /** Milliseconds one document's analysis may take before it fails as `analysis-timeout`. */
  analysisBudgetMs: number;
  /** Heap growth past what survived a full collection, per cent (0: V8's adaptive choice); core/heap.ts. */
  heapGrowthPercent: number;
  /** Fetching may reach loopback and private addresses (intranet sites); default public only. */
  allowPrivate: boolean;
  /** Articles written to the store per transaction/bulk request. */
  batchSize: number;
  redisUrl?: string;
  elasticsearchUrl?: string;
  /** Index/alias prefix in Elasticsearch. */
  elasticsearchIndexPrefix: string;
  /** Credentials and TLS for a secured cluster. */
  elasticsearchApiKey?: string;
  elasticsearchUsername?: string;
  elasticsearchPassword?: string;
  elasticsearchCaFile?: string;
  elasticsearchTlsVerify: boolean;
  /** `khabar serve` listener. */
  host: string;
  port: number;
  /** API key of the HTTP API (unset: open). */
  apiKey?: string;
  /** Requests per minute per client; 0 = off. */
  apiRateLimit: number;
  apiExportRateLimit: number;
  apiMaxPage: number;
  apiExportMax: number;
  apiCorsOrigins: string[];
  /** Host names the queue dashboard answers to (empty: see `startServer`). */
  apiAllowedHosts: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  debug: boolean;
  noColor: boolean;
}

// Compile-time check that the interface and the schema name the same settings.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: Same<keyof KhabarConfig, SettingKey> = true;
void sameKeys;

export type Env = Record<string, string | undefined>;

/** Where a setting's value came from, for `khabar config` and error messages. */
export type ConfigSource = { kind: 'default' } | { kind: 'env'; name: string } | { kind: 'option' };

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
ajv.addVocabulary(['env', 'aliases', 'option', 'secret', 'hint', 'presence']);
const validate = ajv.compile<KhabarConfig>(CONFIG_SCHEMA);

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** A variable's text as the schema type, or the text itself when it does not parse (ajv then says why). */
function parseEnv(s: SettingSchema, raw: string): unknown {
  const text = raw.trim();
  if (s.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : raw;
  if (s.type === 'boolean') {
    const low = text.toLowerCase();
    if (TRUE.has(low)) return true;
    if (FALSE.has(low)) return false;
    return s.presence ? true : raw;
  }
  if (s.type === 'array')
    return text
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return raw;
}

const quoteList = (xs: readonly string[]) =>
  xs.length <= 1
    ? `"${xs[0]}"`
    : `${xs
        .slice(0, -1)
        .map((x) => `"${x}"`)
        .join(', ')} or "${xs.at(-1)}"`;

function describeProblem(
  key: SettingKey,
  e: ErrorObject,
  source: ConfigSource,
  raw: unknown,
  itemRaw?: unknown,
): string {
  const s = setting(key);
  const name = source.kind === 'env' ? source.name : source.kind === 'option' && s.option ? s.option : s.env;
  const got = `got "${String(itemRaw ?? raw)}"`;
  switch (s.type) {
    case 'integer': {
      const range =
        s.maximum !== undefined ? `≥ ${s.minimum ?? 0} and ≤ ${s.maximum}` : `≥ ${s.minimum ?? 0}`;
      return `${name} must be an integer ${range}, ${got}`;
    }
    case 'boolean':
      return `${name} must be true or false (1/0, yes/no), ${got}`;
    case 'array':
      return `${name} must be a comma-separated list of ${s.items?.hint ?? 'values'}, ${got}`;
    default:
      if (s.enum) return `${name} must be ${quoteList(s.enum)}, ${got}`;
      if (e.keyword === 'minLength') return `${name} must not be empty`;
      return `${name} must be ${s.hint ?? `a ${s.type}`}, ${got}`;
  }
}

/** The effective configuration, and where each value came from. */
export interface ResolvedConfig {
  config: KhabarConfig;
  sources: Record<SettingKey, ConfigSource>;
}

/**
 * Build and validate the configuration from environment variables and command-line overrides (overrides
 * win). Throws {@link ConfigError} naming the variable (or option) of the first bad setting. With
 * `combinations: false` only each value is checked, not whether they go together (a command's flags
 * may still supply what is missing, e.g. `--redis` for KHABAR_DRIVER=bullmq).
 */
export function resolveConfig(
  env: Env = process.env,
  overrides: Partial<KhabarConfig> = {},
  options: { combinations?: boolean } = {},
): ResolvedConfig {
  const raw: Record<string, unknown> = {};
  const sources = {} as Record<SettingKey, ConfigSource>;
  for (const key of SETTING_KEYS) {
    const s = setting(key);
    const override = overrides[key];
    if (override !== undefined) {
      raw[key] = override;
      sources[key] = { kind: 'option' };
      continue;
    }
    const name = [s.env, ...(s.aliases ?? [])].find((n) => env[n] !== undefined && env[n] !== '');
    if (name) {
      raw[key] = parseEnv(s, env[name]!);
      sources[key] = { kind: 'env', name };
    } else sources[key] = { kind: 'default' };
  }
  const given = { ...raw };
  if (!validate(raw)) {
    const e = validate.errors![0]!;
    const [, key, item] = e.instancePath.split('/') as [string, SettingKey, string?];
    const itemRaw = item !== undefined ? (given[key] as unknown[])[Number(item)] : undefined;
    throw new ConfigError('bad-config', describeProblem(key, e, sources[key], given[key], itemRaw));
  }
  const config = raw as unknown as KhabarConfig;
  config.dbPath = resolve(config.dbPath);
  if (options.combinations !== false) checkCombinations(config);
  return { config, sources };
}

/** Settings that are fine alone but not together. */
function checkCombinations(c: KhabarConfig): void {
  if (c.driver === 'bullmq' && !c.redisUrl)
    throw new ConfigError(
      'bad-config',
      'KHABAR_DRIVER=bullmq needs KHABAR_REDIS_URL or REDIS_URL (e.g. redis://localhost:6379)',
    );
  if (c.elasticsearchUsername && !c.elasticsearchPassword)
    throw new ConfigError(
      'bad-config',
      'KHABAR_ELASTICSEARCH_USERNAME is set but KHABAR_ELASTICSEARCH_PASSWORD is not',
    );
  if (c.store === 'elasticsearch' && !c.elasticsearchUrl)
    throw new ConfigError(
      'bad-config',
      'KHABAR_STORE=elasticsearch needs ELASTICSEARCH_URL or KHABAR_ELASTICSEARCH_URL (e.g. http://localhost:9200)',
    );
}

/**
 * The configuration from environment variables (the process environment by default: the only read of
 * `process.env` in Khabar) and command-line overrides.
 */
export function loadConfig(
  env: Env = process.env,
  overrides: Partial<KhabarConfig> = {},
  options: { combinations?: boolean } = {},
): KhabarConfig {
  return resolveConfig(env, overrides, options).config;
}

/** A value for printing: secrets hidden, and the password of a URL with credentials. */
export function redactedValue(key: SettingKey, value: unknown): unknown {
  const s = setting(key);
  if (value === undefined || !s.secret) return value;
  if (s.secret === 'url') {
    try {
      const u = new URL(String(value));
      if (u.password) u.password = '***';
      return u.href;
    } catch {
      return '***';
    }
  }
  return '***';
}

/** Every setting with its variable, effective value (secrets redacted), source and description. */
export function describeConfig(resolved: ResolvedConfig): {
  key: SettingKey;
  env: string;
  value: unknown;
  source: string;
  description: string;
}[] {
  return SETTING_KEYS.map((key) => {
    const src = resolved.sources[key];
    return {
      key,
      env: setting(key).env,
      value: redactedValue(key, resolved.config[key]),
      source:
        src.kind === 'env' ? src.name : src.kind === 'option' ? (setting(key).option ?? 'option') : 'default',
      description: setting(key).description,
    };
  });
}
