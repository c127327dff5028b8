/**
 * The per-document analysis budget in both drivers, through real worker threads (a test hook makes the
 * analysis of one marked document spin, so the real budget and termination path run): the stuck document
 * ends rejected / in BullMQ's failed set as the permanent `analysis-timeout`, the others are stored.
 * BullMQ runs against the test Redis (started by `npm test`).
 */
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { workerConnection } from '../../src/driver/bullmq/connection.ts';
import { analyzeJobId, encodeDocument } from '../../src/driver/bullmq/payloads.ts';
import { enqueue } from '../../src/driver/bullmq/queues.ts';
import { startStageWorker } from '../../src/driver/bullmq/worker.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import { AnalyzePool } from '../../src/pipeline/analyze-pool.ts';
import type { SourceDocument } from '../../src/pipeline/document.ts';
import { makeTopology, queueName } from '../../src/pipeline/topology.ts';
import type { SourceItem } from '../../src/sources/files.ts';
import { obliterateQueues, tempSqliteStore, testRedisUrl, uniquePrefix } from './bullmq-helpers.ts';

const LOOP = 'khabar-test-spin-forever';
const examples = new URL('../../examples/', import.meta.url);
const good: SourceDocument[] = [
  'hi-khabarlok-aiims-server-down.html',
  'en-indiawire-aiims-ehospital-restored.html',
].map((f) => ({ source: f, content: readFileSync(new URL(f, examples)), format: 'html' }));
const stuck: SourceDocument = { source: 'stuck.html', content: `<p>${LOOP}</p>`, format: 'html' };

async function* from(docs: SourceDocument[]): AsyncGenerator<SourceItem> {
  for (const doc of docs) yield { doc } as SourceItem;
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('analysis time budget', () => {
  const pool = new AnalyzePool({ size: 2, budgetMs: 2000, loopMarker: LOOP });
  afterAll(() => pool.close());

  it('in-process: the stuck document is rejected as analysis-timeout, the others stored', async () => {
    const t = await tempSqliteStore('budget');
    const driver = new InProcessDriver(t.store, { analysisPool: pool, concurrency: 2 });
    try {
      const summary = await driver.ingest(from([good[0]!, stuck, good[1]!]));
      expect(summary.counts).toMatchObject({ created: 2, rejected: 1, failed: 0 });
      expect(summary.problems).toEqual([
        expect.objectContaining({
          source: 'stuck.html',
          error: expect.objectContaining({ code: 'analysis-timeout' }),
        }),
      ]);
    } finally {
      await driver.close();
      await t.destroy();
    }
  });

  it('BullMQ: the stuck job fails at once with analysis-timeout, kept in the failed set', async () => {
    const redis = testRedisUrl();
    const prefix = uniquePrefix('budget');
    const topology = makeTopology({ prefix });
    const connection = workerConnection(redis);
    const analyze = new Queue(queueName(topology, 'analyze'), { connection });
    const index = new Queue(queueName(topology, 'index'), { connection });
    const worker = startStageWorker('analyze', {
      topology,
      connection,
      concurrency: 2,
      maxBytes: 32 * 1024 * 1024,
      fetchTimeoutMs: 5000,
      analysisPool: pool,
    });
    try {
      for (const doc of [stuck, ...good]) {
        const payload = { ...encodeDocument(doc), origin: 'test' };
        await enqueue(analyze, 'analyze', topology.stages.analyze, analyzeJobId(payload), payload);
      }
      await until(async () => {
        const c = await analyze.getJobCounts('completed', 'failed');
        return c.completed + c.failed === 3;
      });
      expect(await analyze.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 1 });
      const [failed] = await analyze.getFailed();
      expect(failed!.data.source).toBe('stuck.html');
      expect(failed!.failedReason).toMatch(/^analysis-timeout: analysis took longer than the 2000 ms budget/);
      expect(failed!.attemptsMade).toBe(1); // permanent: not retried
      expect(await index.getJobCounts('waiting')).toEqual({ waiting: 2 });
    } finally {
      await worker.close();
      await analyze.close();
      await index.close();
      await obliterateQueues(redis, prefix);
    }
  });
});
