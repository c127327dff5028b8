/** Worker process of the analyze stage: SourceDocument → Article (processDocument), handed to index. Usage: REDIS_URL=redis://… node --import tsx workers/analyze.ts */
import { startWorkerProcess } from './start.ts';

await startWorkerProcess('analyze');
