/**
 * Worker processes take their settings from the environment like every other command: a `khabar worker`
 * started with KHABAR_ANALYSIS_BUDGET_MS stops an analysis at that budget, and a fetch worker reaches a
 * loopback site only with KHABAR_ALLOW_PRIVATE. Real processes on the test Redis (started by `npm test`)
 * and a page server on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../../src/driver/bullmq/connection.ts';
import { analyzeJobId, encodeDocument, fetchJobId } from '../../src/driver/bullmq/payloads.ts';
import { enqueue } from '../../src/driver/bullmq/queues.ts';
import { makeTopology, queueName, type StageName } from '../../src/pipeline/topology.ts';
import { ROOT } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';
import { obliterateQueues, testRedisUrl, uniquePrefix, waitFor } from './bullmq-helpers.ts';

const REDIS = testRedisUrl();
const dir = mkdtempSync(join(tmpdir(), 'khabar-worker-config-'));
// About 3 MB of prose: its analysis runs for seconds, far past a 100 ms budget (the default is 10 s, and
// the failure message names the budget that stopped it).
const SENTENCE =
  'The district collector told reporters in Lucknow that relief camps would stay open, and Dr Meera Rao of AIIMS said the hospital had enough beds; ';
const LONG_TEXT = SENTENCE.repeat(20_000);
const children: ChildProcess[] = [];
const queues: Queue[] = [];
const prefixes: string[] = [];
let site: Server;
let siteUrl: string;

/** A worker process as an operator starts it: `khabar worker` or a `workers/<stage>.ts` entry point. */
function startWorker(how: 'cli' | 'entry', stage: StageName, env: Record<string, string>): void {
  const args =
    how === 'cli'
      ? [join(ROOT, 'bin/khabar.mjs'), 'worker', '--stage', stage]
      : ['--import', 'tsx', join(ROOT, `workers/${stage}.ts`)];
  children.push(
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, KHABAR_REDIS_URL: REDIS, ...env },
      stdio: 'ignore',
    }),
  );
}

function queue(prefix: string, stage: StageName): Queue {
  const q = new Queue(queueName({ prefix }, stage), { connection: redisOptions(REDIS) });
  q.on('error', () => {});
  queues.push(q);
  return q;
}

/**
 * The job once it has finished one way or the other (the worker may still be starting). `finishedOn` is
 * written by the same Redis script as the result or failure, so the job read here is complete.
 */
async function settled(q: Queue, id: string): Promise<Job> {
  let job: Job | undefined;
  await waitFor(
    `job ${id} on ${q.name} to finish`,
    async () => {
      job = await q.getJob(id);
      return Boolean(job?.finishedOn);
    },
    60_000,
    100,
  );
  return job!;
}

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<html lang="en"><head><title>Intranet notice</title></head><body><article><p>The canteen on the second floor is closed for repairs until Monday, the facilities team said.</p></article></body></html>',
    );
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(
    children.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null || w.signalCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
  await Promise.all(queues.map((q) => q.close()));
  for (const p of prefixes) await obliterateQueues(REDIS, p);
  await new Promise((r) => site.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('worker processes configured from the environment', () => {
  it('khabar worker --stage analyze stops an analysis at KHABAR_ANALYSIS_BUDGET_MS', async () => {
    const prefix = uniquePrefix('budget-env');
    prefixes.push(prefix);
    startWorker('cli', 'analyze', { KHABAR_QUEUE_PREFIX: prefix, KHABAR_ANALYSIS_BUDGET_MS: '100' });
    const doc = { source: 'long.txt', content: LONG_TEXT, format: 'text' as const };
    const payload = { ...encodeDocument(doc), origin: 'test' };
    const analyze = queue(prefix, 'analyze');
    const topology = makeTopology({ prefix });
    const id = analyzeJobId(payload);
    await enqueue(analyze, 'analyze', topology.stages.analyze, id, payload);
    const job = await settled(analyze, id);
    expect(job.failedReason).toMatch(/^analysis-timeout: analysis took longer than the 100 ms budget/);
    expect(job.attemptsMade).toBe(1);
  }, 90_000);

  it('khabar ingest (in-process driver) rejects a document past KHABAR_ANALYSIS_BUDGET_MS', async () => {
    const file = join(dir, 'long.txt');
    writeFileSync(file, LONG_TEXT);
    const r = await runCli(['ingest', file, '--json', '--db', join(dir, 'ingest.db')], {
      env: { KHABAR_ANALYSIS_BUDGET_MS: '100' },
    });
    const summary = JSON.parse(r.stdout);
    expect(summary.counts).toMatchObject({ created: 0, rejected: 1, failed: 0 });
    expect(summary.problems[0].error.message).toMatch(/took longer than the 100 ms budget/);
  }, 90_000);

  it('a fetch worker reaches a loopback site only with KHABAR_ALLOW_PRIVATE', async () => {
    const open = uniquePrefix('private-on');
    const closed = uniquePrefix('private-off');
    prefixes.push(open, closed);
    startWorker('entry', 'fetch', { KHABAR_QUEUE_PREFIX: open, KHABAR_ALLOW_PRIVATE: '1' });
    startWorker('cli', 'fetch', { KHABAR_QUEUE_PREFIX: closed, KHABAR_ALLOW_PRIVATE: 'false' });
    const url = `${siteUrl}/notice`;
    const id = fetchJobId(url);
    const results: Job[] = [];
    for (const prefix of [open, closed]) {
      const fetch = queue(prefix, 'fetch');
      await enqueue(fetch, 'fetch', makeTopology({ prefix }).stages.fetch, id, { source: url, url });
      results.push(await settled(fetch, id));
    }
    const [allowed, refused] = results as [Job, Job];
    expect(allowed.failedReason).toBeUndefined();
    expect(await queue(open, 'analyze').getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect(refused.failedReason).toMatch(
      /^unsafe-address: refused http:\/\/127\.0\.0\.1:\d+\/notice: .*--allow-private/,
    );
    expect(await queue(closed, 'analyze').getJobCounts('waiting')).toEqual({ waiting: 0 });
  }, 90_000);
});
