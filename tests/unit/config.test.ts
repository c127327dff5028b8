import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
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
