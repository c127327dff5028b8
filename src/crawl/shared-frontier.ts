/**
 * A crawl frontier in Redis, shared by crawl workers on any number of machines (`khabar crawl --driver
 * bullmq`). It is the request source Crawlee's CheerioCrawler reads from (Crawlee's `IRequestManager`
 * contract: fetch, mark handled, reclaim for a retry, empty/finished) and the target the frontier's
 * admission writes to. Every decision that must hold across workers is one atomic Lua script:
 *
 * - **No URL fetched twice within its recrawl interval.** A `seen` sorted set holds when each page URL was
 *   last queued; a URL is queued once per run (`present` after that), and not in a later run either while
 *   its interval lasts (`fresh`). Entry points (feeds, sitemaps, start pages) are queued once per run.
 * - **Trap budget.** Non-article URLs of one shape (calendars, endless pagination) are counted per run in
 *   Redis, so N workers together stay within one budget.
 * - **Leases.** A fetched request is leased, and the lease is renewed by a heartbeat while the worker is
 *   alive; a worker killed mid-page loses its lease and the request goes back to the queue for another.
 *   An article's lease is held until the ingest driver reports its document (`defer`/`settle`), so an
 *   article fetched by a worker that dies before its document is stored is fetched again elsewhere.
 * - **Runs.** The first worker opens a run; later ones join it; the run ends when nothing is queued or
 *   leased. A worker joining after that opens the next run (and re-reads the feeds).
 *
 * - **Bounded.** `seen` entries are dropped once their recrawl interval is over (trimmed when a run opens,
 *   the key expiring after its longest interval), a run's own keys go when it closes (and expire anyway),
 *   so over many runs Redis holds the open run's queue plus what the recrawl intervals still need.
 *
 * Times come from the Redis server's clock. Keys share a hash tag, so the scripts also run on a cluster.
 */
import { type IRequestManager, Request, type RequestOptions } from 'crawlee';
import type { Redis } from 'ioredis';
import { DONE, EMPTY, FETCH, FINISH, JOIN, OFFER, RECLAIM, RENEW } from './frontier-scripts.ts';
import type { RunInfo } from './state.ts';
import type { UserData } from './types.ts';

/** What became of a URL offered to the queue. */
export type Admission = 'queued' | 'present' | 'fresh' | 'trap';

/** A request offered to a frontier queue, with what the queue needs to admit it. */
export interface QueueItem {
  request: RequestOptions<UserData> & { uniqueKey: string };
  /** entry: once per run; page: once per recrawl interval, within the trap budget; resume: always. */
  kind: 'entry' | 'page' | 'resume';
  /** Shape of a non-article URL, counted against `trapLimit`. */
  shape?: string;
  trapLimit: number;
  recrawlMs: number;
}

/** Where the frontier puts admitted requests: a local Crawlee queue or the shared Redis one. */
export interface FrontierQueue {
  add(items: QueueItem[], forefront: boolean): Promise<Admission[]>;
}

/** Where shared crawl state lives in Redis for a deployment (`prefix`): frontiers below it, host slots too. */
export function crawlKeyBase(prefix = 'khabar'): string {
  return `khabar:${prefix}:crawl`;
}

export interface SharedFrontierOptions {
  /** Names the frontier: workers crawling the same sites give the same name. */
  name: string;
  /** Key prefix (the queue prefix), so several deployments can share one Redis. */
  prefix?: string;
  /** How long a fetched request stays leased without a heartbeat. Default 60 s. */
  leaseMs?: number;
  /**
   * How long the run's keys (and `seen`) outlive the last URL offered when the recrawl interval is shorter
   * than that: a run whose pages take longer than their interval still queues each URL once. Default 1 h.
   */
  idleMs?: number;
}

interface Stored {
  url: string;
  uniqueKey: string;
  userData: UserData;
  retryCount?: number;
}

export class SharedFrontier implements IRequestManager, FrontierQueue {
  readonly #redis: Redis;
  readonly #keys: Record<'run' | 'runs' | 'pending' | 'seen' | 'leases' | 'inflight' | 'handled', string>;
  readonly #entries: string;
  readonly #shapes: string;
  readonly #leaseMs: number;
  readonly #idleMs: number;
  readonly #held = new Map<string, Stored>();
  /** Held until the ingest driver reports the document (articles). */
  readonly #deferred = new Set<string>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly run: RunInfo;
  /** When the run before this one started (epoch ms), if there was one. */
  readonly previousRunStart: number | undefined;
  #handled = 0;
  /** Crawlee sets these on the request source; unused here. */
  internalTimeoutMillis = 60_000;
  requestLockSecs = 60;

  private constructor(redis: Redis, base: string, leaseMs: number, idleMs: number, joined: number[]) {
    this.#redis = redis;
    const [id, startedAt, wasActive, prev] = joined as [number, number, number, number];
    const k = (s: string) => `${base}:${s}`;
    this.#keys = {
      run: k('run'),
      runs: k('runs'),
      pending: k('pending'),
      seen: k('seen'),
      leases: k('leases'),
      inflight: k('inflight'),
      handled: k('handled'),
    };
    this.#entries = k(`entries:${id}`);
    this.#shapes = k(`shapes:${id}`);
    this.#leaseMs = leaseMs;
    this.#idleMs = idleMs;
    this.run = { id, queue: base, resumed: wasActive === 1, startedAt };
    this.previousRunStart = prev > 0 ? prev : undefined;
    this.#heartbeat = setInterval(() => void this.#renew(), Math.max(250, Math.floor(leaseMs / 3)));
    this.#heartbeat.unref();
  }

  /** Join the frontier's open run, or open the next one. */
  static async open(redis: Redis, options: SharedFrontierOptions): Promise<SharedFrontier> {
    const base = `${crawlKeyBase(options.prefix)}:{${options.name}}`;
    const k = (s: string) => `${base}:${s}`;
    const joined = (await redis.eval(JOIN, 3, k('run'), k('runs'), k('seen'))) as number[];
    return new SharedFrontier(redis, base, options.leaseMs ?? 60_000, options.idleMs ?? 3_600_000, joined);
  }

  async add(items: QueueItem[], forefront: boolean): Promise<Admission[]> {
    if (items.length === 0) return [];
    const args: string[] = [forefront ? '1' : '0', String(this.run.startedAt), String(this.#idleMs)];
    for (const it of items) {
      const stored: Stored = {
        url: it.request.url,
        uniqueKey: it.request.uniqueKey,
        userData: it.request.userData!,
      };
      args.push(
        it.request.uniqueKey,
        JSON.stringify(stored),
        it.kind,
        it.shape ?? '',
        String(it.trapLimit),
        String(it.recrawlMs),
      );
    }
    const { pending, seen } = this.#keys;
    return (await this.#redis.eval(
      OFFER,
      4,
      pending,
      seen,
      this.#entries,
      this.#shapes,
      ...args,
    )) as Admission[];
  }

  async fetchNextRequest<
    T extends Record<string, unknown> = Record<string, unknown>,
  >(): Promise<Request<T> | null> {
    const { pending, leases, inflight } = this.#keys;
    const json = (await this.#redis.eval(FETCH, 3, pending, leases, inflight, String(this.#leaseMs))) as
      | string
      | null;
    if (!json) return null;
    const s = JSON.parse(json) as Stored;
    this.#held.set(s.uniqueKey, s);
    const request = new Request({
      id: s.uniqueKey,
      url: s.url,
      uniqueKey: s.uniqueKey,
      userData: s.userData,
    });
    request.retryCount = s.retryCount ?? 0;
    return request as unknown as Request<T>;
  }

  async markRequestHandled(request: Request): Promise<null> {
    this.#handled++;
    // Deferred (its document is not stored yet), or settled already: nothing to release now.
    if (this.#deferred.has(request.uniqueKey) || !this.#held.has(request.uniqueKey)) return null;
    await this.#done(request.uniqueKey);
    return null;
  }

  /** Keep `key`'s lease after its page is handled, until `settle(key)`: its document is in the pipeline. */
  defer(key: string): void {
    if (this.#held.has(key)) this.#deferred.add(key);
  }

  /** The document of a deferred request was reported by the ingest driver: release its lease. */
  async settle(key: string): Promise<void> {
    if (!this.#deferred.delete(key)) return;
    await this.#done(key);
  }

  async #done(key: string): Promise<void> {
    const { leases, inflight, handled } = this.#keys;
    this.#held.delete(key);
    await this.#redis.eval(DONE, 3, leases, inflight, handled, key);
  }

  async reclaimRequest(request: Request, options: { forefront?: boolean } = {}): Promise<null> {
    const held = this.#held.get(request.uniqueKey);
    this.#held.delete(request.uniqueKey);
    this.#deferred.delete(request.uniqueKey);
    const stored: Stored = {
      url: request.url,
      uniqueKey: request.uniqueKey,
      userData: (held?.userData ?? request.userData) as UserData,
      retryCount: request.retryCount,
    };
    const { pending, leases, inflight } = this.#keys;
    await this.#redis.eval(
      RECLAIM,
      3,
      pending,
      leases,
      inflight,
      request.uniqueKey,
      JSON.stringify(stored),
      options.forefront ? '1' : '0',
    );
    return null;
  }

  /** Nothing ready to fetch now (other workers may still add more). */
  async isEmpty(): Promise<boolean> {
    return Number(await this.#redis.eval(EMPTY, 2, this.#keys.pending, this.#keys.leases)) === 1;
  }

  /**
   * Nothing queued, and nothing leased by any worker except this one's articles waiting for the ingest
   * driver: nothing more to fetch here. Once those are reported too, the run is over (and closed).
   */
  async isFinished(): Promise<boolean> {
    const { pending, leases, run, handled } = this.#keys;
    const verdict = await this.#redis.eval(
      FINISH,
      6,
      pending,
      leases,
      run,
      this.#entries,
      this.#shapes,
      handled,
      String(this.run.id),
      ...this.#deferred,
    );
    return Number(verdict) > 0;
  }

  async handledCount(): Promise<number> {
    return this.#handled;
  }

  getTotalCount(): number {
    return this.#handled + this.#held.size;
  }

  getPendingCount(): number {
    return this.#held.size;
  }

  /** Crawlee's `crawler.addRequests()` path; the crawl adds through `add` (with admission) instead. */
  async addRequest(): Promise<never> {
    throw new Error('the shared frontier takes requests through its admission (Frontier.enqueue)');
  }

  async addRequestsBatched(): Promise<never> {
    throw new Error('the shared frontier takes requests through its admission (Frontier.enqueue)');
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const r = await this.fetchNextRequest();
      if (!r) return;
      yield r;
    }
  }

  async #renew(): Promise<void> {
    if (this.#held.size === 0) return;
    try {
      await this.#redis.eval(RENEW, 1, this.#keys.leases, String(this.#leaseMs), ...this.#held.keys());
    } catch {
      // Redis unreachable for a moment: the next beat tries again; a lease lost meanwhile is re-fetched elsewhere.
    }
  }

  /** Stop the heartbeat and hand back (to the front of the queue) whatever this worker still holds. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    const { pending, leases, inflight } = this.#keys;
    for (const s of this.#held.values())
      await this.#redis.eval(RECLAIM, 3, pending, leases, inflight, s.uniqueKey, JSON.stringify(s), '1');
    this.#held.clear();
    this.#deferred.clear();
  }
}
