// Entry of an analysis worker thread: the compiled worker body when the parent runs compiled code (the
// pool says so in workerData), else the TypeScript body through tsx, registered in this thread (workers do
// not inherit the parent's module hooks). The body then listens for documents.
import { workerData } from 'node:worker_threads';

if (workerData?.compiled) await import('./analyze-worker.js');
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./analyze-worker.ts');
}
