/**
 * The incidents stage against the real Redis and Elasticsearch the test command starts: fixture articles
 * go through the BullMQ driver (fetch → analyze → index in this process) and TWO incidents workers, each
 * with its own Elasticsearch clients as two processes would have, group them into one incident store. The
 * records must be the ones IncidentService gives in-process on an embedded store for the same stored
 * articles: same incident ids, same members, no duplicates, each article in at most one incident.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { redisOptions, workerConnection } from '../../src/driver/bullmq/connection.ts';
import { BullMqDriver } from '../../src/driver/bullmq/driver.ts';
import { incidentsLockKey, tryLock } from '../../src/driver/bullmq/incidents-lock.ts';
import { type StageWorker, startStageWorker } from '../../src/driver/bullmq/worker.ts';
import { IncidentService } from '../../src/incidents/service.ts';
import { makeTopology, queueName, type TopologyOverrides } from '../../src/pipeline/topology.ts';
import { expandInputs, type SourceItem } from '../../src/sources/files.ts';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { ElasticsearchIncidentStore } from '../../src/store/incidents/es-incident-store.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import type { IncidentStore } from '../../src/store/incidents/types.ts';
import { obliterateQueues, testRedisUrl, uniquePrefix, waitFor } from './bullmq-helpers.ts';

const REDIS = testRedisUrl();
const ES = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!ES) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

const ARTICLES = join(import.meta.dirname, '../fixtures/incidents/articles');
// Two multi-article incidents in two languages, and a later AIIMS story that must stay apart from 2022's.
const FILES = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `aiims22-0${n}`),
  'aiims23-01',
  'aiims23-02',
  'mumbaifire-01',
  'mumbaifire-02',
  'mumbaifire-03',
  'mumbaifire-04',
];

async function fixtureItems(): Promise<SourceItem[]> {
  const names = readdirSync(ARTICLES).filter((f) => FILES.some((p) => f.startsWith(`${p}-`)));
  expect(names).toHaveLength(FILES.length);
  const out: SourceItem[] = [];
  for await (const item of expandInputs(
    names.map((f) => join(ARTICLES, f)),
    { timeoutMs: 5000, maxBytes: 32 * 1024 * 1024 },
  ))
    out.push(item);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** Incident id → its members' article ids, sorted. */
async function incidentsOf(store: IncidentStore): Promise<Map<string, string[]>> {
  const { total, incidents } = await store.listIncidents({ limit: 1000 });
  expect(incidents).toHaveLength(total);
  const out = new Map<string, string[]>();
  for (const i of incidents) out.set(i.id, (await store.members(i.id)).map((d) => d.id).sort());
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

describe('incidents stage (BullMQ, two workers, Elasticsearch)', () => {
  const prefix = uniquePrefix('incidents');
  const indexPrefix = `test-inc-stage-${randomBytes(4).toString('hex')}`;
  // Short locks and backoff: a worker that loses the race re-asks soon; nothing here is timed.
  const OVERRIDES: TopologyOverrides = {
    prefix,
    all: { backoff: { type: 'exponential', delay: 50, jitter: 0.5 } },
  };
  const topology = makeTopology(OVERRIDES);
  let articles: ElasticsearchStore;
  const incidentStores: ElasticsearchIncidentStore[] = [];
  const workers: StageWorker[] = [];
  const readers: ElasticsearchStore[] = [];
  let driver: BullMqDriver;
  let stored: Article[] = [];
  let incidentsQueue: Queue;
  let redis: Redis | undefined;
  let heldOutside = 0;

  beforeAll(async () => {
    articles = new ElasticsearchStore({ node: ES, indexPrefix });
    await articles.init();
    for (const name of ['incidents-a', 'incidents-b']) {
      const incidents = new ElasticsearchIncidentStore({ node: ES, indexPrefix });
      await incidents.init();
      incidentStores.push(incidents);
      // Each worker reads articles through its own client too, as a separate process would.
      const reader = new ElasticsearchStore({ node: ES, indexPrefix });
      await reader.init();
      workers.push(
        startStageWorker('incidents', {
          topology,
          connection: workerConnection(REDIS),
          store: reader,
          incidents: new IncidentService(incidents),
          name,
          // Started once every article is indexed, so both take jobs at the same moment and contend.
          autorun: false,
          maxBytes: 32 * 1024 * 1024,
          fetchTimeoutMs: 5000,
        }),
      );
      readers.push(reader);
    }
    // fetch, analyze and index here; index batches of two, so several incidents jobs compete.
    driver = new BullMqDriver({ connection: REDIS, topology: OVERRIDES, store: articles, batchSize: 2 });
    incidentsQueue = new Queue(queueName(topology, 'incidents'), { connection: redisOptions(REDIS) });
    const summary = await driver.ingest(from(await fixtureItems()));
    expect(summary.counts.failed + summary.counts.rejected).toBe(0);
    // While someone else holds the stage lock, workers wait for it: jobs are put back, none completes.
    redis = new Redis(redisOptions(REDIS));
    const outside = await tryLock(redis, incidentsLockKey(prefix), 30_000);
    expect(outside).toBeDefined();
    for (const w of workers) w.worker.run().catch(() => {});
    await waitFor(
      'a worker to find the lock taken',
      async () => (await incidentsQueue.getDelayedCount()) > 0,
    );
    expect(await incidentsQueue.getCompletedCount()).toBe(0);
    heldOutside = await incidentsQueue.getDelayedCount();
    await outside!.release();
    await waitFor(
      'the incidents queue to drain',
      async () => {
        const c = await incidentsQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
        if (c.failed > 0)
          throw new Error(`incidents jobs failed: ${JSON.stringify(await incidentsQueue.getFailed())}`);
        return c.waiting + c.active + c.delayed + c.prioritized === 0;
      },
      120_000,
    );
    for await (const a of articles.export()) stored.push(a);
    stored = stored.sort((a, b) => a.id.localeCompare(b.id));
  }, 240_000);

  afterAll(async () => {
    await driver?.close();
    for (const w of workers) await w.close();
    for (const r of readers) await r.close();
    await incidentsQueue?.close();
    for (const s of incidentStores) {
      await s.deleteIndices().catch(() => {});
      await s.close();
    }
    await articles?.deleteIndices().catch(() => {});
    await articles?.close();
    await obliterateQueues(REDIS, prefix);
    redis?.disconnect();
  });

  it('takes no incidents job while another holder has the stage lock', () => {
    expect(heldOutside).toBeGreaterThan(0);
  });

  it('hands every stored article to an incidents job, in batches', async () => {
    expect(stored).toHaveLength(FILES.length);
    const jobs = await incidentsQueue.getCompleted();
    expect(jobs.length).toBeGreaterThan(1);
    const handed = jobs.flatMap((j) => (j.data as { articles: { id: string }[] }).articles.map((a) => a.id));
    expect([...new Set(handed)].sort()).toEqual(stored.map((a) => a.id));
  });

  it('writes the same incidents as IncidentService in-process on an embedded store', async () => {
    const reference = new SqliteIncidentStore(':memory:');
    await reference.init();
    try {
      await new IncidentService(reference).process(stored);
      const want = await incidentsOf(reference);
      const got = await incidentsOf(incidentStores[0]!);
      expect(got).toEqual(want);
      // The fixtures hold multi-article incidents: the comparison is not between two empty stores.
      expect([...want.values()].some((m) => m.length >= 3)).toBe(true);
    } finally {
      await reference.close();
    }
  });

  it('has no duplicate incidents and puts each article in at most one', async () => {
    const got = await incidentsOf(incidentStores[1]!);
    const members = [...got.values()].flat();
    expect(new Set(members).size).toBe(members.length);
    const memberSets = [...got.values()].map((m) => m.join(','));
    expect(new Set(memberSets).size).toBe(memberSets.length);
    // Each grouped article's own record names the incident that lists it.
    for (const [id, ids] of got) {
      for (const a of ids) expect((await incidentStores[1]!.getDigest(a))?.incidentId).toBe(id);
    }
  });
});

describe('incidents lock', () => {
  it('has one holder at a time, and only the holder releases it', async () => {
    const redis = new Redis(redisOptions(REDIS));
    const key = incidentsLockKey(uniquePrefix('lock'));
    try {
      const first = await tryLock(redis, key, 5000);
      expect(first?.held).toBe(true);
      expect(await tryLock(redis, key, 5000)).toBeUndefined();
      // A holder whose lease lapsed and was taken over cannot release the new holder's lock.
      await redis.del(key);
      const second = await tryLock(redis, key, 5000);
      expect(second).toBeDefined();
      await first!.release();
      expect(await tryLock(redis, key, 5000)).toBeUndefined();
      await second!.release();
      const third = await tryLock(redis, key, 5000);
      expect(third).toBeDefined();
      await third!.release();
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
