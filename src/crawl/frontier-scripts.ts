/**
 * The shared frontier's Lua scripts (shared-frontier.ts): each is one atomic step on the frontier's keys,
 * so workers on any number of machines agree on what is queued, leased, seen and finished. Times come
 * from the Redis server's clock.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS run, runs. Returns {id, startedAt, joined, previousStart}. */
export const JOIN = `${NOW}
if redis.call('HGET', KEYS[1], 'active') == '1' then
  local r = redis.call('HMGET', KEYS[1], 'id', 'startedAt', 'previousStart')
  return {tonumber(r[1]), tonumber(r[2]), 1, tonumber(r[3] or '0')}
end
local prev = tonumber(redis.call('HGET', KEYS[1], 'startedAt') or '0')
local id = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'id', id, 'startedAt', now, 'active', '1', 'previousStart', prev)
return {id, now, 0, prev}`;

/**
 * KEYS pending, seen, entries, shapes. ARGV forefront, runStart, then 6 per item: key, json, kind, shape,
 * trapLimit, recrawlMs. Returns one verdict per item.
 */
export const OFFER = `${NOW}
local out = {}
local runStart = tonumber(ARGV[2])
for b = 3, #ARGV, 6 do
  local key, json, kind, shape = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  local verdict = 'queued'
  if kind == 'entry' then
    if redis.call('SADD', KEYS[3], key) == 0 then verdict = 'present' end
  elseif kind == 'page' then
    local at = tonumber(redis.call('ZSCORE', KEYS[2], key) or '-1')
    if at >= runStart then
      verdict = 'present'
    elseif at >= 0 and now - at < tonumber(ARGV[b + 5]) then
      verdict = 'fresh'
    elseif shape ~= '' then
      if tonumber(redis.call('HGET', KEYS[4], shape) or '0') >= tonumber(ARGV[b + 4]) then
        verdict = 'trap'
      else
        redis.call('HINCRBY', KEYS[4], shape, 1)
      end
    end
    if verdict == 'queued' then redis.call('ZADD', KEYS[2], now, key) end
  end
  if verdict == 'queued' then
    if ARGV[1] == '1' then redis.call('LPUSH', KEYS[1], json) else redis.call('RPUSH', KEYS[1], json) end
  end
  out[#out + 1] = verdict
end
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
 * KEYS pending, leases, run. ARGV runId, then the caller's deferred keys. 1 when nothing is queued or
 * leased (the run is then closed); 2 when all that is left are the caller's own deferred articles (it can
 * stop fetching and drain its ingest); else 0.
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
return 1`;
