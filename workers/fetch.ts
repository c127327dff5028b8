/** Worker process of the fetch stage: URL → SourceDocument (per-host throttled), handed to analyze. Usage: REDIS_URL=redis://… node --import tsx workers/fetch.ts */
import { startWorkerProcess } from './start.ts';

await startWorkerProcess('fetch');
