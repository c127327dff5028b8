/**
 * The shared frontier's Lua scripts (shared-frontier.ts): each is one atomic step on the frontier's keys,
 * so workers on any number of machines agree on what is queued, leased, seen and finished. Times come
 * from the Redis server's clock.
 *
 * Bounded state: `seen` is scored by when each URL's recrawl interval ends (not when it was seen), so one
 * ZREMRANGEBYSCORE at the start of a run drops every entry that can no longer make a URL `present` or
 * `fresh`, whatever each site's interval; the key itself expires once its last entry has. The per-run
 * keys (entry points, trap budget) are deleted when the run closes and carry an idle TTL in case a late
 * worker recreates them. What is left between runs is what the recrawl intervals still need.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS run, runs, seen. Returns {id, startedAt, joined, previousStart}. Opening a run trims `seen` of the
 * entries whose interval ended before it: they decide nothing any more.
 */
export const JOIN = `${NOW}
if redis.call('HGET', KEYS[1], 'active') == '1' then
  local r = redis.call('HMGET', KEYS[1], 'id', 'startedAt', 'previousStart')
  return {tonumber(r[1]), tonumber(r[2]), 1, tonumber(r[3] or '0')}
end
local prev = tonumber(redis.call('HGET', KEYS[1], 'startedAt') or '0')
local id = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'id', id, 'startedAt', now, 'active', '1', 'previousStart', prev)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
return {id, now, 0, prev}`;

/**
 * KEYS pending, seen, entries, shapes. ARGV forefront, runStart, idleMs, then 6 per item: key, json, kind,
 * shape, trapLimit, recrawlMs. Returns one verdict per item.
 *
 * A `seen` score is when the URL's interval ends (queued at + recrawlMs): `present` when it was queued in
 * this run (score − interval ≥ runStart), `fresh` while the score is in the future. The keys written get
 * TTLs: `seen` lives as long as its longest interval, the run's keys max(interval, idleMs) past the last
 * offer (idleMs keeps them through a run whose interval is shorter than the run).
 */
export const OFFER = `${NOW}
local out = {}
local runStart = tonumber(ARGV[2])
local keep = tonumber(ARGV[3])
local longest = 0
for b = 4, #ARGV, 6 do
  local key, json, kind, shape = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  local recrawl = tonumber(ARGV[b + 5])
  local verdict = 'queued'
  if kind == 'entry' then
    if redis.call('SADD', KEYS[3], key) == 0 then verdict = 'present' end
  elseif kind == 'page' then
    if recrawl > longest then longest = recrawl end
    local until_ = tonumber(redis.call('ZSCORE', KEYS[2], key) or '-1')
    if until_ >= 0 and until_ - recrawl >= runStart then
      verdict = 'present'
    elseif until_ > now then
      verdict = 'fresh'
    elseif shape ~= '' then
      if tonumber(redis.call('HGET', KEYS[4], shape) or '0') >= tonumber(ARGV[b + 4]) then
        verdict = 'trap'
      else
        redis.call('HINCRBY', KEYS[4], shape, 1)
      end
    end
    if verdict == 'queued' then redis.call('ZADD', KEYS[2], now + recrawl, key) end
  end
  if verdict == 'queued' then
    if ARGV[1] == '1' then redis.call('LPUSH', KEYS[1], json) else redis.call('RPUSH', KEYS[1], json) end
  end
  out[#out + 1] = verdict
end
local ttl = math.max(longest, keep)
-- Only lengthened: another site's longer interval may be keeping the set alive.
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('PEXPIRE', KEYS[4], ttl)
return out`;

/** KEYS pending, leases, inflight. ARGV leaseMs. Expired leases go back first; returns the request JSON. */
export const FETCH = `${NOW}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 32)
for _, k in ipairs(expired) do
  local j = redis.call('HGET', KEYS[3], k)
  redis.call('ZREM', KEYS[2], k)
  redis.call('HDEL', KEYS[3], k)
  if j then redis.call('LPUSH', KEYS[1], j) end
end
local j = redis.call('LPOP', KEYS[1])
if not j then return false end
local k = cjson.decode(j).uniqueKey
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), k)
redis.call('HSET', KEYS[3], k, j)
return j`;

/** KEYS leases, inflight, handled. ARGV uniqueKey. */
export const DONE = `redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return redis.call('INCR', KEYS[3])`;

/** KEYS pending, leases, inflight. ARGV uniqueKey, json, forefront. */
export const RECLAIM = `redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[3] == '1' then redis.call('LPUSH', KEYS[1], ARGV[2]) else redis.call('RPUSH', KEYS[1], ARGV[2]) end
return 1`;

/** KEYS leases. ARGV leaseMs, keys… Renews the leases still held (XX: never re-creates a lost one). */
export const RENEW = `${NOW}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
return 1`;

/** KEYS pending, leases. 1 when nothing is ready to fetch now (queue empty, no lease expired). */
export const EMPTY = `${NOW}
if redis.call('LLEN', KEYS[1]) > 0 then return 0 end
if redis.call('ZCOUNT', KEYS[2], '-inf', now) > 0 then return 0 end
return 1`;

/**
 * KEYS pending, leases, run, entries, shapes (the caller's run), handled. ARGV runId, then the caller's deferred
 * keys. 1 when nothing is queued or leased (the run is then closed and its own keys deleted); 2 when all
 * that is left are the caller's own deferred articles (it can stop fetching and drain its ingest); else 0.
 */
export const FINISH = `${NOW}
if redis.call('LLEN', KEYS[1]) > 0 then return 0 end
local leased = redis.call('ZCARD', KEYS[2])
if leased > 0 then
  if leased ~= #ARGV - 1 then return 0 end
  for i = 2, #ARGV do
    if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then return 0 end
  end
  return 2
end
if redis.call('HGET', KEYS[3], 'id') == ARGV[1] and redis.call('HGET', KEYS[3], 'active') == '1' then
  redis.call('HSET', KEYS[3], 'active', '0', 'finishedAt', now)
end
redis.call('DEL', KEYS[4], KEYS[5], KEYS[6])
return 1`;
