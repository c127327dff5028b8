/**
 * The job processors of each stage: thin adapters from a BullMQ job to the same pure functions the
 * in-process driver calls (fetchDocument, processDocument, store upserts). The error class decides what
 * BullMQ does (habit 4): permanent errors become `UnrecoverableError` (failed at once, kept in the failed
 * set with their message); anything else is thrown as is and retried with the stage's backoff.
 */
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError, isPermanent, TransientError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import type { IncidentService } from '../../incidents/service.ts';
import type { AnalyzePool } from '../../pipeline/analyze-pool.ts';
import { processDocument } from '../../pipeline/process.ts';
import type { StageName, Topology } from '../../pipeline/topology.ts';
import { reserveSlot } from '../../redis/host-slot.ts';
import { fetchDocument } from '../../sources/fetch.ts';
import type { ArticleStore, UpsertResult } from '../../store/types.ts';
import { incidentsLockKey, tryLock } from './incidents-lock.ts';
import type { IndexBatcher } from './index-batcher.ts';
import {
  analyzeJobId,
  decodeDocument,
  encodeDocument,
  type HandoffResult,
  type IncidentsResult,
  type IndexResult,
  incidentsJobId,
  indexJobId,
  validateDocumentPayload,
  validateFetchPayload,
  validateIncidentsPayload,
  validateIndexPayload,
} from './payloads.ts';
import { enqueue, originOf } from './queues.ts';

export type StageProcessor<R = unknown> = (job: Job, token?: string) => Promise<R>;

/** The error BullMQ should see: `UnrecoverableError` for permanent failures, the message as `code: text`. */
export function jobError(error: unknown): Error {
  const message = describeError(error);
  if (isPermanent(error) || error instanceof UnrecoverableError) return new UnrecoverableError(message);
  return new Error(message, { cause: error });
}

async function guarded<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DelayedError) throw e;
    throw jobError(e);
  }
}

/**
 * Per-host politeness, shared by every fetch worker (src/redis/host-slot.ts): N workers on M machines
 * together send one request per `hostIntervalMs` to a host. BullMQ's own limiter is per queue (all hosts
 * together) and its per-group limits are a Pro feature, so the global `limiter` (topology) only caps the
 * total rate and the host slot spaces requests per host. A throttled job is moved to delayed without
 * using up an attempt.
 */
export async function reserveHostSlot(redis: Redis, topology: Topology, host: string): Promise<number> {
  const slot = `khabar:${topology.prefix}:host-slot:${host.toLowerCase()}`;
  return reserveSlot(redis, { slot }, topology.stages.fetch.hostIntervalMs);
}

export interface StageDeps {
  topology: Topology;
  /** Where fetch and analyze hand their output on (the next stage's queue). */
  next: Partial<Record<StageName, Queue>>;
  maxBytes: number;
  fetchTimeoutMs: number;
  /** fetch: private and loopback targets too (`--allow-private`); default public addresses only. */
  allowPrivate?: boolean;
  /** fetch: per-host throttle; incidents: the stage lock. */
  redis?: Redis;
  /** index: the store, written through a batcher; incidents: where the articles are read from. */
  store?: ArticleStore;
  /** incidents: groups articles, writes incident records and evaluates watches. */
  incidents?: IncidentService;
  batcher?: IndexBatcher;
  /**
   * analyze: worker threads with a per-document time budget. A document past it fails at once with the
   * permanent `analysis-timeout` instead of holding the worker (and, once its lock lapses, the next one).
   * Without a pool, analysis runs inline (no budget).
   */
  analysis?: AnalyzePool;
}

export function fetchProcessor(deps: StageDeps): StageProcessor<HandoffResult> {
  const { topology } = deps;
  return (job, token) =>
    guarded(async () => {
      const { source, url } = validateFetchPayload(job.data);
      if (deps.redis) {
        const wait = await reserveHostSlot(deps.redis, topology, new URL(url).host);
        if (wait > 0) {
          await job.moveToDelayed(Date.now() + wait + Math.floor(Math.random() * 100), token);
          throw new DelayedError();
        }
      }
      const doc = await fetchDocument(url, {
        timeoutMs: deps.fetchTimeoutMs,
        maxBytes: deps.maxBytes,
        allowPrivate: deps.allowPrivate,
      });
      const payload = { ...encodeDocument({ ...doc, source }), origin: originOf(job) };
      const e = await enqueue(
        deps.next.analyze!,
        'analyze',
        topology.stages.analyze,
        analyzeJobId(payload),
        payload,
      );
      return { next: e.jobId, duplicate: e.duplicate };
    });
}

export function analyzeProcessor(deps: StageDeps): StageProcessor<HandoffResult> {
  const { topology } = deps;
  return (job) =>
    guarded(async () => {
      const payload = validateDocumentPayload(job.data);
      const doc = decodeDocument(payload);
      const result = deps.analysis
        ? await deps.analysis.process(doc, { maxBytes: deps.maxBytes })
        : processDocument(doc, { maxBytes: deps.maxBytes });
      if (!result.ok) {
        const message = result.outcome.error?.message ?? 'analysis failed';
        throw result.outcome.disposition === 'rejected'
          ? new UnrecoverableError(message)
          : new Error(message);
      }
      const data = { source: payload.source, origin: originOf(job), article: result.article };
      const e = await enqueue(
        deps.next.index!,
        'index',
        topology.stages.index,
        indexJobId(result.article),
        data,
      );
      return { next: e.jobId, duplicate: e.duplicate };
    });
}

export function indexProcessor(deps: StageDeps): StageProcessor<IndexResult> {
  return (job) =>
    guarded(async () => {
      const { article } = validateIndexPayload(job.data);
      let r: UpsertResult;
      if (deps.batcher) r = await deps.batcher.upsert(article);
      else {
        r = await deps.store!.upsert(article);
        if (deps.next.incidents) await handOffToIncidents(deps, [article]);
      }
      return { id: r.id, status: r.status, revision: r.revision, title: article.title };
    });
}

/**
 * The index stage's handoff: one incidents job per written batch. Unchanged articles go too: when an index
 * job is retried after its batch was written (its worker died before handing over), the rewrite is
 * `unchanged` and this is the only chance to group it; the job id makes the repeat a no-op otherwise.
 */
export async function handOffToIncidents(
  deps: Pick<StageDeps, 'next' | 'topology'>,
  articles: Pick<Article, 'id' | 'contentHash'>[],
): Promise<void> {
  const refs = articles.map((a) => ({ id: a.id, contentHash: a.contentHash }));
  await enqueue(deps.next.incidents!, 'incidents', deps.topology.stages.incidents, incidentsJobId(refs), {
    articles: refs,
  });
}

/** How long a job waits before asking again when another worker holds the incidents lock (plus jitter). */
const LOCK_RETRY_MS = 200;

/**
 * Group a batch of stored articles under the stage lock (incidents-lock.ts). A job that finds the lock
 * taken is moved to delayed without using up an attempt. Articles are read back from the article store
 * (the payload carries ids only); ids no longer stored are skipped.
 */
export function incidentsProcessor(deps: StageDeps): StageProcessor<IncidentsResult> {
  const { topology } = deps;
  return (job, token) =>
    guarded(async () => {
      const { articles: refs } = validateIncidentsPayload(job.data);
      const key = incidentsLockKey(topology.prefix);
      const lock = await tryLock(deps.redis!, key, topology.stages.incidents.lockDuration);
      if (!lock) {
        await job.moveToDelayed(
          Date.now() + LOCK_RETRY_MS + Math.floor(Math.random() * LOCK_RETRY_MS),
          token,
        );
        throw new DelayedError();
      }
      try {
        const store = deps.store!;
        // Query watches search the article store: the batch must be visible to search first.
        await store.refresh();
        const loaded = await Promise.all(refs.map((r) => store.get(r.id)));
        const articles = loaded.filter((a) => a !== undefined);
        const r = await deps.incidents!.process(articles);
        if (!lock.held) {
          // Another worker may have grouped meanwhile: run again (grouping an article twice is a no-op).
          throw new TransientError('incidents-lock-lost', 'the incidents lock lapsed while grouping');
        }
        const incidents = new Set<string>();
        for (const g of r.grouped) if (g.incidentId) incidents.add(g.incidentId);
        return {
          articles: articles.length,
          incidents: [...incidents].sort(),
          notifications: r.notifications.length,
        };
      } finally {
        await lock.release().catch(() => {});
      }
    });
}

export const processors = {
  fetch: fetchProcessor,
  analyze: analyzeProcessor,
  index: indexProcessor,
  incidents: incidentsProcessor,
} as const;
