/**
 * Waits for jobs to end, for the driver: one QueueEvents listener per stage, one promise per awaited job.
 * A job's end is read from the events stream ("completed" with its return value, "failed" only after the
 * last attempt); a job that ended before anyone waited is read from Redis instead, so no end is missed.
 */
import { QueueEvents, type RedisOptions } from 'bullmq';
import { queueName, STAGES, type StageName, type Topology } from '../../pipeline/topology.ts';
import { failureOf, type StageQueues } from './queues.ts';

export type JobEnd =
  | { state: 'completed'; value: unknown }
  | { state: 'failed'; reason: string; permanent: boolean };

export class JobWatcher {
  readonly #queues: StageQueues;
  readonly #events: QueueEvents[] = [];
  readonly #waiters = new Map<string, Set<(end: JobEnd) => void>>();

  constructor(
    topology: Topology,
    queues: StageQueues,
    connection: RedisOptions,
    onError: (e: Error) => void = () => {},
  ) {
    this.#queues = queues;
    for (const stage of STAGES) {
      const events = new QueueEvents(queueName(topology, stage), { connection });
      events.on('error', onError);
      events.on('completed', ({ jobId, returnvalue }) =>
        this.#settle(stage, jobId, { state: 'completed', value: returnvalue }),
      );
      events.on('failed', ({ jobId, failedReason }) => {
        if (!this.#waiters.has(key(stage, jobId))) return;
        // The event carries only the message; whether it was permanent is on the job (its last stack).
        this.#queues[stage]
          .getJob(jobId)
          .then((job) => (job ? failureOf(job).permanent : false))
          .catch(() => false)
          .then((permanent) =>
            this.#settle(stage, jobId, { state: 'failed', reason: failedReason, permanent }),
          );
      });
      this.#events.push(events);
    }
  }

  /** Resolves once every listener is connected (events from then on are seen). */
  async ready(): Promise<void> {
    await Promise.all(this.#events.map((e) => e.waitUntilReady()));
  }

  /** The end of a job: completed with its return value, or failed after its last attempt. */
  wait(stage: StageName, jobId: string): Promise<JobEnd> {
    return new Promise<JobEnd>((resolve, reject) => {
      const k = key(stage, jobId);
      const waiters = this.#waiters.get(k) ?? new Set();
      this.#waiters.set(k, waiters);
      const done = (end: JobEnd) => {
        const w = this.#waiters.get(k);
        w?.delete(done);
        if (w?.size === 0) this.#waiters.delete(k);
        resolve(end);
      };
      waiters.add(done);
      // Registered first, then looked up: a job that ends in between is caught one way or the other.
      this.#current(stage, jobId).then((end) => {
        if (end && this.#waiters.get(k)?.has(done)) done(end);
      }, reject);
    });
  }

  async #current(stage: StageName, jobId: string): Promise<JobEnd | undefined> {
    const queue = this.#queues[stage];
    const state = await queue.getJobState(jobId);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return undefined;
    const job = await queue.getJob(jobId);
    if (!job)
      return {
        state: 'failed',
        reason: `lost: job ${jobId} no longer exists in queue ${queue.name}`,
        permanent: false,
      };
    if (state === 'completed') return { state: 'completed', value: job.returnvalue };
    if (state === 'failed') return { state: 'failed', ...failureOf(job) };
    return undefined;
  }

  #settle(stage: StageName, jobId: string, end: JobEnd): void {
    const waiters = this.#waiters.get(key(stage, jobId));
    if (!waiters) return;
    for (const w of [...waiters]) w(end);
  }

  async close(): Promise<void> {
    for (const e of this.#events.reverse()) {
      try {
        await e.close();
      } catch {
        // closing anyway
      }
    }
  }
}

function key(stage: StageName, jobId: string): string {
  return `${stage}\u0000${jobId}`;
}
