/**
 * Shared start-up of the worker entrypoints (workers/fetch.ts, analyze.ts, index.ts): read and validate
 * the environment, run the stage until SIGTERM/SIGINT, exit 0 after a graceful stop, 2 on bad
 * configuration, 1 on other start-up errors.
 *
 * Environment: REDIS_URL (required), KHABAR_QUEUE_PREFIX (default khabar), KHABAR_WORKER_CONCURRENCY
 * (default from the topology), and for the index stage KHABAR_STORE, KHABAR_DB, ELASTICSEARCH_URL.
 */
import { openStore } from '../src/bootstrap.ts';
import { loadConfig } from '../src/core/config.ts';
import { ConfigError, describeError } from '../src/core/errors.ts';
import { runWorker } from '../src/driver/bullmq/run.ts';
import type { StageName } from '../src/pipeline/topology.ts';

type Env = Record<string, string | undefined>;

export function workerEnv(env: Env): { prefix?: string; concurrency?: number } {
  const prefix = env.KHABAR_QUEUE_PREFIX || undefined;
  if (prefix !== undefined && !/^[A-Za-z0-9_.-]+$/.test(prefix)) {
    throw new ConfigError(
      'bad-config',
      `KHABAR_QUEUE_PREFIX may only contain letters, digits, "_", "." and "-", got "${prefix}"`,
    );
  }
  const raw = env.KHABAR_WORKER_CONCURRENCY;
  let concurrency: number | undefined;
  if (raw !== undefined && raw !== '') {
    concurrency = Number(raw);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ConfigError('bad-config', `KHABAR_WORKER_CONCURRENCY must be an integer ≥ 1, got "${raw}"`);
    }
  }
  return { prefix, concurrency };
}

export async function startWorkerProcess(stage: StageName, env: Env = process.env): Promise<void> {
  try {
    const config = loadConfig(env);
    const running = await runWorker({ stage, config, openStore, ...workerEnv(env) });
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
