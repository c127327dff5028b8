/**
 * BullMQ driver: queues, stage workers and the IngestDriver that spreads the pipeline over them. The only
 * module that imports bullmq; stages reach it only through the pure functions they already export.
 */
export {
  checkRedis,
  describeRedis,
  producerConnection,
  type RedisConnection,
  redisOptions,
  workerConnection,
} from './connection.ts';
export { BullMqDriver, type BullMqDriverOptions, type BullMqItem, type UrlItem } from './driver.ts';
export {
  COUNT_STATES,
  closeQueues,
  countJobs,
  countWorkers,
  enqueue,
  openQueues,
  type QueueCounts,
  retryFailed,
  type StageQueues,
} from './queues.ts';
export { type RunningWorker, type RunWorkerOptions, runWorker } from './run.ts';
export { createStageWorker, type StageWorker, type StageWorkerOptions, startStageWorker } from './worker.ts';
