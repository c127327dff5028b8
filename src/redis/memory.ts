/**
 * Redis memory health. BullMQ needs `maxmemory-policy noeviction` (an evicted job key corrupts a queue), so
 * a full Redis refuses writes instead of dropping data: workers then stall. This module reads `INFO memory`
 * and says so *before* that happens: at `warnAt` (default 80 %) of `maxmemory`, when the policy would evict,
 * and when no `maxmemory` is set. `khabar` workers check it periodically (watchRedisMemory) and log each
 * change of level once.
 */
import { Redis, type RedisOptions } from 'ioredis';

export type MemoryLevel = 'ok' | 'unbounded' | 'high' | 'full' | 'evicting';

export interface MemoryStatus {
  /** `used_memory`, bytes. */
  used: number;
  /** `maxmemory`, bytes; 0 when unset. */
  max: number;
  policy: string;
  /** used / max, when max is set. */
  ratio?: number;
  level: MemoryLevel;
  /** One line for a log or a health listing. */
  message: string;
}

/** Share of `maxmemory` at which the warning starts. */
export const DEFAULT_WARN_AT = 0.8;
/**
 * Share of `maxmemory` counted as full: Redis refuses a write when memory *with the command being run*
 * passes the limit, so writes fail intermittently just below it (a refused 32 KB write leaves used_memory
 * under maxmemory once its buffer is freed).
 */
export const FULL_AT = 0.97;

/** `INFO memory` text → field map. */
export function parseInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

const mb = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;

/** Judge `INFO memory` figures. */
export function judgeMemory(
  used: number,
  max: number,
  policy: string,
  warnAt = DEFAULT_WARN_AT,
): MemoryStatus {
  const base = { used, max, policy, ...(max > 0 ? { ratio: used / max } : {}) };
  if (policy !== 'noeviction')
    return {
      ...base,
      level: 'evicting',
      message: `redis maxmemory-policy is ${policy}: BullMQ needs noeviction, or queued jobs can be evicted`,
    };
  if (max <= 0)
    return {
      ...base,
      level: 'unbounded',
      message: `redis uses ${mb(used)} with no maxmemory set: it can grow until the host runs out of memory`,
    };
  const pct = Math.round((used / max) * 100);
  if (used >= max * FULL_AT)
    return {
      ...base,
      level: 'full',
      message: `redis memory full (${mb(used)} of ${mb(max)}): writes are refused and workers stall; raise maxmemory or remove jobs`,
    };
  if (used / max >= warnAt)
    return {
      ...base,
      level: 'high',
      message: `redis memory at ${pct}% of maxmemory (${mb(used)} of ${mb(max)}): raise maxmemory, clear failed jobs (khabar queues) or slow the crawl before writes are refused`,
    };
  return { ...base, level: 'ok', message: `redis memory ${mb(used)} of ${mb(max)} (${pct}%)` };
}

/** Read and judge the memory of the Redis behind `redis`. */
export async function redisMemory(redis: Redis, warnAt = DEFAULT_WARN_AT): Promise<MemoryStatus> {
  const info = parseInfo(await redis.info('memory'));
  const num = (k: string) => Number(info.get(k) ?? '0') || 0;
  return judgeMemory(num('used_memory'), num('maxmemory'), info.get('maxmemory_policy') ?? 'unknown', warnAt);
}

export interface MemoryWatchOptions {
  /** How often to look. Default 60 s. */
  intervalMs?: number;
  warnAt?: number;
}

/** Levels a worker logs; `unbounded` (no maxmemory, as in a dev or test Redis) is only reported on request. */
const ALARMS = new Set<MemoryLevel>(['high', 'full', 'evicting']);

/**
 * Check Redis memory now and every `intervalMs`, calling `log` when it enters an alarming level (high, full,
 * evicting) or leaves them, so a worker's log says when memory runs high and when it is back to normal.
 * Uses its own connection; failures to read are ignored (the worker reports Redis outages itself).
 */
export function watchRedisMemory(
  connection: RedisOptions,
  log: (line: string) => void,
  options: MemoryWatchOptions = {},
): { check(): Promise<MemoryStatus | undefined>; stop(): Promise<void> } {
  const redis = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  let last: MemoryLevel = 'ok';
  const once = async (): Promise<MemoryStatus | undefined> => {
    try {
      const s = await redisMemory(redis, options.warnAt);
      if (ALARMS.has(s.level) && s.level !== last) log(`warning: ${s.message}`);
      else if (ALARMS.has(last) && !ALARMS.has(s.level)) log(`${s.message}: back to normal`);
      last = s.level;
      return s;
    } catch {
      return undefined;
    }
  };
  // One check at a time, so two overlapping checks never report the same change twice.
  let queue: Promise<unknown> = Promise.resolve();
  const check = (): Promise<MemoryStatus | undefined> => {
    const next = queue.then(once);
    queue = next;
    return next;
  };
  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? 60_000);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      redis.disconnect();
    },
  };
}
