/**
 * Composition root: configuration → clients → store → driver. The only module that picks
 * implementations; whoever calls `open…` owns what it returns and closes it.
 */
import type { KhabarConfig } from './core/config.ts';
import { ConfigError } from './core/errors.ts';
import { InProcessDriver } from './driver/in-process.ts';
import type { IngestDriver } from './driver/types.ts';
import { SqliteStore } from './store/embedded/sqlite-store.ts';
import type { ArticleStore } from './store/types.ts';

export async function openStore(config: KhabarConfig): Promise<ArticleStore> {
  let store: ArticleStore;
  if (config.store === 'embedded') store = new SqliteStore(config.dbPath);
  else {
    const { ElasticsearchStore } = await import('./store/elasticsearch/es-store.ts').catch(() => {
      throw new ConfigError('no-elasticsearch', 'this build has no Elasticsearch store');
    });
    store = new ElasticsearchStore({
      node: config.elasticsearchUrl!,
      indexPrefix: config.elasticsearchIndexPrefix,
      auth: {
        apiKey: config.elasticsearchApiKey,
        username: config.elasticsearchUsername,
        password: config.elasticsearchPassword,
      },
      tls: { caFile: config.elasticsearchCaFile, rejectUnauthorized: config.elasticsearchTlsVerify },
    });
  }
  await store.init();
  return store;
}

export function openDriver(config: KhabarConfig, store: ArticleStore): IngestDriver {
  return new InProcessDriver(store, { batchSize: config.batchSize, maxBytes: config.maxBytes });
}
