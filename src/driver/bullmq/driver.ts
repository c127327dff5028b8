/**
 * BullMQ driver: the same stages as the in-process driver, spread over queues and worker processes.
 * `ingest` adds one job per item (URLs to fetch, documents to analyze), follows each job along the
 * stages it hands over to, and reports the one final disposition of each item: created/updated/unchanged
 * from the index job's result, rejected/failed from the job that failed for good.
 *
 * Without `store`, the driver only produces and waits: workers run elsewhere (`workers/*.ts`,
 * `khabar worker`). With `store`, it also runs one worker per stage in this process (tests, one machine).
 */
import { describeError, InputError, isPermanent, KhabarError, TransientError } from '../../core/errors.ts';
import type { IncidentService } from '../../incidents/service.ts';
import {
  type DocumentOutcome,
  emptySummary,
  errorOutcome,
  type RunSummary,
  recordOutcome,
} from '../../pipeline/document.ts';
import {
  makeTopology,
  STAGES,
  type StageName,
  type Topology,
  type TopologyOverrides,
} from '../../pipeline/topology.ts';
import type { SourceItem } from '../../sources/files.ts';
import type { ArticleStore } from '../../store/types.ts';
import type { IngestDriver } from '../types.ts';
import {
  checkRedis,
  describeRedis,
  producerConnection,
  type RedisConnection,
  workerConnection,
} from './connection.ts';
import {
  analyzeJobId,
  encodeDocument,
  fetchJobId,
  type HandoffResult,
  type IndexResult,
} from './payloads.ts';
import {
  closeQueues,
  countJobs,
  countWorkers,
  enqueue,
  openQueues,
  type QueueCounts,
  type StageQueues,
} from './queues.ts';
import { JobWatcher } from './watcher.ts';
import { indexConcurrencyFor, type StageWorker, startStageWorker } from './worker.ts';

/** A URL for the fetch stage (the in-process driver fetches while reading inputs instead). */
export interface UrlItem {
  url: string;
  source?: string;
}

export type BullMqItem = SourceItem | UrlItem;

export interface BullMqDriverOptions {
  connection: RedisConnection;
  /** Queue namespace (default `khabar`); overrides `topology.prefix`. */
  prefix?: string;
  topology?: TopologyOverrides;
  /** Run a worker for every stage in this process, indexing into this store (borrowed, not closed). */
  store?: ArticleStore;
  /**
   * With `store`: also run an incidents worker here, grouping through this service. Without it, the
   * incidents jobs the index worker hands over wait for an incidents worker elsewhere.
   */
  incidents?: IncidentService;
  maxBytes?: number;
  fetchTimeoutMs?: number;
  /** The fetch stage may reach private and loopback addresses (`--allow-private`). Default false. */
  allowPrivate?: boolean;
  /** Milliseconds one document's analysis may take in the in-process analyze worker (default 10 s). */
  analysisBudgetMs?: number;
  batchSize?: number;
  /** Items submitted and not yet ended, at most (bounds memory on large runs). Default 1000. */
  maxInFlight?: number;
  /** Connection and worker errors (Redis reconnecting, …). Default: ignored. */
  onError?: (error: Error) => void;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** `binary-input: …` → `binary-input` (the message format of describeError); `error` otherwise. */
export function errorCode(reason: string): string {
  return /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*): /.exec(reason)?.[1] ?? 'error';
}

export class BullMqDriver implements IngestDriver {
  readonly topology: Topology;
  readonly #options: BullMqDriverOptions;
  #opening: Promise<void> | undefined;
  #queues: StageQueues | undefined;
  #watcher: JobWatcher | undefined;
  #workers: StageWorker[] = [];

  constructor(options: BullMqDriverOptions) {
    this.#options = options;
    this.topology = makeTopology({ ...options.topology, prefix: options.prefix ?? options.topology?.prefix });
  }

  /** Connect (failing fast when Redis is unreachable) and start the in-process workers, once. */
  open(): Promise<void> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<void> {
    const { connection } = this.#options;
    const onError = this.#options.onError ?? (() => {});
    await checkRedis(connection);
    this.#queues = openQueues(this.topology, producerConnection(connection), onError);
    this.#watcher = new JobWatcher(this.topology, this.#queues, workerConnection(connection), onError);
    await this.#watcher.ready();
    if (this.#options.store) {
      for (const stage of STAGES) {
        if (stage === 'incidents' && !this.#options.incidents) continue;
        this.#workers.push(
          startStageWorker(stage, {
            topology: this.topology,
            connection: workerConnection(connection),
            store: stage === 'index' || stage === 'incidents' ? this.#options.store : undefined,
            incidents: stage === 'incidents' ? this.#options.incidents : undefined,
            concurrency:
              stage === 'index'
                ? indexConcurrencyFor(this.#options.store, this.#options.topology)
                : undefined,
            batchSize: this.#options.batchSize,
            maxBytes: this.#options.maxBytes ?? DEFAULT_MAX_BYTES,
            fetchTimeoutMs: this.#options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
            allowPrivate: this.#options.allowPrivate,
            analysisBudgetMs: this.#options.analysisBudgetMs,
            onError,
          }),
        );
      }
    }
  }

  async ingest(
    items: AsyncIterable<BullMqItem>,
    onOutcome?: (o: DocumentOutcome) => void,
  ): Promise<RunSummary> {
    const started = performance.now();
    await this.open();
    const summary = emptySummary();
    const report = (o: DocumentOutcome) => {
      recordOutcome(summary, o);
      onOutcome?.(o);
    };
    const inFlight = new Set<Promise<void>>();
    const maxInFlight = this.#options.maxInFlight ?? 1000;
    let fatal: unknown;
    for await (const item of items) {
      if ('error' in item) {
        report(errorOutcome(item.source, item.error, isPermanent(item.error)));
        continue;
      }
      const source = 'doc' in item ? item.doc.source : (item.source ?? item.url);
      let first: { stage: StageName; jobId: string; duplicate: boolean };
      try {
        first = await this.#submit(item);
      } catch (e) {
        if (e instanceof InputError) {
          report(errorOutcome(source, e, true));
          continue;
        }
        fatal = e;
        break;
      }
      const p = this.#follow(first.stage, first.jobId, first.duplicate, source)
        .then(report, (e) => report(errorOutcome(source, e, false)))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    if (fatal !== undefined) throw this.#redisError(fatal);
    await Promise.all(inFlight);
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  /** Add the item's first job (documents go straight to analyze). */
  async #submit(item: BullMqItem): Promise<{ stage: StageName; jobId: string; duplicate: boolean }> {
    const queues = this.#queues!;
    if ('url' in item) {
      const data = { source: item.source ?? item.url, url: item.url };
      const e = await enqueue(queues.fetch, 'fetch', this.topology.stages.fetch, fetchJobId(item.url), data);
      return { stage: 'fetch', ...e };
    }
    if (!('doc' in item)) throw new InputError('bad-item', 'item is neither a document nor a URL');
    const payload = encodeDocument(item.doc);
    const e = await enqueue(
      queues.analyze,
      'analyze',
      this.topology.stages.analyze,
      analyzeJobId(payload),
      payload,
    );
    return { stage: 'analyze', ...e };
  }

  /** Follow a job through the stages it hands over to, to the item's final disposition. */
  async #follow(
    stage: StageName,
    jobId: string,
    duplicate: boolean,
    source: string,
  ): Promise<DocumentOutcome> {
    for (;;) {
      const end = await this.#watcher!.wait(stage, jobId);
      if (end.state === 'failed') {
        return {
          source,
          disposition: end.permanent ? 'rejected' : 'failed',
          error: { code: errorCode(end.reason), message: end.reason },
        };
      }
      if (stage === 'index') {
        const r = end.value as IndexResult;
        // Work already done under the same job id stored nothing new: as the store would say, unchanged.
        return { source, disposition: duplicate ? 'unchanged' : r.status, id: r.id, title: r.title };
      }
      const h = end.value as HandoffResult;
      duplicate ||= h.duplicate;
      jobId = h.next;
      stage = this.topology.stages[stage].next!;
    }
  }

  #redisError(e: unknown): Error {
    if (e instanceof KhabarError) return e;
    return new TransientError(
      'redis-unreachable',
      `cannot reach Redis at ${describeRedis(this.#options.connection)}: ${describeError(e)}`,
      { cause: e },
    );
  }

  /** Jobs per state in each stage's queue. */
  async counts(): Promise<Record<StageName, QueueCounts>> {
    await this.open();
    const out = {} as Record<StageName, QueueCounts>;
    for (const stage of STAGES) out[stage] = await countJobs(this.#queues![stage]);
    return out;
  }

  /**
   * Workers attached to each stage's queue, anywhere. Without in-process workers, `ingest` waits for
   * workers to do the work: a caller can warn when a stage has none.
   */
  async workerCounts(): Promise<Record<StageName, number>> {
    await this.open();
    const out = {} as Record<StageName, number>;
    for (const stage of STAGES) out[stage] = await countWorkers(this.#queues![stage]);
    return out;
  }

  /** Concurrency of each stage worker this driver runs in its own process (none without `store`). */
  workerConcurrency(): Partial<Record<StageName, number>> {
    return Object.fromEntries(this.#workers.map((w) => [w.stage, w.worker.concurrency]));
  }

  /** The stage queues (for inspection and tests); the driver owns them. */
  get queues(): StageQueues | undefined {
    return this.#queues;
  }

  async close(): Promise<void> {
    await this.#opening?.catch(() => {});
    for (const w of this.#workers.reverse()) await w.close();
    this.#workers = [];
    await this.#watcher?.close();
    if (this.#queues) await closeQueues(this.#queues);
    this.#watcher = undefined;
    this.#queues = undefined;
    this.#opening = undefined;
  }
}
