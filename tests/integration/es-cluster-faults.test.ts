/**
 * Elasticsearch under the distributed pipeline, with real servers: a two-node cluster fed by two worker
 * processes per stage, and a single node stopped in the middle of a 1,000-article batch and started
 * again. Counts are checked: every article indexed exactly once, nothing lost, nothing twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { startElasticsearch } from '../../scripts/services.mjs';
import { redisOptions } from '../../src/driver/bullmq/connection.ts';
import { BullMqDriver } from '../../src/driver/bullmq/index.ts';
import { countWorkers } from '../../src/driver/bullmq/queues.ts';
import type { SourceItem } from '../../src/sources/files.ts';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { ROOT } from '../helpers/articles.ts';
import { obliterateQueues, testRedisUrl, uniquePrefix, waitFor } from './bullmq-helpers.ts';

const REDIS = testRedisUrl();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const PLACES = ['दिल्ली', 'मुंबई', 'पटना', 'जयपुर', 'लखनऊ', 'भोपाल', 'रांची', 'शिमला'];

/** Unique small Hindi reports, as plain-text documents with their own URLs; `pauseMs` spaces them out. */
async function* reports(n: number, tag: string, pauseMs = 0): AsyncGenerator<SourceItem> {
  for (let i = 0; i < n; i++) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    const place = PLACES[i % PLACES.length];
    const text = `${place} में बिजली आपूर्ति बाधित, रिपोर्ट ${tag}-${i}\n\n${place} के कई इलाकों में मंगलवार को बिजली आपूर्ति ${(i % 9) + 2} घंटे तक बाधित रही, जिससे लोगों को परेशानी हुई. बिजली विभाग ने कहा कि खराबी ठीक कर दी गई है और जांच के आदेश दिए गए हैं. यह रिपोर्ट संख्या ${i} है.`;
    yield {
      doc: {
        source: `${tag}-${i}`,
        content: text,
        format: 'text',
        url: `https://news.example.in/${tag}/${i}`,
      },
    };
  }
}

/** Every worker spawned, with the end of what it wrote to stderr: said when workers fail to attach. */
const spawned: { stage: string; child: ChildProcess; stderr: string }[] = [];

function spawnWorker(stage: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin/khabar.mjs'), 'worker', '--stage', stage], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const entry = { stage, child, stderr: '' };
  spawned.push(entry);
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    entry.stderr = (entry.stderr + d).slice(-2000);
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  return child;
}

describe('Elasticsearch with the BullMQ pipeline', () => {
  it('two-node cluster, two worker processes per stage: work is shared, each article indexed once', async () => {
    const es = await startElasticsearch({ nodes: 2 });
    cleanups.push(() => es.destroy());
    const prefix = uniquePrefix('cluster');
    const indexPrefix = prefix.toLowerCase();
    cleanups.push(() => obliterateQueues(REDIS, prefix));
    const env = {
      REDIS_URL: REDIS,
      KHABAR_QUEUE_PREFIX: prefix,
      KHABAR_STORE: 'elasticsearch',
      ELASTICSEARCH_URL: es.urls[0]!,
      KHABAR_ES_INDEX_PREFIX: indexPrefix,
    };
    for (const stage of ['analyze', 'analyze', 'index', 'index']) spawnWorker(stage, env);
    // Both processes of a stage attached before work arrives: otherwise the first one up (on a loaded
    // machine seconds ahead of the other) may take every job, and sharing is not what was tested.
    for (const stage of ['analyze', 'index'] as const) {
      const q = new Queue(`${prefix}-${stage}`, { connection: redisOptions(REDIS) });
      await waitFor(
        `two ${stage} workers attached`,
        async () => (await countWorkers(q)) >= 2,
        120_000,
        200,
      ).catch((e: Error) => {
        // Which worker is missing, and why: one that exited says so on stderr.
        const workers = spawned.map(
          (w) =>
            `${w.stage} pid ${w.child.pid} exit ${w.child.exitCode ?? 'running'}: ${w.stderr.trim().slice(-500)}`,
        );
        throw new Error(`${e.message}\n${workers.join('\n')}`);
      });
      await q.close();
    }

    const driver = new BullMqDriver({ connection: REDIS, prefix });
    const summary = await driver.ingest(reports(200, 'cluster'));
    await driver.close();
    expect(summary.counts).toMatchObject({ created: 200, updated: 0, unchanged: 0, rejected: 0, failed: 0 });

    // Read back through the other node: the cluster holds every article once.
    const reader = new ElasticsearchStore({ node: es.urls[1]!, indexPrefix });
    cleanups.push(() => reader.close());
    await reader.refresh();
    expect(await reader.count()).toBe(200);
    const ids = new Set<string>();
    for await (const a of reader.export()) ids.add(a.id);
    expect(ids.size).toBe(200);

    for (const stage of ['analyze', 'index'] as const) {
      const q = new Queue(`${prefix}-${stage}`, { connection: redisOptions(REDIS) });
      const done = await q.getCompleted(0, -1);
      expect(done.length).toBe(200);
      const by = new Set(done.map((j) => j.processedBy));
      expect(by.size, `${stage} jobs were shared by both workers`).toBe(2);
      expect(await q.getFailedCount()).toBe(0);
      await q.close();
    }
  }, 400_000);

  it('Elasticsearch stopped during a batch of 1,000 and started again: every article indexed exactly once', async () => {
    const es = await startElasticsearch({ nodes: 1 });
    cleanups.push(() => es.destroy());
    const prefix = uniquePrefix('esdown');
    cleanups.push(() => obliterateQueues(REDIS, prefix));
    const store = new ElasticsearchStore({ node: es.url, indexPrefix: prefix.toLowerCase() });
    cleanups.push(() => store.close());
    await store.init();
    // Enough patience for a restart: 12 tries with exponential backoff from 0.5 s.
    const driver = new BullMqDriver({
      connection: REDIS,
      prefix,
      store,
      topology: { all: { attempts: 12, backoff: { type: 'exponential', delay: 500, jitter: 0.5 } } },
    });
    // Documents arrive over ~15 s, so the outage surely falls inside the batch.
    const running = driver.ingest(reports(1000, 'esdown', 15));
    await waitFor(
      'some articles indexed',
      async () => (await store.count().catch(() => 0)) >= 100,
      180_000,
      250,
    );
    const indexedBeforeStop = await store.count();
    await es.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await es.start();
    const summary = await running;
    await driver.close();

    expect(summary.total).toBe(1000);
    expect(summary.counts.failed + summary.counts.rejected).toBe(0);
    // A write whose response was lost is seen again as unchanged, never as a second copy.
    expect(summary.counts.created + summary.counts.unchanged).toBe(1000);
    expect(summary.counts.updated).toBe(0);
    await store.refresh();
    expect(await store.count()).toBe(1000);
    const ids = new Set<string>();
    for await (const a of store.export()) {
      expect(a.revision).toBe(1);
      ids.add(a.id);
    }
    expect(ids.size).toBe(1000);
    // The outage fell inside the batch: the rest were indexed only after the restart.
    expect(indexedBeforeStop).toBeLessThan(1000);
  }, 400_000);
});
