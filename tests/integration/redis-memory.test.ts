/**
 * The Redis memory warning against a real redis-server of its own (its maxmemory and policy are changed
 * here, which the suite's shared Redis must not see): silent while memory is low, a warning once past 80 %
 * of maxmemory, `full` when writes are refused (noeviction, as BullMQ requires), back to normal after
 * keys are deleted; a policy that evicts and an unset maxmemory are reported too.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../scripts/services.mjs';
import { judgeMemory, parseInfo, redisMemory, watchRedisMemory } from '../../src/redis/memory.ts';

const MB = 1024 * 1024;
let server: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await server?.destroy();
});

const used = async () => Number(parseInfo(await redis.info('memory')).get('used_memory'));

describe('redis memory warning', () => {
  it('reports an unset maxmemory and an evicting policy', async () => {
    await redis.config('SET', 'maxmemory', '0');
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    expect((await redisMemory(redis)).level).toBe('unbounded');
    await redis.config('SET', 'maxmemory', String(64 * MB));
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const s = await redisMemory(redis);
    expect(s.level).toBe('evicting');
    expect(s.message).toContain('noeviction');
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    expect((await redisMemory(redis)).level).toBe('ok');
  });

  it('warns past 80 % of maxmemory, says when writes are refused, and when it is back to normal', async () => {
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.config('SET', 'maxmemory', String(64 * MB));
    const lines: string[] = [];
    const watch = watchRedisMemory({ host: '127.0.0.1', port: server.port }, (l) => lines.push(l), {
      intervalMs: 3_600_000,
    });
    try {
      expect((await watch.check())?.level).toBe('ok');
      expect(lines).toEqual([]);

      const max = (await used()) + 10 * MB;
      await redis.config('SET', 'maxmemory', String(max));
      const chunk = 'x'.repeat(32 * 1024);
      let n = 0;
      while ((await used()) < max * 0.85) await redis.set(`fill:${n++}`, chunk);
      const high = await watch.check();
      expect(high?.level).toBe('high');
      expect(high!.ratio).toBeGreaterThanOrEqual(0.8);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^warning: redis memory at \d+% of maxmemory/);

      // Past maxmemory: noeviction refuses the write (nothing is evicted), and the status says full.
      let refused: Error | undefined;
      while (!refused && n < 10_000) await redis.set(`fill:${n++}`, chunk).catch((e: Error) => (refused = e));
      expect(refused?.message).toMatch(/OOM/);
      expect(await redis.exists('fill:0')).toBe(1);
      const full = await watch.check();
      expect(full?.level).toBe('full');
      expect(lines[1]).toMatch(/^warning: redis memory full/);

      const keys = await redis.keys('fill:*');
      await redis.del(...keys);
      expect((await watch.check())?.level).toBe('ok');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/back to normal$/);
      // No change, no line.
      await watch.check();
      expect(lines).toHaveLength(3);
    } finally {
      await watch.stop();
    }
  });

  it('judges figures at the threshold', () => {
    expect(judgeMemory(79, 100, 'noeviction').level).toBe('ok');
    expect(judgeMemory(80, 100, 'noeviction').level).toBe('high');
    expect(judgeMemory(95, 100, 'noeviction', 0.96).level).toBe('ok');
    expect(judgeMemory(96, 100, 'noeviction').level).toBe('high');
    expect(judgeMemory(97, 100, 'noeviction').level).toBe('full');
  });
});
