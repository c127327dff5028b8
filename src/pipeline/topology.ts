/**
 * Pipeline topology: the one place that names the stages, derives their queue names and sets their
 * concurrency and retry policy. Drivers and workers read it; nothing else types a queue name by hand.
 *
 *   fetch (URL → SourceDocument) → analyze (SourceDocument → Article) → index (Article → store)
 *     → incidents (stored article ids → incident records and watch notifications)
 *
 * Queue boundaries sit where the kind of resource changes: network and politeness (fetch), CPU (analyze),
 * store writes (index), cross-article state (incidents: grouping reads and rewrites shared incident
 * records, so it runs under one Redis lock per queue prefix). Must not import drivers, clients or the
 * environment.
 */

export const STAGES = ['fetch', 'analyze', 'index', 'incidents'] as const;
export type StageName = (typeof STAGES)[number];

export const DEFAULT_QUEUE_PREFIX = 'khabar';

/** Exponential backoff with jitter (BullMQ `backoff` option): delay · 2^(attempt−1), ± jitter. */
export interface BackoffPolicy {
  type: 'exponential';
  /** First retry delay, milliseconds. */
  delay: number;
  /** 0..1: fraction of the delay that is randomised, so retries of a burst do not stampede together. */
  jitter: number;
}

/** How many finished jobs are kept (count and/or age in seconds). */
export interface KeepPolicy {
  count: number;
  age: number;
}

export interface StagePolicy {
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** Total tries of a job, the first included; permanent errors stop early. */
  attempts: number;
  backoff: BackoffPolicy;
  /**
   * Completed jobs are kept for a while: the job id is the document's identity, so while a completed job
   * exists, submitting the same work again is a no-op (BullMQ refuses a second job with the same id).
   */
  removeOnComplete: KeepPolicy;
  /** Failed jobs are never removed automatically: they wait for inspection and `khabar queues retry-failed`. */
  removeOnFail: false;
  /** A worker holds a job's lock this long and renews it at half-time; a dead worker's lock lapses. */
  lockDuration: number;
  /** How often workers look for jobs whose lock lapsed (stalled jobs) and put them back in the queue. */
  stalledInterval: number;
  /** Times a job may stall (its worker died) before it is failed instead of re-queued. */
  maxStalledCount: number;
  /** The stage a completed job hands its output to. */
  next?: StageName;
}

export interface FetchPolicy extends StagePolicy {
  /** Minimum gap between two requests to the same host, across every fetch worker (milliseconds). */
  hostIntervalMs: number;
  /** Ceiling on fetches per `duration` for the whole queue, across every worker (BullMQ limiter). */
  limiter: { max: number; duration: number };
}

export interface Topology {
  /** Namespace of the queues: `<prefix>-<stage>`. Tests use a unique one each. */
  prefix: string;
  stages: { fetch: FetchPolicy; analyze: StagePolicy; index: StagePolicy; incidents: StagePolicy };
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

const base = {
  attempts: 5,
  // 1 s, 2 s, 4 s, 8 s (±50 %): rides out a store or network hiccup of ~15 s before giving up.
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnFail: false,
  lockDuration: 30_000,
  stalledInterval: 30_000,
  maxStalledCount: 1,
} as const satisfies Partial<StagePolicy>;

/** The default policy of every stage. */
export function defaultTopology(prefix = DEFAULT_QUEUE_PREFIX): Topology {
  return {
    prefix,
    stages: {
      fetch: {
        ...base,
        concurrency: 8,
        // A fetched page is not re-fetched for an hour: re-submitting a URL sooner reuses the result.
        removeOnComplete: { count: 10_000, age: HOUR },
        next: 'analyze',
        hostIntervalMs: 1000,
        limiter: { max: 50, duration: 1000 },
      },
      analyze: {
        ...base,
        // CPU-bound: each job at once is one analysis thread (AnalyzePool); `--concurrency` up to the cores.
        concurrency: 1,
        removeOnComplete: { count: 10_000, age: 24 * HOUR },
        next: 'index',
      },
      index: {
        ...base,
        // Workers with a store use the store's own default (ArticleStore.indexConcurrency) unless a
        // concurrency is given; this one applies where no store is at hand.
        concurrency: 1,
        removeOnComplete: { count: 10_000, age: 24 * HOUR },
        next: 'incidents',
      },
      incidents: {
        ...base,
        // Grouping holds one lock per queue prefix (src/driver/bullmq/incidents-lock.ts): more jobs at
        // once in a process would only wait for it. Extra workers are for availability, not speed.
        concurrency: 1,
        removeOnComplete: { count: 10_000, age: 24 * HOUR },
      },
    },
  };
}

export type TopologyOverrides = {
  prefix?: string;
  stages?: { [S in StageName]?: Partial<Topology['stages'][S]> };
  /** Applied to every stage (before per-stage overrides). */
  all?: Partial<StagePolicy>;
};

/** The default topology with some settings replaced (tests shorten locks and backoff). */
export function makeTopology(overrides: TopologyOverrides = {}): Topology {
  const t = defaultTopology(overrides.prefix);
  for (const stage of STAGES) {
    Object.assign(t.stages[stage], overrides.all, overrides.stages?.[stage]);
  }
  validateTopology(t);
  return t;
}

/** Queue names are derived, never typed: `<prefix>-<stage>` (BullMQ forbids `:` in queue names). */
export function queueName(topology: Pick<Topology, 'prefix'>, stage: StageName): string {
  return `${topology.prefix}-${stage}`;
}

export function isStageName(name: string): name is StageName {
  return (STAGES as readonly string[]).includes(name);
}

function validateTopology(t: Topology): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(t.prefix)) {
    throw new RangeError(`queue prefix "${t.prefix}" may only contain letters, digits, "_", "." and "-"`);
  }
  for (const stage of STAGES) {
    const s = t.stages[stage];
    if (!Number.isInteger(s.concurrency) || s.concurrency < 1)
      throw new RangeError(`${stage}: concurrency must be ≥ 1`);
    if (!Number.isInteger(s.attempts) || s.attempts < 1)
      throw new RangeError(`${stage}: attempts must be ≥ 1`);
    if (s.backoff.jitter < 0 || s.backoff.jitter > 1)
      throw new RangeError(`${stage}: backoff jitter must be in 0..1`);
  }
}
