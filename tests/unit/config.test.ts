import { describe, expect, it } from 'vitest';
import {
  CONFIG_SCHEMA,
  describeConfig,
  loadConfig,
  redactedValue,
  resolveConfig,
} from '../../src/core/config.ts';
import { ConfigError } from '../../src/core/errors.ts';

describe('configuration', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({});
    expect(c.store).toBe('embedded');
    expect(c.dbPath).toMatch(/data\/khabar\.db$/);
    expect(c.maxBytes).toBe(32 * 1024 * 1024);
    expect(c.elasticsearchIndexPrefix).toBe('khabar');
    expect(c.elasticsearchTlsVerify).toBe(true);
  });

  it('reads KHABAR_* and service variables; overrides win', () => {
    const c = loadConfig(
      {
        KHABAR_DB: '/tmp/x.db',
        KHABAR_BATCH_SIZE: '7',
        REDIS_URL: 'redis://127.0.0.1:6400',
        ELASTICSEARCH_API_KEY: 'k',
      },
      { batchSize: 9 },
    );
    expect(c.dbPath).toBe('/tmp/x.db');
    expect(c.batchSize).toBe(9);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6400');
    expect(c.elasticsearchApiKey).toBe('k');
  });

  it.each([
    [{ KHABAR_STORE: 'mongo' }, /KHABAR_STORE must be "embedded" or "elasticsearch", got "mongo"/],
    [{ KHABAR_STORE: 'elasticsearch' }, /needs ELASTICSEARCH_URL/],
    [{ KHABAR_MAX_BYTES: 'lots' }, /KHABAR_MAX_BYTES must be an integer/],
    [{ KHABAR_BATCH_SIZE: '0' }, /KHABAR_BATCH_SIZE must be an integer ≥ 1/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a URL such as redis:\/\/localhost:6379/],
    [{ ELASTICSEARCH_URL: 'es:9200' }, /ELASTICSEARCH_URL must be a URL/],
    [{ ELASTICSEARCH_USERNAME: 'elastic' }, /ELASTICSEARCH_PASSWORD is not/],
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('configuration schema', () => {
  it('gives every setting a type, a KHABAR_* variable and a description', () => {
    for (const [key, s] of Object.entries(CONFIG_SCHEMA.properties)) {
      expect(s.env, key).toMatch(/^KHABAR_[A-Z_]+$/);
      expect(s.type, key).toMatch(/^(string|integer|boolean|array)$/);
      expect(s.description.length, key).toBeGreaterThan(10);
    }
    const vars = Object.values(CONFIG_SCHEMA.properties).map((s) => s.env);
    expect(new Set(vars).size).toBe(vars.length);
  });

  it('reads the KHABAR_* name first and the older name when it is unset', () => {
    expect(loadConfig({ KHABAR_REDIS_URL: 'redis://a:1', REDIS_URL: 'redis://b:2' }).redisUrl).toBe(
      'redis://a:1',
    );
    expect(loadConfig({ REDIS_URL: 'redis://b:2' }).redisUrl).toBe('redis://b:2');
    expect(loadConfig({ KHABAR_ELASTICSEARCH_TLS_VERIFY: 'false' }).elasticsearchTlsVerify).toBe(false);
    expect(loadConfig({ ELASTICSEARCH_TLS_VERIFY: 'no' }).elasticsearchTlsVerify).toBe(false);
    // An empty variable counts as unset.
    expect(loadConfig({ KHABAR_DB: '' }).dbPath).toMatch(/data\/khabar\.db$/);
  });

  it('types API, server and output settings', () => {
    const c = loadConfig({
      KHABAR_API_RATE_LIMIT: '0',
      KHABAR_API_CORS_ORIGINS: 'https://a.example, https://b.example',
      KHABAR_PORT: '9001',
      KHABAR_LOG_LEVEL: 'warn',
      KHABAR_WORKER_CONCURRENCY: '3',
      NO_COLOR: 'anything',
      KHABAR_DEBUG: '1',
    });
    expect(c).toMatchObject({
      apiRateLimit: 0,
      apiCorsOrigins: ['https://a.example', 'https://b.example'],
      port: 9001,
      logLevel: 'warn',
      workerConcurrency: 3,
      noColor: true,
      debug: true,
    });
    expect(loadConfig({ KHABAR_DEBUG: 'false' }).debug).toBe(false);
    expect(loadConfig({}).apiCorsOrigins).toEqual([]);
  });

  it.each([
    [{ KHABAR_PORT: '70000' }, 'KHABAR_PORT must be an integer ≥ 0 and ≤ 65535, got "70000"'],
    [
      { KHABAR_LOG_LEVEL: 'loud' },
      'KHABAR_LOG_LEVEL must be "fatal", "error", "warn", "info", "debug", "trace" or "silent", got "loud"',
    ],
    [
      { KHABAR_QUEUE_PREFIX: 'a b' },
      'KHABAR_QUEUE_PREFIX must be made of letters, digits, "_", "." and "-", got "a b"',
    ],
    [
      { KHABAR_API_CORS_ORIGINS: 'https://ok.example,*' },
      'KHABAR_API_CORS_ORIGINS must be a comma-separated list of origins such as https://example.org, got "*"',
    ],
    [
      { KHABAR_ELASTICSEARCH_TLS_VERIFY: 'maybe' },
      'KHABAR_ELASTICSEARCH_TLS_VERIFY must be true or false (1/0, yes/no), got "maybe"',
    ],
    [
      { KHABAR_REDIS_URL: 'http://x' },
      'KHABAR_REDIS_URL must be a URL such as redis://localhost:6379, got "http://x"',
    ],
    [
      { KHABAR_DRIVER: 'bullmq' },
      'KHABAR_DRIVER=bullmq needs KHABAR_REDIS_URL or REDIS_URL (e.g. redis://localhost:6379)',
    ],
  ])('names the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the analysis budget, the private-address opt-in and the dashboard host names', () => {
    expect(loadConfig({})).toMatchObject({
      analysisBudgetMs: 10_000,
      allowPrivate: false,
      apiAllowedHosts: [],
    });
    expect(
      loadConfig({
        KHABAR_ANALYSIS_BUDGET_MS: '2500',
        KHABAR_ALLOW_PRIVATE: 'yes',
        KHABAR_API_ALLOWED_HOSTS: 'news.example.org, 10.0.0.5 ,[::1],khabar.internal:8080',
      }),
    ).toMatchObject({
      analysisBudgetMs: 2500,
      allowPrivate: true,
      apiAllowedHosts: ['news.example.org', '10.0.0.5', '[::1]', 'khabar.internal:8080'],
    });
    expect(loadConfig({ KHABAR_ALLOW_PRIVATE: '0' }).allowPrivate).toBe(false);
    expect(loadConfig({ KHABAR_ANALYSIS_BUDGET_MS: '100' }).analysisBudgetMs).toBe(100);
    // The command-line flag wins over the environment.
    expect(loadConfig({ KHABAR_ALLOW_PRIVATE: 'false' }, { allowPrivate: true }).allowPrivate).toBe(true);
  });

  it.each([
    [{ KHABAR_ANALYSIS_BUDGET_MS: '99' }, 'KHABAR_ANALYSIS_BUDGET_MS must be an integer ≥ 100, got "99"'],
    [{ KHABAR_ANALYSIS_BUDGET_MS: '10s' }, 'KHABAR_ANALYSIS_BUDGET_MS must be an integer ≥ 100, got "10s"'],
    [{ KHABAR_ANALYSIS_BUDGET_MS: '2.5' }, 'KHABAR_ANALYSIS_BUDGET_MS must be an integer ≥ 100, got "2.5"'],
    [
      { KHABAR_ALLOW_PRIVATE: 'sometimes' },
      'KHABAR_ALLOW_PRIVATE must be true or false (1/0, yes/no), got "sometimes"',
    ],
    [
      { KHABAR_API_ALLOWED_HOSTS: 'news.example.org,https://evil.example/' },
      'KHABAR_API_ALLOWED_HOSTS must be a comma-separated list of host names such as news.example.org, got "https://evil.example/"',
    ],
    [
      { KHABAR_API_ALLOWED_HOSTS: '*' },
      'KHABAR_API_ALLOWED_HOSTS must be a comma-separated list of host names such as news.example.org, got "*"',
    ],
  ])('names the variable of a bad new setting: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names the command-line option when a bad value came from one', () => {
    expect(() => loadConfig({}, { maxBytes: 10 })).toThrow('--max-bytes must be an integer ≥ 1024, got "10"');
  });

  it('checks combinations only when asked, so a flag can complete them', () => {
    expect(loadConfig({ KHABAR_DRIVER: 'bullmq' }, {}, { combinations: false }).driver).toBe('bullmq');
    expect(loadConfig({ KHABAR_DRIVER: 'bullmq' }, { redisUrl: 'redis://q:6379' }).redisUrl).toBe(
      'redis://q:6379',
    );
  });

  it('redacts secrets and URL passwords when describing the effective configuration', () => {
    const rows = describeConfig(
      resolveConfig({
        KHABAR_API_KEY: 'hunter2',
        ELASTICSEARCH_PASSWORD: 'pw',
        ELASTICSEARCH_USERNAME: 'elastic',
        KHABAR_ELASTICSEARCH_URL: 'https://elastic:pw@es.example:9200',
      }),
    );
    const row = (k: string) => rows.find((r) => r.key === k)!;
    expect(row('apiKey')).toMatchObject({ value: '***', source: 'KHABAR_API_KEY' });
    expect(row('elasticsearchPassword')).toMatchObject({ value: '***', source: 'ELASTICSEARCH_PASSWORD' });
    expect(row('elasticsearchUrl').value).toBe('https://elastic:***@es.example:9200/');
    expect(row('store')).toMatchObject({ value: 'embedded', source: 'default' });
    expect(JSON.stringify(rows)).not.toMatch(/hunter2|:pw@/);
    expect(redactedValue('redisUrl', 'redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
