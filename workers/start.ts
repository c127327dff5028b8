/**
 * Shared start-up of the worker entrypoints (workers/fetch.ts, analyze.ts, index.ts, incidents.ts): load and validate
 * the configuration (src/core/config.ts: the environment is read there), run the stage until
 * SIGTERM/SIGINT, exit 0 after a graceful stop, 2 on bad configuration, 1 on other start-up errors.
 *
 * Settings used: KHABAR_REDIS_URL or REDIS_URL (required), KHABAR_QUEUE_PREFIX (default khabar),
 * KHABAR_WORKER_CONCURRENCY (default from the topology), KHABAR_ANALYSIS_BUDGET_MS (analyze),
 * KHABAR_ALLOW_PRIVATE (fetch), and for the index and incidents stages KHABAR_STORE, KHABAR_DB, KHABAR_ELASTICSEARCH_URL
 * (incidents also KHABAR_FEEDS_DIR).
 * `khabar config` prints them all.
 */
import { openIncidentStore, openStore } from '../src/bootstrap.ts';
import { type Env, type KhabarConfig, loadConfig } from '../src/core/config.ts';
import { ConfigError, describeError } from '../src/core/errors.ts';
import { runWorker } from '../src/driver/bullmq/run.ts';
import type { StageName } from '../src/pipeline/topology.ts';

/** The worker's queue settings, from the validated configuration. */
export function workerSettings(config: KhabarConfig): { prefix: string; concurrency?: number } {
  return { prefix: config.queuePrefix, concurrency: config.workerConcurrency };
}

/** Run one stage's worker until it is stopped; `env` defaults to the process environment. */
export async function startWorkerProcess(stage: StageName, env?: Env): Promise<void> {
  try {
    const config = loadConfig(env);
    const running = await runWorker({
      stage,
      config,
      openStore,
      openIncidentStore,
      ...workerSettings(config),
    });
    await running.stopped;
    process.exitCode = 0;
    // Every client is closed by now and the process exits by itself; this only guards against a
    // straggling handle keeping a stopped worker alive.
    setTimeout(() => process.exit(), 3000).unref();
  } catch (e) {
    process.stderr.write(`khabar ${stage} worker: ${describeError(e)}\n`);
    process.exit(e instanceof ConfigError ? 2 : 1);
  }
}
