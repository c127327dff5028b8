/**
 * A stage worker process for the fault tests (tests/integration/bullmq-faults.test.ts): the real worker
 * wiring (createStageWorker: topology locks, stall detection, reconnecting connection) around a processor
 * that records each start and finish in Redis and can be made slow, so a test can kill it mid-job.
 *
 * Env: REDIS_URL, PREFIX, NAME, JOB_MS (processing time), LOCK_MS, STALLED_MS, CONCURRENCY.
 * Prints "ready" once connected; exits 0 after a graceful close on SIGTERM.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { redisOptions, workerConnection } from '../../src/driver/bullmq/connection.ts';
import { createStageWorker } from '../../src/driver/bullmq/worker.ts';
import { makeTopology } from '../../src/pipeline/topology.ts';

const env = process.env;
const prefix = env.PREFIX!;
const name = env.NAME ?? `w${process.pid}`;
const jobMs = Number(env.JOB_MS ?? 0);
const topology = makeTopology({
  prefix,
  all: {
    lockDuration: Number(env.LOCK_MS ?? 30_000),
    stalledInterval: Number(env.STALLED_MS ?? 30_000),
    maxStalledCount: 3,
  },
});
const recorder = new Redis(redisOptions(env.REDIS_URL!) as RedisOptions);
const key = (what: string) => `${prefix}:record:${what}`;

const worker = createStageWorker(
  topology,
  'analyze',
  async (job) => {
    await recorder.hincrby(key('starts'), job.id!, 1);
    await new Promise((r) => setTimeout(r, jobMs));
    await recorder.hincrby(key('done'), job.id!, 1);
    await recorder.hset(key('by'), job.id!, name);
    return { by: name };
  },
  workerConnection(env.REDIS_URL!),
  { concurrency: Number(env.CONCURRENCY ?? 1), name },
);
worker.on('error', (e) => process.stderr.write(`worker error: ${e.message}\n`));
await worker.waitUntilReady();
process.stdout.write('ready\n');

process.once('SIGTERM', async () => {
  await worker.close();
  await recorder.quit();
  process.exit(0);
});
