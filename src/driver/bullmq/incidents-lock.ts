/**
 * The incidents stage's lock: one per queue prefix, held while a job groups its articles. Grouping reads
 * the candidate incidents an article could join, then writes merged or split records; two workers doing
 * that at once could each merge into a record the other is rewriting, and one write would be lost. The
 * incidents an article touches are only known once grouping has read them, so a lock per incident key
 * would have to be taken mid-way (and merges reach incidents through other keys): one lock for the stage
 * is the simple correct choice. Grouping is cheap next to analysis, so one writer at a time is not the
 * bottleneck; a second incidents worker takes over when the first dies (its lock lapses after `ttlMs`).
 *
 * `SET key token NX PX ttl` takes it; a Lua compare-and-delete releases it (only the holder's token), and a
 * compare-and-pexpire renews it while the job runs, so a long batch does not outlive its lease.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** The Redis key of the incidents lock of a queue prefix. */
export function incidentsLockKey(prefix: string): string {
  return `khabar:${prefix}:incidents-lock`;
}

/** A held lock: renewed in the background until released. */
export interface HeldLock {
  /** False once a renewal found the lock taken by someone else (the lease lapsed). */
  readonly held: boolean;
  release(): Promise<void>;
}

/** Take the lock, or return undefined when another holder has it. */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | undefined> {
  const token = randomBytes(12).toString('hex');
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return undefined;
  let held = true;
  // Renew at a third of the lease, so one missed renewal (a slow Redis round trip) does not lose it.
  const timer = setInterval(
    () => {
      redis.eval(RENEW, 1, key, token, String(ttlMs)).then(
        (r) => {
          if (r !== 1) held = false;
        },
        () => {
          // Redis unreachable: the lease may lapse; `held` stays as it was until a renewal answers.
        },
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    get held() {
      return held;
    },
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
