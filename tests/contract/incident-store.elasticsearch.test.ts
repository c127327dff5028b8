import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { ElasticsearchIncidentStore } from '../../src/store/incidents/es-incident-store.ts';
import { incidentStoreContract } from './incident-store-contract.ts';

const url = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!url) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

incidentStoreContract({
  name: 'Elasticsearch',
  async create() {
    const indexPrefix = `test-incidents-${randomBytes(4).toString('hex')}`;
    const articles = new ElasticsearchStore({ node: url, indexPrefix });
    await articles.init();
    const incidents = new ElasticsearchIncidentStore({ node: url, indexPrefix });
    await incidents.init();
    return { articles, incidents };
  },
  async destroy({ articles, incidents }) {
    await (incidents as ElasticsearchIncidentStore).deleteIndices();
    await (articles as ElasticsearchStore).deleteIndices();
  },
});
