/**
 * A stage worker as a long-running process: validate the configuration, open what the stage needs, take
 * jobs until SIGTERM/SIGINT, then shut down in order (habit 11): stop taking jobs and let running ones
 * finish, close the stage's queues, then the stores, each step on its own so one failure does not skip
 * the rest. Shared by `workers/*.ts` and `khabar worker`; reads no environment (callers pass config).
 */
import type { KhabarConfig } from '../../core/config.ts';
import { ConfigError, describeError } from '../../core/errors.ts';
import { IncidentService } from '../../incidents/service.ts';
import { makeTopology, type StageName, type TopologyOverrides } from '../../pipeline/topology.ts';
import { watchRedisMemory } from '../../redis/memory.ts';
import type { IncidentStore } from '../../store/incidents/types.ts';
import type { ArticleStore } from '../../store/types.ts';
import { checkRedis, describeRedis, redisOptions, workerConnection } from './connection.ts';
import type { IncidentsResult, IndexResult } from './payloads.ts';
import { indexConcurrencyFor, startStageWorker } from './worker.ts';

export interface RunWorkerOptions {
  stage: StageName;
  config: KhabarConfig;
  /** Opens the store for the index and incidents stages (the composition root's `openStore`); the runner closes it. */
  openStore: (config: KhabarConfig) => Promise<ArticleStore>;
  /** Opens the incident store for the incidents stage (`openIncidentStore`); the runner closes it. */
  openIncidentStore?: (config: KhabarConfig) => Promise<IncidentStore>;
  prefix?: string;
  concurrency?: number;
  topology?: TopologyOverrides;
  /** Worker name shown on processed jobs. Default `<stage>-<host pid>`. */
  name?: string;
  log?: (line: string) => void;
  /** Install SIGTERM/SIGINT handlers (default true). */
  handleSignals?: boolean;
}

export interface RunningWorker {
  /** Graceful stop; resolves when everything is closed. Idempotent. */
  stop(reason?: string): Promise<void>;
  /** Resolves when the worker has stopped. */
  readonly stopped: Promise<void>;
}

/** Throws ConfigError with a readable message when the stage cannot run with this configuration. */
export function validateWorkerConfig(
  options: Pick<RunWorkerOptions, 'stage' | 'config' | 'concurrency'>,
): string {
  const { config, concurrency } = options;
  if (!config.redisUrl) {
    throw new ConfigError(
      'bad-config',
      'REDIS_URL is not set: queue workers need Redis (e.g. REDIS_URL=redis://localhost:6379)',
    );
  }
  redisOptions(config.redisUrl);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new ConfigError('bad-config', `worker concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  return config.redisUrl;
}

export async function runWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const { stage, config } = options;
  const log =
    options.log ??
    ((line: string) => process.stderr.write(`${new Date().toISOString()} [${stage}] ${line}\n`));
  const redisUrl = validateWorkerConfig(options);
  const topology = makeTopology({ ...options.topology, prefix: options.prefix ?? options.topology?.prefix });
  await checkRedis(redisUrl).catch((e: Error) => log(`${e.message}; retrying until it answers`));
  if (stage === 'incidents' && !options.openIncidentStore)
    throw new ConfigError('bad-config', 'the incidents stage needs an incident store');
  const store = stage === 'index' || stage === 'incidents' ? await options.openStore(config) : undefined;
  const incidentStore =
    stage === 'incidents'
      ? await options.openIncidentStore!(config).catch(async (e: unknown) => {
          await store?.close().catch(() => {});
          throw e;
        })
      : undefined;
  let concurrency =
    options.concurrency ??
    (store && stage === 'index'
      ? indexConcurrencyFor(store, options.topology)
      : topology.stages[stage].concurrency);
  if (stage === 'index' && store && concurrency > store.indexConcurrency && config.store === 'embedded') {
    log(`the embedded store has one writer: index concurrency ${concurrency} → ${store.indexConcurrency}`);
    concurrency = store.indexConcurrency;
  }
  const handle = startStageWorker(stage, {
    topology,
    connection: workerConnection(redisUrl),
    store,
    incidents: incidentStore && new IncidentService(incidentStore, { feedDir: config.feedsDir }),
    batchSize: config.batchSize,
    maxBytes: config.maxBytes,
    fetchTimeoutMs: config.fetchTimeoutMs,
    analysisBudgetMs: config.analysisBudgetMs,
    allowPrivate: config.allowPrivate,
    concurrency,
    name: options.name ?? `${stage}-${process.pid}`,
    onError: (e) => log(`error: ${describeError(e)}`),
  });
  handle.worker.on('failed', (job, err) => {
    if (job && (job.finishedOn || err.name === 'UnrecoverableError'))
      log(`failed ${job.id} ${job.data?.source ?? ''}: ${err.message}`);
  });
  if (stage === 'index') {
    handle.worker.on('completed', (job, result) => {
      const r = result as IndexResult;
      log(`${r.status} ${r.id} ${job.data?.source ?? ''}`);
    });
  }
  if (stage === 'incidents') {
    handle.worker.on('completed', (job, result) => {
      const r = result as IncidentsResult;
      log(
        `grouped ${r.articles} articles (${job.id}): ${r.incidents.length} incidents, ${r.notifications} notifications`,
      );
    });
  }
  const where = store
    ? `, store ${config.store === 'embedded' ? config.dbPath : config.elasticsearchUrl}`
    : '';
  log(
    `taking ${topology.prefix}-${stage} jobs from ${describeRedis(redisUrl)} (concurrency ${concurrency}${where})`,
  );
  // Warns in this log before Redis (noeviction, as BullMQ needs) fills up and refuses writes.
  const memory = watchRedisMemory(redisOptions(redisUrl), log);

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting for running jobs`);
      process.exit(130);
    }
    void stop(signal);
  };
  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      log(`${reason}: finishing running jobs, then closing`);
      await handle.close();
      await memory.stop();
      if (incidentStore) {
        try {
          await incidentStore.close();
        } catch (e) {
          log(`closing the incident store failed: ${describeError(e)}`);
        }
      }
      if (store) {
        try {
          await store.close();
        } catch (e) {
          log(`closing the store failed: ${describeError(e)}`);
        }
      }
      if (options.handleSignals !== false) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      log('stopped');
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { stop, stopped };
}
