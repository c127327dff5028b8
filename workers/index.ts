/** Worker process of the index stage: Article → the store (KHABAR_STORE, KHABAR_DB or ELASTICSEARCH_URL). Usage: REDIS_URL=redis://… node --import tsx workers/index.ts */
import { startWorkerProcess } from './start.ts';

await startWorkerProcess('index');
