/**
 * End to end: the bundled samples through both drivers (in-process, BullMQ with its workers) into both
 * stores (embedded SQLite, Elasticsearch). All four combinations must store the same articles and find
 * the same ones, whichever driver ran the stages and whichever store holds them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullMqDriver } from '../../src/driver/bullmq/driver.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import type { IngestDriver } from '../../src/driver/types.ts';
import type { RunSummary } from '../../src/pipeline/document.ts';
import { expandInputs, type SourceItem } from '../../src/sources/files.ts';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { EXAMPLES } from '../helpers/articles.ts';
import {
  obliterateQueues,
  tempSqliteStore,
  testRedisUrl,
  uniquePrefix,
} from '../integration/bullmq-helpers.ts';

const REDIS = testRedisUrl();
const ES = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!ES) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

const QUERIES = ['AIIMS', 'एम्स', 'fire', 'सर्वर'];
/** `fire` appears only in the Hindi fire story's URLs (its text says आग): every store must agree on no hits. */
const MUST_FIND = new Set(['AIIMS', 'एम्स', 'सर्वर']);

interface Result {
  summary: RunSummary;
  ids: string[];
  hits: Record<string, string[]>;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function snapshot(store: ArticleStore, summary: RunSummary): Promise<Result> {
  await store.refresh();
  const ids: string[] = [];
  for await (const a of store.export()) ids.push(a.id);
  const hits: Record<string, string[]> = {};
  for (const q of QUERIES)
    hits[q] = (await store.search({ text: q, limit: 100 })).hits.map((h) => h.id).sort();
  return { summary, ids: ids.sort(), hits };
}

describe('drivers × stores give the same stored articles and search hits', () => {
  let samples: SourceItem[];
  const results = new Map<string, Result>();
  const cleanups: (() => Promise<void>)[] = [];

  const stores: Record<string, () => Promise<ArticleStore>> = {
    embedded: async () => {
      const t = await tempSqliteStore('e2e');
      cleanups.push(() => t.destroy());
      return t.store;
    },
    elasticsearch: async () => {
      const store = new ElasticsearchStore({
        node: ES,
        indexPrefix: `test-e2e-${randomBytes(4).toString('hex')}`,
      });
      await store.init();
      cleanups.push(async () => {
        await store.deleteIndices();
        await store.close();
      });
      return store;
    },
  };
  const drivers: Record<string, (store: ArticleStore) => IngestDriver> = {
    'in-process': (store) => new InProcessDriver(store),
    bullmq: (store) => {
      const prefix = uniquePrefix('e2e');
      cleanups.push(() => obliterateQueues(REDIS, prefix));
      return new BullMqDriver({
        connection: REDIS,
        prefix,
        store,
        topology: { stages: { index: { concurrency: 4 } } },
      });
    },
  };

  beforeAll(async () => {
    samples = [];
    for await (const item of expandInputs([EXAMPLES], { timeoutMs: 5000, maxBytes: 32 * 1024 * 1024 }))
      samples.push(item);
    const runs = Object.keys(drivers).flatMap((d) => Object.keys(stores).map((s) => [d, s] as const));
    await Promise.all(
      runs.map(async ([d, s]) => {
        const store = await stores[s]!();
        const driver = drivers[d]!(store);
        try {
          results.set(`${d} × ${s}`, await snapshot(store, await driver.ingest(from(samples))));
        } finally {
          await driver.close();
        }
      }),
    );
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('every combination stores every sample', () => {
    expect(results.size).toBe(4);
    for (const [name, r] of results) {
      expect(r.summary.total, name).toBe(samples.length);
      expect(r.summary.counts, `${name}: ${JSON.stringify(r.summary.problems)}`).toEqual({
        created: samples.length,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        failed: 0,
      });
      expect(r.ids, name).toHaveLength(samples.length);
    }
  });

  it('the stored ids are the same everywhere', () => {
    const reference = results.get('in-process × embedded')!;
    for (const [name, r] of results) expect(r.ids, name).toEqual(reference.ids);
  });

  it.each(QUERIES)('search hits for %s are the same everywhere', (q) => {
    const reference = results.get('in-process × embedded')!;
    if (MUST_FIND.has(q))
      expect(reference.hits[q]!.length, `in-process × embedded finds nothing for ${q}`).toBeGreaterThan(0);
    for (const [name, r] of results) expect(r.hits[q], `${name}: ${q}`).toEqual(reference.hits[q]);
  });

  it("the BullMQ driver's index worker takes the store's concurrency unless the topology sets one", async () => {
    // Elasticsearch takes many writers (jobs share bulk requests); the SQLite file has one.
    const expected = { embedded: 1, elasticsearch: 32 } as const;
    for (const [kind, want] of Object.entries(expected)) {
      const store = await stores[kind]!();
      for (const [topology, index] of [
        [undefined, want],
        [{ stages: { index: { concurrency: 3 } } }, 3],
      ] as const) {
        const prefix = uniquePrefix('e2e-conc');
        cleanups.push(() => obliterateQueues(REDIS, prefix));
        const driver = new BullMqDriver({ connection: REDIS, prefix, store, topology });
        try {
          await driver.open();
          expect(driver.workerConcurrency(), kind).toEqual({ fetch: 8, analyze: 1, index });
        } finally {
          await driver.close();
        }
      }
    }
  });
});
