/** Worker process of the incidents stage: stored article ids → incident records and watch notifications (KHABAR_STORE, KHABAR_DB or ELASTICSEARCH_URL). Usage: REDIS_URL=redis://… node --import tsx workers/incidents.ts */
import { startWorkerProcess } from './start.ts';

await startWorkerProcess('incidents');
