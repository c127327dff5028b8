/**
 * Producer side of the BullMQ topology: one Queue per stage, adding jobs with the topology's retry policy,
 * reading how a job ended, counting jobs per state and re-driving failed jobs.
 */
import { type Job, type JobsOptions, Queue, type RedisOptions } from 'bullmq';
import {
  queueName,
  STAGES,
  type StageName,
  type StagePolicy,
  type Topology,
} from '../../pipeline/topology.ts';
import { validators } from './payloads.ts';

export type StageQueues = Record<StageName, Queue>;

/** One Queue per stage. The caller owns them: {@link closeQueues}. */
export function openQueues(
  topology: Topology,
  connection: RedisOptions,
  onError?: (e: Error) => void,
): StageQueues {
  const queues = {} as StageQueues;
  for (const stage of STAGES) {
    const q = new Queue(queueName(topology, stage), { connection });
    q.on('error', onError ?? (() => {}));
    queues[stage] = q;
  }
  return queues;
}

export async function closeQueues(queues: Partial<StageQueues>): Promise<void> {
  for (const stage of [...STAGES].reverse()) {
    try {
      await queues[stage]?.close();
    } catch {
      // already closed, or Redis gone: nothing left to release
    }
  }
}

/** BullMQ options of one job of a stage, from the topology. */
export function jobOptions(policy: StagePolicy, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: policy.attempts,
    backoff: { ...policy.backoff },
    removeOnComplete: { ...policy.removeOnComplete },
    removeOnFail: policy.removeOnFail,
  };
}

/** A failed job's error, and whether it failed for good at once (permanent) or ran out of attempts. */
export interface JobFailure {
  reason: string;
  permanent: boolean;
}

/**
 * Permanent failures are thrown as `UnrecoverableError` (see stages.ts): BullMQ records the stack of each
 * failed attempt, so the last one names the error class.
 */
export function failureOf(job: Pick<Job, 'failedReason' | 'stacktrace'>): JobFailure {
  const last = job.stacktrace?.at(-1) ?? '';
  return { reason: job.failedReason ?? 'unknown failure', permanent: last.startsWith('UnrecoverableError') };
}

export interface Enqueued {
  jobId: string;
  /** The job already existed (completed, queued or running): this submission adds no new work. */
  duplicate: boolean;
}

/**
 * Add a job unless one with the same id exists. A job that exists and failed for a transient reason is
 * retried (the submission asks for the work again); one that failed permanently is left as it is, and
 * its failure becomes this submission's outcome.
 *
 * `origin` names the handing-over job (`<id>@<created>`) and is stored in the payload: when that job is
 * retried after it already handed over (its worker died in between), its own earlier handoff is found
 * and not mistaken for a duplicate submission.
 *
 * Two producers adding the same new id at the same moment both see it as new; BullMQ still keeps one job,
 * so the work is done once and only the reported disposition (created vs unchanged) may be off.
 */
export async function enqueue(
  queue: Queue,
  stage: StageName,
  policy: StagePolicy,
  jobId: string,
  data: object,
): Promise<Enqueued> {
  validators[stage](data);
  const state = await queue.getJobState(jobId);
  if (state === 'unknown') {
    await queue.add(stage, data, jobOptions(policy, jobId));
    return { jobId, duplicate: false };
  }
  const job = await queue.getJob(jobId);
  if (!job) return enqueue(queue, stage, policy, jobId, data); // removed meanwhile
  const origin = (data as { origin?: string }).origin;
  const ours = origin !== undefined && job.data?.origin === origin;
  if (state === 'failed' && !failureOf(job).permanent) {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return { jobId, duplicate: false };
  }
  return { jobId, duplicate: !ours };
}

/** `origin` of the payloads a job hands over: the job's id and creation time (unique per incarnation). */
export function originOf(job: Pick<Job, 'id' | 'timestamp'>): string {
  return `${job.id}@${job.timestamp}`;
}

export const COUNT_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;
export type QueueCounts = Record<(typeof COUNT_STATES)[number], number>;

export async function countJobs(queue: Queue): Promise<QueueCounts> {
  return (await queue.getJobCounts(...COUNT_STATES)) as QueueCounts;
}

/** Worker connections currently attached to the queue (any process, any machine). */
export function countWorkers(queue: Queue): Promise<number> {
  return queue.getWorkersCount();
}

/**
 * Move failed jobs back to waiting with fresh attempts. Permanent failures (bad input) are skipped unless
 * `includePermanent`: retrying them cannot help. Returns how many jobs were re-queued and skipped.
 */
export async function retryFailed(
  queue: Queue,
  options: { includePermanent?: boolean } = {},
): Promise<{ retried: number; skipped: number }> {
  let retried = 0;
  let skipped = 0;
  const page = 100;
  for (;;) {
    // Retried jobs leave the failed set; skipped ones stay, so the next page starts after them.
    const jobs = await queue.getFailed(skipped, skipped + page - 1);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      if (!options.includePermanent && failureOf(job).permanent) {
        skipped++;
        continue;
      }
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        retried++;
      } catch {
        skipped++; // it changed state meanwhile (someone else retried or removed it)
      }
    }
  }
  return { retried, skipped };
}
