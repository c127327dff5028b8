import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { storeContract } from './store-contract.ts';

const url = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!url) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

storeContract({
  name: 'Elasticsearch',
  async create() {
    const store = new ElasticsearchStore({
      node: url,
      indexPrefix: `test-contract-${randomBytes(4).toString('hex')}`,
    });
    await store.init();
    return store;
  },
  async destroy(store) {
    await (store as ElasticsearchStore).deleteIndices();
  },
});
