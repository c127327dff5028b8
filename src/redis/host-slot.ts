/**
 * Per-host politeness shared through Redis: a host's next free slot (and any back-off window after a 429 or
 * 503) is kept in Redis and reserved atomically, so N processes on M machines together send at most one
 * request per interval to a host. Used by the BullMQ fetch stage and by crawl workers sharing a frontier.
 * Times come from the Redis server's clock, so workers with skewed clocks still agree.
 */
import type { Redis } from 'ioredis';

const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local at = tonumber(redis.call('GET', KEYS[1]) or '0')
if KEYS[2] then at = math.max(at, tonumber(redis.call('GET', KEYS[2]) or '0')) end
if at <= now then
  if interval > 0 then redis.call('SET', KEYS[1], now + interval, 'PX', interval * 2) end
  return 0
end
return at - now`;

const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local at = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > at then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0`;

export interface HostSlotKeys {
  /** Holds the host's next free slot (epoch ms). */
  slot: string;
  /** Holds the end of a back-off window (epoch ms); optional. */
  block?: string;
}

/**
 * Reserve the host's next request slot: 0 when the caller may go now (the slot after it is booked), else
 * how many ms to wait before asking again.
 */
export async function reserveSlot(redis: Redis, keys: HostSlotKeys, intervalMs: number): Promise<number> {
  const k = keys.block ? [keys.slot, keys.block] : [keys.slot];
  return Number(await redis.eval(RESERVE, k.length, ...k, String(Math.max(0, Math.round(intervalMs)))));
}

/** Keep every worker off the host for `ms` (Retry-After); an existing longer window is kept. */
export async function blockHost(redis: Redis, blockKey: string, ms: number): Promise<void> {
  if (ms <= 0) return;
  await redis.eval(BLOCK, 1, blockKey, String(Math.round(ms)));
}
