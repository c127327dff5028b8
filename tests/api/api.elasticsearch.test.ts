import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { apiContract } from './api-contract.ts';

const url = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!url) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

apiContract({
  name: 'Elasticsearch',
  kind: 'elasticsearch',
  async create() {
    const store = new ElasticsearchStore({
      node: url,
      indexPrefix: `test-api-${randomBytes(4).toString('hex')}`,
    });
    await store.init();
    return store;
  },
  async destroy(store) {
    await (store as ElasticsearchStore).deleteIndices();
    await store.close();
  },
});
