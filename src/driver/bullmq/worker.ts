/**
 * Stage workers: a BullMQ Worker on a stage's queue, configured from the topology, plus what its processor
 * needs (the next stage's queue, a Redis client for the per-host throttle, an index batcher). Whoever
 * starts a stage worker closes it; the store is borrowed, never closed here (habit 11).
 */
import { type Processor, Queue, type RedisOptions, Worker } from 'bullmq';
import { type RedisOptions as IORedisOptions, Redis } from 'ioredis';
import type { IncidentService } from '../../incidents/service.ts';
import { AnalyzePool } from '../../pipeline/analyze-pool.ts';
import { queueName, type StageName, type Topology, type TopologyOverrides } from '../../pipeline/topology.ts';
import type { ArticleStore } from '../../store/types.ts';
import { IndexBatcher } from './index-batcher.ts';
import { handOffToIncidents, processors, type StageDeps } from './stages.ts';

export interface WorkerTuning {
  /** Overrides the topology's concurrency for this worker. */
  concurrency?: number;
  /** Shown on jobs this worker processed (`job.processedBy`), for monitoring. */
  name?: string;
  /** Start taking jobs at once (default true). */
  autorun?: boolean;
}

/** A BullMQ Worker for `stage` with the topology's locks, stall detection, limiter and retention. */
export function createStageWorker<R>(
  topology: Topology,
  stage: StageName,
  processor: Processor<unknown, R>,
  connection: RedisOptions,
  tuning: WorkerTuning = {},
): Worker<unknown, R> {
  const policy = topology.stages[stage];
  return new Worker<unknown, R>(queueName(topology, stage), processor, {
    connection,
    concurrency: tuning.concurrency ?? policy.concurrency,
    name: tuning.name,
    autorun: tuning.autorun ?? true,
    lockDuration: policy.lockDuration,
    stalledInterval: policy.stalledInterval,
    maxStalledCount: policy.maxStalledCount,
    removeOnComplete: { ...policy.removeOnComplete },
    // removeOnFail unset: failed jobs are kept (the topology's removeOnFail is always false).
    ...(stage === 'fetch' ? { limiter: { ...topology.stages.fetch.limiter } } : {}),
  });
}

export interface StageWorkerOptions extends WorkerTuning {
  topology: Topology;
  /** Worker connection settings (reconnecting): see `workerConnection`. */
  connection: RedisOptions;
  /** index: the store to write to; incidents: the store to read articles from (borrowed). */
  store?: ArticleStore;
  /** incidents: the grouping service (its incident store is borrowed, not closed here). */
  incidents?: IncidentService;
  /** index: articles per store write when several jobs run at once. */
  batchSize?: number;
  maxBytes: number;
  fetchTimeoutMs: number;
  /** analyze: milliseconds one document's analysis may take (default 10 s). */
  analysisBudgetMs?: number;
  /** analyze: a thread pool to borrow (not closed here) instead of one sized to the concurrency. */
  analysisPool?: AnalyzePool;
  /** fetch: private and loopback targets too (`--allow-private`); default public addresses only. */
  allowPrivate?: boolean;
  /** Called with worker and connection errors (default: ignored; BullMQ reconnects by itself). */
  onError?: (error: Error) => void;
}

export interface StageWorker {
  readonly stage: StageName;
  readonly worker: Worker;
  /** Stop taking jobs, let running ones finish, then release the stage's own clients. */
  close(): Promise<void>;
}

/**
 * Index jobs at once in a worker writing to `store`: a concurrency set in the topology overrides, else the
 * store's own default (one for SQLite's single writer, several sharing bulk requests for Elasticsearch).
 */
export function indexConcurrencyFor(store: ArticleStore, overrides?: TopologyOverrides): number {
  return overrides?.stages?.index?.concurrency ?? overrides?.all?.concurrency ?? store.indexConcurrency;
}

/** Start the worker of one stage. */
export function startStageWorker(stage: StageName, options: StageWorkerOptions): StageWorker {
  const { topology, connection } = options;
  const onError = options.onError ?? (() => {});
  if ((stage === 'index' || stage === 'incidents') && !options.store)
    throw new TypeError(`the ${stage} stage needs a store`);
  if (stage === 'incidents' && !options.incidents)
    throw new TypeError('the incidents stage needs an incident service');
  const concurrency = options.concurrency ?? topology.stages[stage].concurrency;
  const owned: { close(): Promise<unknown> }[] = [];
  const deps: StageDeps = {
    topology,
    next: {},
    maxBytes: options.maxBytes,
    fetchTimeoutMs: options.fetchTimeoutMs,
    allowPrivate: options.allowPrivate,
  };
  const next = topology.stages[stage].next;
  if (next) {
    const q = new Queue(queueName(topology, next), { connection });
    q.on('error', onError);
    deps.next[next] = q;
    owned.push(q);
  }
  if (stage === 'fetch' || stage === 'incidents') {
    const redis = new Redis(connection as IORedisOptions);
    redis.on('error', onError);
    deps.redis = redis;
    owned.push({ close: () => redis.quit().catch(() => redis.disconnect()) });
  }
  if (stage === 'analyze') {
    // One thread per concurrent job, reused across jobs; terminated and replaced past the budget.
    const pool =
      options.analysisPool ?? new AnalyzePool({ size: concurrency, budgetMs: options.analysisBudgetMs });
    deps.analysis = pool;
    if (!options.analysisPool) owned.push(pool);
  }
  if (stage === 'index') {
    deps.store = options.store;
    deps.batcher = new IndexBatcher(options.store!, {
      maxBatch: Math.min(options.batchSize ?? 100, concurrency),
      lingerMs: concurrency > 1 ? 200 : 0,
      onStored: (articles) => handOffToIncidents(deps, articles),
    });
  }
  if (stage === 'incidents') {
    deps.store = options.store;
    deps.incidents = options.incidents;
  }
  const worker = createStageWorker(topology, stage, processors[stage](deps) as Processor, connection, {
    ...options,
    concurrency,
  });
  worker.on('error', onError);
  return {
    stage,
    worker,
    async close() {
      try {
        await worker.close();
      } catch (e) {
        onError(e as Error);
      }
      for (const c of owned.reverse()) {
        try {
          await c.close();
        } catch (e) {
          onError(e as Error);
        }
      }
    },
  };
}
