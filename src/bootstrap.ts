/**
 * Composition root: configuration → clients → store → driver. The only module that picks
 * implementations; whoever calls `open…` owns what it returns and closes it.
 */
import type { KhabarConfig } from './core/config.ts';
import type { IngestDriver } from './driver/types.ts';
import type { ElasticsearchStoreOptions } from './store/elasticsearch/client.ts';
import type { IncidentStore } from './store/incidents/types.ts';
import type { ArticleStore } from './store/types.ts';

/** Connection options for Elasticsearch, shared by the article and incident stores. */
function elasticsearchOptions(config: KhabarConfig): ElasticsearchStoreOptions {
  return {
    node: config.elasticsearchUrl!,
    indexPrefix: config.elasticsearchIndexPrefix,
    auth: {
      apiKey: config.elasticsearchApiKey,
      username: config.elasticsearchUsername,
      password: config.elasticsearchPassword,
    },
    tls: { caFile: config.elasticsearchCaFile, rejectUnauthorized: config.elasticsearchTlsVerify },
  };
}

export async function openStore(config: KhabarConfig): Promise<ArticleStore> {
  let store: ArticleStore;
  // Implementations load on first use: `khabar --help` should not pay for NLP models or clients.
  if (config.store === 'embedded') {
    const { SqliteStore } = await import('./store/embedded/sqlite-store.ts');
    store = new SqliteStore(config.dbPath);
  } else {
    const { ElasticsearchStore } = await import('./store/elasticsearch/es-store.ts');
    store = new ElasticsearchStore(elasticsearchOptions(config));
  }
  await store.init();
  return store;
}

/** The incident store beside the configured article store: the same SQLite file, or the same cluster. */
export async function openIncidentStore(config: KhabarConfig): Promise<IncidentStore> {
  let store: IncidentStore;
  if (config.store === 'embedded') {
    const { SqliteIncidentStore } = await import('./store/incidents/sqlite-incident-store.ts');
    store = new SqliteIncidentStore(config.dbPath);
  } else {
    const { ElasticsearchIncidentStore } = await import('./store/incidents/es-incident-store.ts');
    store = new ElasticsearchIncidentStore(elasticsearchOptions(config));
  }
  await store.init();
  return store;
}

/**
 * The driver named by the configuration. With `bullmq` the documents go through the queues and are
 * processed by `khabar worker` processes (which write to their own store connection); `store` is then
 * not used here.
 */
export async function openDriver(config: KhabarConfig, store: ArticleStore): Promise<IngestDriver> {
  if (config.driver === 'bullmq') {
    const { BullMqDriver } = await import('./driver/bullmq/index.ts');
    return new BullMqDriver({
      connection: config.redisUrl!,
      prefix: config.queuePrefix,
      maxBytes: config.maxBytes,
      fetchTimeoutMs: config.fetchTimeoutMs,
      batchSize: config.batchSize,
      analysisBudgetMs: config.analysisBudgetMs,
      allowPrivate: config.allowPrivate,
    });
  }
  const { InProcessDriver } = await import('./driver/in-process.ts');
  return new InProcessDriver(store, {
    batchSize: config.batchSize,
    maxBytes: config.maxBytes,
    analysisBudgetMs: config.analysisBudgetMs,
  });
}
