/**
 * The job processors of each stage: thin adapters from a BullMQ job to the same pure functions the
 * in-process driver calls (fetchDocument, processDocument, store upserts). The error class decides what
 * BullMQ does (habit 4): permanent errors become `UnrecoverableError` (failed at once, kept in the failed
 * set with their message); anything else is thrown as is and retried with the stage's backoff.
 */
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError, isPermanent } from '../../core/errors.ts';
import type { AnalyzePool } from '../../pipeline/analyze-pool.ts';
import { processDocument } from '../../pipeline/process.ts';
import type { StageName, Topology } from '../../pipeline/topology.ts';
import { reserveSlot } from '../../redis/host-slot.ts';
import { fetchDocument } from '../../sources/fetch.ts';
import type { ArticleStore } from '../../store/types.ts';
import type { IndexBatcher } from './index-batcher.ts';
import {
  analyzeJobId,
  decodeDocument,
  encodeDocument,
  type HandoffResult,
  type IndexResult,
  indexJobId,
  validateDocumentPayload,
  validateFetchPayload,
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
  /** fetch: per-host throttle. */
  redis?: Redis;
  /** index: the store, written through a batcher. */
  store?: ArticleStore;
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
      const r = deps.batcher ? await deps.batcher.upsert(article) : await deps.store!.upsert(article);
      return { id: r.id, status: r.status, revision: r.revision, title: article.title };
    });
}

export const processors = {
  fetch: fetchProcessor,
  analyze: analyzeProcessor,
  index: indexProcessor,
} as const;
