/**
 * BullMQ driver against a real Redis, with the stage workers running in this process: same stored ids and
 * search hits as the in-process driver, duplicates processed once, poison documents failed without retry
 * and without blocking the rest, transient store failures retried with backoff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../src/core/errors.ts';
import type { Article } from '../../src/core/types.ts';
import { redisOptions } from '../../src/driver/bullmq/connection.ts';
import { BullMqDriver, type BullMqItem } from '../../src/driver/bullmq/driver.ts';
import { analyzeJobId, encodeDocument } from '../../src/driver/bullmq/payloads.ts';
import { enqueue, retryFailed } from '../../src/driver/bullmq/queues.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import type { DocumentOutcome, RunSummary, SourceDocument } from '../../src/pipeline/document.ts';
import {
  makeTopology,
  queueName,
  type StageName,
  type TopologyOverrides,
} from '../../src/pipeline/topology.ts';
import { expandInputs, type SourceItem } from '../../src/sources/files.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import type { ArticleStore, UpsertResult } from '../../src/store/types.ts';
import { EXAMPLES } from '../helpers/articles.ts';
import {
  obliterateQueues,
  type TempStore,
  tempSqliteStore,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from './bullmq-helpers.ts';

const REDIS = testRedisUrl();
const FAST: TopologyOverrides = { all: { backoff: { type: 'exponential', delay: 50, jitter: 0.5 } } };
// allowPrivate: the URL test serves its pages on loopback, which the guarded fetcher refuses by default.
const inputOptions = { timeoutMs: 5000, maxBytes: 32 * 1024 * 1024, allowPrivate: true };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const allIds = async (store: ArticleStore) => (await collect(store.export())).map((a) => a.id).sort();
const hitIds = async (store: ArticleStore, text: string) =>
  (await store.search({ text, limit: 100 })).hits.map((h) => h.id).sort();
const dispositions = (outcomes: DocumentOutcome[]) =>
  Object.fromEntries(
    outcomes.map((o) => [o.source, o.disposition] as const).sort(([a], [b]) => a.localeCompare(b)),
  );

/** Runs one BullMQ ingest into a fresh store, on its own queue prefix; cleans up afterwards. */
class Harness {
  readonly prefix: string;
  driver!: BullMqDriver;
  temp!: TempStore;
  store!: ArticleStore;
  topology: TopologyOverrides = FAST;
  constructor(label: string) {
    this.prefix = uniquePrefix(label);
  }
  async start(store?: (path: string) => ArticleStore): Promise<this> {
    this.temp = await tempSqliteStore('bullmq-driver');
    this.store = this.temp.store;
    if (store) {
      await this.temp.store.close();
      this.store = store(this.temp.path);
      await this.store.init();
    }
    this.driver = new BullMqDriver({
      connection: REDIS,
      prefix: this.prefix,
      store: this.store,
      topology: FAST,
      allowPrivate: true,
    });
    return this;
  }
  async ingest(
    items: BullMqItem[] | AsyncIterable<BullMqItem>,
  ): Promise<{ summary: RunSummary; outcomes: DocumentOutcome[] }> {
    const outcomes: DocumentOutcome[] = [];
    const summary = await this.driver.ingest(Array.isArray(items) ? from(items) : items, (o) =>
      outcomes.push(o),
    );
    return { summary, outcomes };
  }
  queue(stage: StageName): Queue {
    const q = new Queue(queueName({ prefix: this.prefix }, stage), { connection: redisOptions(REDIS) });
    q.on('error', () => {});
    return q;
  }
  async stop(): Promise<void> {
    await this.driver?.close();
    await this.store?.close();
    await obliterateQueues(REDIS, this.prefix);
    await this.temp?.destroy();
  }
}

async function inProcess(
  items: SourceItem[],
): Promise<{ summary: RunSummary; outcomes: DocumentOutcome[]; store: TempStore }> {
  const store = await tempSqliteStore('inproc');
  const outcomes: DocumentOutcome[] = [];
  const summary = await new InProcessDriver(store.store).ingest(from(items), (o) => outcomes.push(o));
  return { summary, outcomes, store };
}

const doc = (
  source: string,
  content: Uint8Array | string,
  format?: SourceDocument['format'],
): SourceItem => ({
  doc: { source, content, format },
});

describe('BullMqDriver with in-process workers', () => {
  let examples: SourceItem[];
  beforeAll(async () => {
    examples = await collect(expandInputs([EXAMPLES], inputOptions));
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  describe('the bundled samples', () => {
    const h = new Harness('samples');
    let reference: Awaited<ReturnType<typeof inProcess>>;
    let run: Awaited<ReturnType<Harness['ingest']>>;
    beforeAll(async () => {
      reference = await inProcess(examples);
      await h.start();
      run = await h.ingest(examples);
    });
    afterAll(async () => {
      await h.stop();
      await reference.store.destroy();
    });

    it('store the same articles with the same dispositions as the in-process driver', async () => {
      expect(run.summary.total).toBe(examples.length);
      expect(run.summary.counts, JSON.stringify(run.summary.problems)).toEqual(reference.summary.counts);
      expect(run.summary.problems).toEqual(reference.summary.problems);
      expect(dispositions(run.outcomes)).toEqual(dispositions(reference.outcomes));
      expect(await allIds(h.store)).toEqual(await allIds(reference.store.store));
      expect(new Set(run.outcomes.map((o) => o.id))).toEqual(new Set(reference.outcomes.map((o) => o.id)));
      expect(Object.keys(run.summary).sort()).toEqual(Object.keys(reference.summary).sort());
    });

    it('give the same search hits', async () => {
      for (const q of ['AIIMS', 'एम्स']) {
        const ids = await hitIds(h.store, q);
        expect(ids.length, q).toBeGreaterThan(0);
        expect(ids, q).toEqual(await hitIds(reference.store.store, q));
      }
    });

    it('leave one completed job per document in analyze and index, none failed', async () => {
      for (const stage of ['analyze', 'index'] as const) {
        const q = h.queue(stage);
        const counts = await q.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
        await q.close();
        expect(counts, stage).toEqual({
          completed: examples.length,
          failed: 0,
          waiting: 0,
          active: 0,
          delayed: 0,
        });
      }
    });

    it('report a second ingest of the same samples as unchanged, without new jobs', async () => {
      const again = await h.ingest(examples);
      expect(again.summary.counts).toEqual({
        created: 0,
        updated: 0,
        unchanged: examples.length,
        rejected: 0,
        failed: 0,
      });
      const q = h.queue('index');
      expect(await q.getCompletedCount()).toBe(examples.length);
      await q.close();
    });
  });

  describe('a document submitted twice', () => {
    const h = new Harness('twice');
    beforeAll(() => h.start());
    afterAll(() => h.stop());

    it('is processed once and reported like the in-process driver does', async () => {
      const bytes = readFileSync(join(EXAMPLES, 'en-indiawire-aiims-ehospital-restored.html'));
      const items = [
        doc('first.html', bytes, 'html'),
        doc('copy.html', bytes, 'html'),
        doc('first.html', bytes, 'html'),
      ];
      const run = await h.ingest(items);
      const reference = await inProcess(items);
      await reference.store.destroy();
      expect(run.summary.counts, JSON.stringify(run.summary.problems)).toEqual(reference.summary.counts);
      expect(run.summary.counts).toMatchObject({ created: 1, unchanged: 2 });
      for (const stage of ['analyze', 'index'] as const) {
        const q = h.queue(stage);
        expect(await q.getJobCounts('completed', 'failed', 'waiting'), stage).toEqual({
          completed: 1,
          failed: 0,
          waiting: 0,
        });
        const [job] = await q.getCompleted();
        expect(job!.attemptsMade, stage).toBe(1);
        await q.close();
      }
      expect(await h.store.count()).toBe(1);
    });
  });

  describe('a poison document', () => {
    const h = new Harness('poison');
    beforeAll(() => h.start());
    afterAll(() => h.stop());

    it('fails at once with its error, kept in the failed set, and does not block the others', async () => {
      const png = Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
      ]);
      const items = [examples[0]!, doc('poison.png', png), examples[1]!, examples[2]!];
      const run = await h.ingest(items);
      const reference = await inProcess(items);
      await reference.store.destroy();
      expect(run.summary.counts, JSON.stringify(run.summary.problems)).toEqual(reference.summary.counts);
      expect(run.summary.counts).toMatchObject({ created: 3, rejected: 1, failed: 0 });
      expect(run.summary.problems).toEqual(reference.summary.problems);
      expect(run.summary.problems[0]).toMatchObject({
        source: 'poison.png',
        disposition: 'rejected',
        error: { code: 'binary-input' },
      });

      const analyze = h.queue('analyze');
      expect(await analyze.getJobCounts('completed', 'failed')).toEqual({ completed: 3, failed: 1 });
      const [failed] = await analyze.getFailed();
      expect(failed!.failedReason).toMatch(/^binary-input: input is binary/);
      expect(failed!.attemptsMade).toBe(1); // UnrecoverableError: not retried
      expect(failed!.data.source).toBe('poison.png');
      await analyze.close();
      expect(await h.store.count()).toBe(3);

      // Submitting it again does not retry a permanent failure: same outcome, still one failed job.
      const again = await h.ingest([doc('poison.png', png)]);
      expect(again.summary.counts.rejected).toBe(1);
      const q = h.queue('analyze');
      expect(await q.getJobCounts('failed', 'waiting')).toEqual({ failed: 1, waiting: 0 });

      // `khabar queues retry-failed` leaves permanent failures alone unless asked; re-driven, it fails again.
      expect(await retryFailed(q)).toEqual({ retried: 0, skipped: 1 });
      expect(await retryFailed(q, { includePermanent: true })).toEqual({ retried: 1, skipped: 0 });
      await waitFor(
        'the re-driven poison job to fail again',
        async () => (await q.getFailedCount()) === 1,
        10_000,
      );
      const [again2] = await q.getFailed();
      expect(again2!.failedReason).toMatch(/^binary-input/);
      await q.close();
    });
  });

  describe('URLs through the fetch stage', () => {
    const h = new Harness('fetch');
    let server: Server;
    let base: string;
    const hits: { path: string; at: number }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/robots.txt') return void res.writeHead(404).end(); // read once per origin, not a page
        hits.push({ path: req.url!, at: Date.now() });
        const m = /^\/story\/(\d)$/.exec(req.url!);
        const file = m
          ? readdirSync(EXAMPLES)
              .filter((f) => f.endsWith('.html'))
              .sort()[Number(m[1])]
          : undefined;
        if (!file) {
          res.writeHead(404).end('not found');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(readFileSync(join(EXAMPLES, file)));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      h.topology = { ...FAST, stages: { fetch: { hostIntervalMs: 150 } } };
      await h.start();
    });
    afterAll(async () => {
      await h.stop();
      await new Promise((r) => server.close(r));
    });

    it('fetch each URL once, politely per host, with the same outcomes as the in-process driver', async () => {
      const urls = [
        `${base}/story/0`,
        `${base}/story/1`,
        `${base}/missing`,
        `${base}/story/2`,
        `${base}/story/0#again`,
      ];
      const run = await h.ingest(urls.map((url) => ({ url })));
      const fetchedPaths = hits.map((x) => x.path);
      expect(fetchedPaths.sort()).toEqual(['/missing', '/story/0', '/story/1', '/story/2']);
      // Slots are booked 150 ms apart; a request sent late after its slot (a busy event loop) shortens the
      // gap after it, so judge the span and rule out back-to-back requests (a few ms apart without the gate).
      const times = hits.map((x) => x.at).sort((a, b) => a - b);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((times.length - 1) * 150 - 50);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(75);

      hits.length = 0;
      const reference = await inProcess(await collect(expandInputs(urls, inputOptions)));
      await reference.store.destroy();
      expect(run.summary.counts).toEqual(reference.summary.counts);
      expect(reference.summary.counts).toMatchObject({ created: 3, unchanged: 1, rejected: 1 });
      expect(run.summary.problems).toEqual(reference.summary.problems);
      expect(run.summary.problems[0]).toMatchObject({
        source: `${base}/missing`,
        error: { code: 'http-status' },
      });
      expect(new Set(run.outcomes.map((o) => o.id))).toEqual(new Set(reference.outcomes.map((o) => o.id)));
      const fetchQ = h.queue('fetch');
      expect(await fetchQ.getJobCounts('completed', 'failed')).toEqual({ completed: 3, failed: 1 });
      await fetchQ.close();
    });
  });

  describe('a transient store failure', () => {
    /** A real SQLite store whose first `failures` writes throw a TransientError. */
    class FlakyStore extends SqliteStore {
      calls = 0;
      constructor(
        path: string,
        readonly failures: number,
      ) {
        super(path);
      }
      #maybeFail(): void {
        if (++this.calls <= this.failures)
          throw new TransientError('store-unavailable', `store unavailable (call ${this.calls})`);
      }
      override async upsert(article: Article): Promise<UpsertResult> {
        this.#maybeFail();
        return super.upsert(article);
      }
      override async upsertMany(articles: Article[]): Promise<UpsertResult[]> {
        this.#maybeFail();
        return super.upsertMany(articles);
      }
    }
    const h = new Harness('flaky');
    let flaky: FlakyStore;
    beforeAll(() => h.start((path) => (flaky = new FlakyStore(path, 3))));
    afterAll(() => h.stop());

    it('is retried with backoff until the write succeeds', async () => {
      const items = examples.slice(0, 3);
      const started = Date.now();
      const run = await h.ingest(items);
      expect(run.summary.counts, JSON.stringify(run.summary.problems)).toMatchObject({
        created: 3,
        failed: 0,
        rejected: 0,
      });
      expect(flaky.calls).toBeGreaterThan(3);
      const index = h.queue('index');
      expect(await index.getJobCounts('completed', 'failed')).toEqual({ completed: 3, failed: 0 });
      const jobs = await index.getCompleted();
      const retried = jobs.filter((j) => j.attemptsMade > 1);
      expect(retried.length).toBeGreaterThanOrEqual(1);
      // Each failed attempt left its error on the job; the retry waited (≥ 50 ms ± 50 % backoff).
      expect((retried[0]!.stacktrace ?? []).join('\n')).toMatch(/store-unavailable/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      await index.close();
      expect(await h.store.count()).toBe(3);
    });
  });

  describe('enqueue', () => {
    const prefix = uniquePrefix('enqueue');
    afterAll(() => obliterateQueues(REDIS, prefix));

    it("dedupes by job id, knows a retried job's own earlier handoff, validates payloads", async () => {
      const policy = makeTopology({ prefix }).stages.analyze;
      const q = new Queue(queueName({ prefix }, 'analyze'), { connection: redisOptions(REDIS) });
      const payload = {
        ...encodeDocument({ source: 'a.txt', content: 'text', format: 'text' }),
        origin: 'f-1@100',
      };
      const id = analyzeJobId(payload);
      expect(await enqueue(q, 'analyze', policy, id, payload)).toEqual({ jobId: id, duplicate: false });
      // The same handing-over job, retried after a crash: its own handoff, not a duplicate.
      expect(await enqueue(q, 'analyze', policy, id, payload)).toEqual({ jobId: id, duplicate: false });
      // Another job (or a user) handing over the same document: a duplicate.
      expect(await enqueue(q, 'analyze', policy, id, { ...payload, origin: 'f-2@200' })).toEqual({
        jobId: id,
        duplicate: true,
      });
      expect(await enqueue(q, 'analyze', policy, id, { ...payload, origin: undefined })).toEqual({
        jobId: id,
        duplicate: true,
      });
      expect(await q.getWaitingCount()).toBe(1);
      // Document payloads are checked against schemas/job.schema.json before they enter the queue.
      await expect(
        enqueue(q, 'analyze', policy, 'x', { source: 'b', content: '%%%', contentEncoding: 'base64' }),
      ).rejects.toThrow(/invalid job payload: \/content must match pattern/);
      await expect(
        enqueue(q, 'analyze', policy, 'x', { source: 'b', content: 'x', format: 'pdf' }),
      ).rejects.toThrow(/invalid job payload: \/format/);
      await expect(
        enqueue(q, 'fetch', policy, 'y', { source: 'c', url: 'file:///etc/passwd' }),
      ).rejects.toThrow(/url must be http/);
      await q.close();
    });
  });

  it('fails fast with a clear error when Redis cannot be reached', async () => {
    const driver = new BullMqDriver({ connection: 'redis://127.0.0.1:1', prefix: uniquePrefix('down') });
    await expect(driver.ingest(from([examples[0]!]))).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    );
    await driver.close();
  });
});
