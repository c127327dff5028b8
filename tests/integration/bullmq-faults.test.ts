/**
 * Faults with real processes and a real Redis: a worker process killed mid-job, Redis restarted with jobs
 * waiting in it, and two worker processes sharing a queue.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { redisOptions } from '../../src/driver/bullmq/connection.ts';
import { analyzeJobId, encodeDocument } from '../../src/driver/bullmq/payloads.ts';
import { enqueue, jobOptions } from '../../src/driver/bullmq/queues.ts';
import { makeTopology, queueName } from '../../src/pipeline/topology.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { ROOT } from '../helpers/articles.ts';
import { obliterateQueues, tempSqliteStore, testRedisUrl, uniquePrefix, waitFor } from './bullmq-helpers.ts';

const REDIS = testRedisUrl();
const FAULT_WORKER = join(ROOT, 'tests/integration/bullmq-fault-worker.ts');

/** scripts/services.mjs (plain ESM, shared with the test runner): a Redis of our own to restart. */
interface RedisServer {
  url: string;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}
const { startRedis } = (await import(pathToFileURL(join(ROOT, 'scripts/services.mjs')).href)) as {
  startRedis(options: { appendonly?: boolean; dir?: string }): Promise<RedisServer>;
};

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: Child[] = [];

/** `node --import tsx <script>` with extra env; resolves once its output matches `ready`. */
async function startProcess(script: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const child = { proc, output: () => out, exited };
  children.push(child);
  await waitFor(
    `${script} to start (output so far: ${out})`,
    () => ready.test(out) || proc.exitCode !== null,
    30_000,
  );
  if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}: ${out}`);
  return child;
}

function queue(url: string, prefix: string, stage: 'analyze' | 'index' = 'analyze'): Queue {
  const q = new Queue(queueName({ prefix }, stage), {
    connection: { ...redisOptions(url), maxRetriesPerRequest: 1 },
  });
  q.on('error', () => {});
  return q;
}

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await c.exited;
  }
});

describe('BullMQ fault tolerance', () => {
  const prefixes: string[] = [];
  const recorder = new Redis(redisOptions(REDIS) as RedisOptions);
  afterAll(async () => {
    for (const p of prefixes) {
      await obliterateQueues(REDIS, p);
      const keys = await recorder.keys(`${p}:record:*`);
      if (keys.length) await recorder.del(...keys);
    }
    await recorder.quit();
  });

  it('hands a job whose worker process was killed to another worker once its lock lapses', async () => {
    const prefix = uniquePrefix('kill');
    prefixes.push(prefix);
    const base = { REDIS_URL: REDIS, PREFIX: prefix, LOCK_MS: '1000', STALLED_MS: '300' };
    const slow = await startProcess(FAULT_WORKER, { ...base, NAME: 'slow', JOB_MS: '60000' }, /ready/);
    const q = queue(REDIS, prefix);
    const topology = makeTopology({ prefix });
    await q.add('analyze', { n: 1 }, jobOptions(topology.stages.analyze, 'job-1'));
    await waitFor(
      'the slow worker to start the job',
      async () => (await recorder.hget(`${prefix}:record:starts`, 'job-1')) === '1',
    );
    expect(await q.getJobState('job-1')).toBe('active');

    slow.proc.kill('SIGKILL');
    expect(await slow.exited).toBe(null);
    await startProcess(FAULT_WORKER, { ...base, NAME: 'rescuer', JOB_MS: '10' }, /ready/);
    await waitFor(
      'the job to complete on the other worker',
      async () => (await q.getJobState('job-1')) === 'completed',
      20_000,
    );

    const job = (await q.getJob('job-1'))!;
    expect(job.returnvalue).toEqual({ by: 'rescuer' });
    expect(await recorder.hget(`${prefix}:record:starts`, 'job-1')).toBe('2');
    expect(await recorder.hget(`${prefix}:record:done`, 'job-1')).toBe('1');
    expect(await q.getJobCounts('completed', 'failed', 'active', 'waiting')).toEqual({
      completed: 1,
      failed: 0,
      active: 0,
      waiting: 0,
    });
    await q.close();
  });

  it('processes every job exactly once with two worker processes on one queue', async () => {
    const prefix = uniquePrefix('pair');
    prefixes.push(prefix);
    const base = { REDIS_URL: REDIS, PREFIX: prefix, JOB_MS: '10', CONCURRENCY: '4' };
    const workers = await Promise.all([
      startProcess(FAULT_WORKER, { ...base, NAME: 'one' }, /ready/),
      startProcess(FAULT_WORKER, { ...base, NAME: 'two' }, /ready/),
    ]);
    const q = queue(REDIS, prefix);
    const policy = makeTopology({ prefix }).stages.analyze;
    const ids = Array.from({ length: 200 }, (_, i) => `job-${i}`);
    await q.addBulk(ids.map((id, i) => ({ name: 'analyze', data: { n: i }, opts: jobOptions(policy, id) })));
    await waitFor('200 jobs to complete', async () => (await q.getCompletedCount()) === 200, 30_000);

    const done = await recorder.hgetall(`${prefix}:record:done`);
    const starts = await recorder.hgetall(`${prefix}:record:starts`);
    expect(Object.keys(done).sort()).toEqual([...ids].sort());
    expect(Object.values(done).every((n) => n === '1')).toBe(true);
    expect(Object.values(starts).every((n) => n === '1')).toBe(true);
    const by = Object.values(await recorder.hgetall(`${prefix}:record:by`));
    const one = by.filter((b) => b === 'one').length;
    const two = by.filter((b) => b === 'two').length;
    expect(one + two).toBe(200);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
    expect(await q.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed')).toEqual({
      completed: 200,
      failed: 0,
      active: 0,
      waiting: 0,
      delayed: 0,
    });
    await q.close();
    for (const w of workers) w.proc.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  });

  it('keeps waiting jobs across a Redis restart (append-only file) and the real workers then finish them', async () => {
    const redis = await startRedis({ appendonly: true });
    const temp = await tempSqliteStore('restart');
    await temp.store.close();
    const prefix = uniquePrefix('restart');
    try {
      const topology = makeTopology({ prefix });
      const N = 20;
      let q = queue(redis.url, prefix);
      for (let i = 0; i < N; i++) {
        const payload = encodeDocument({
          source: `restart-${i}.txt`,
          format: 'text',
          content:
            `Water supply restored in ward ${i} of Delhi after a three-day outage, officials said.\n\n` +
            `Residents of ward ${i} had complained about dry taps since Saturday. The Delhi Jal Board said a pipeline burst near the pumping station caused the outage.\n\n` +
            `Repairs in ward ${i} were completed on Tuesday night and supply resumed on Wednesday morning.`,
        });
        await enqueue(q, 'analyze', topology.stages.analyze, analyzeJobId(payload), payload);
      }
      expect(await q.getWaitingCount()).toBe(N);
      await q.close();

      await redis.restart();

      q = queue(redis.url, prefix);
      expect(await q.getWaitingCount()).toBe(N);
      const env = {
        REDIS_URL: redis.url,
        KHABAR_QUEUE_PREFIX: prefix,
        KHABAR_STORE: 'embedded',
        KHABAR_DB: temp.path,
      };
      const workers = await Promise.all([
        startProcess(join(ROOT, 'workers/analyze.ts'), env, /taking .* jobs/),
        startProcess(join(ROOT, 'workers/index.ts'), env, /taking .* jobs/),
      ]);
      const index = queue(redis.url, prefix, 'index');
      await waitFor(`${N} articles indexed`, async () => (await index.getCompletedCount()) === N, 40_000);
      expect(await q.getJobCounts('completed', 'failed')).toEqual({ completed: N, failed: 0 });
      expect(await index.getJobCounts('completed', 'failed')).toEqual({ completed: N, failed: 0 });
      await index.close();
      await q.close();

      // Graceful stop: SIGTERM → exit 0 after closing connections and the store.
      for (const w of workers) w.proc.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
      for (const w of workers) expect(w.output()).toMatch(/SIGTERM: finishing running jobs[\s\S]*stopped/);

      const store = new SqliteStore(temp.path);
      await store.init();
      expect(await store.count()).toBe(N);
      await store.close();
    } finally {
      await redis.destroy();
      await temp.destroy();
    }
  });

  it('worker entrypoints refuse to start without REDIS_URL, with a clear message', async () => {
    const env = { ...process.env, REDIS_URL: '', KHABAR_REDIS_URL: '' };
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'workers/fetch.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/REDIS_URL is not set/);
  });
});
