/**
 * Bounded crawl state, against the real Redis the suite started: a finished run leaves no key of its own
 * behind (only the frontier's run record and counter, and `seen` with a TTL), `seen` entries whose recrawl
 * interval is over are trimmed and their URLs are fetchable again, the number of keys stays the same over
 * many runs, and host slots expire. Time is controlled with short recrawl intervals (tens of ms) and
 * waits past them; nothing asserts how fast anything ran. The local SQLite state is pruned too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlKeyBase, type QueueItem, SharedFrontier } from '../../src/crawl/shared-frontier.ts';
import { CrawlState } from '../../src/crawl/state.ts';
import { blockHost, reserveSlot } from '../../src/redis/host-slot.ts';

const url = process.env.KHABAR_TEST_REDIS_URL;
if (!url)
  throw new Error('KHABAR_TEST_REDIS_URL is not set: run the suite with `npm test` (it starts Redis)');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const prefix = `bounds${process.pid}`;
let redis: Redis;
let frontierNo = 0;

beforeAll(() => {
  redis = new Redis(url, { maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  const keys = await redis.keys(`${crawlKeyBase(prefix)}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** A fresh frontier name, and its key base. */
function newFrontier(): { name: string; base: string } {
  const name = `f${++frontierNo}`;
  return { name, base: `${crawlKeyBase(prefix)}:{${name}}` };
}

function item(key: string, kind: QueueItem['kind'], recrawlMs: number, shape?: string): QueueItem {
  return {
    request: { url: key, uniqueKey: key, userData: { key, site: 0, label: 'page', depth: 1 } },
    kind,
    ...(shape ? { shape } : {}),
    trapLimit: 100,
    recrawlMs,
  };
}

/** Fetch and handle everything queued, then ask whether the run is over. */
async function drain(f: SharedFrontier): Promise<boolean> {
  for (let r = await f.fetchNextRequest(); r; r = await f.fetchNextRequest()) await f.markRequestHandled(r);
  return f.isFinished();
}

/** Every key of one frontier with its TTL in ms (-1: none). */
async function keysOf(base: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const k of await redis.keys(`${base}:*`)) out.set(k.slice(base.length + 1), await redis.pttl(k));
  return out;
}

/** One run of `n` new pages (and two entry points, one trap-budget shape). */
async function oneRun(name: string, tag: string, n: number, recrawlMs: number, idleMs = 60_000) {
  const f = await SharedFrontier.open(redis, { name, prefix, idleMs });
  const items = [
    item('https://x.in/feed.xml', 'entry', recrawlMs),
    item('https://x.in/', 'entry', recrawlMs),
  ];
  for (let i = 0; i < n; i++)
    items.push(item(`https://x.in/${tag}/story-${i}`, 'page', recrawlMs, i % 2 ? 'x.in/list/N' : undefined));
  const verdicts = await f.add(items, false);
  const finished = await drain(f);
  await f.close();
  return { f, verdicts, finished };
}

describe('shared frontier: bounded state in Redis', () => {
  it('a finished run leaves only the run record, its counter and a seen set that expires', async () => {
    const { name, base } = newFrontier();
    const { verdicts, finished } = await oneRun(name, 'a', 6, 3_600_000, 120_000);
    expect(verdicts.every((v) => v === 'queued')).toBe(true);
    expect(finished).toBe(true);
    const keys = await keysOf(base);
    expect([...keys.keys()].sort()).toEqual(['run', 'runs', 'seen']);
    // seen lives as long as its longest interval (1 h), no longer.
    expect(keys.get('seen')).toBeGreaterThan(0);
    expect(keys.get('seen')).toBeLessThanOrEqual(3_600_000);
    expect(await redis.zcard(`${base}:seen`)).toBe(6);
  });

  it('a run of pages shorter-lived than idleMs still keeps its keys for idleMs', async () => {
    const { name, base } = newFrontier();
    const f = await SharedFrontier.open(redis, { name, prefix, idleMs: 90_000 });
    await f.add([item('https://x.in/', 'entry', 10), item('https://x.in/a', 'page', 10, 'x.in/N')], false);
    const keys = await keysOf(base);
    for (const k of ['seen', `entries:${f.run.id}`, `shapes:${f.run.id}`]) {
      expect(keys.get(k), k).toBeGreaterThan(60_000);
      expect(keys.get(k), k).toBeLessThanOrEqual(90_000);
    }
    // Within the run a URL is queued once, however short its interval.
    await sleep(30);
    expect(await f.add([item('https://x.in/a', 'page', 10)], false)).toEqual(['present']);
    expect(await drain(f)).toBe(true);
    await f.close();
  });

  it('keys a late worker writes after the run closed expire instead of staying forever', async () => {
    const { name, base } = newFrontier();
    const a = await SharedFrontier.open(redis, { name, prefix, idleMs: 50_000 });
    const b = await SharedFrontier.open(redis, { name, prefix, idleMs: 50_000 });
    expect(b.run.id).toBe(a.run.id);
    expect(await drain(a)).toBe(true);
    await b.add([item('https://x.in/feed.xml', 'entry', 1000)], false);
    const ttl = await redis.pttl(`${base}:entries:${b.run.id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(50_000);
    expect(await drain(b)).toBe(true);
    expect(await redis.exists(`${base}:entries:${b.run.id}`)).toBe(0);
    await a.close();
    await b.close();
  });

  it('seen entries past their recrawl interval are trimmed and the URL is fetchable again', async () => {
    const { name, base } = newFrontier();
    const short = 'https://x.in/short/story-1';
    const long = 'https://x.in/long/story-1';
    const f1 = await SharedFrontier.open(redis, { name, prefix });
    expect(await f1.add([item(short, 'page', 40), item(long, 'page', 3_600_000)], false)).toEqual([
      'queued',
      'queued',
    ]);
    expect(await drain(f1)).toBe(true);
    await f1.close();
    await sleep(80); // past the short interval, well inside the long one

    const f2 = await SharedFrontier.open(redis, { name, prefix });
    expect(f2.run.id).toBe(f1.run.id + 1);
    // Opening the run trimmed the entry whose interval was over; the other one is kept.
    expect(await redis.zscore(`${base}:seen`, short)).toBeNull();
    expect(await redis.zscore(`${base}:seen`, long)).not.toBeNull();
    expect(await f2.add([item(short, 'page', 40), item(long, 'page', 3_600_000)], false)).toEqual([
      'queued',
      'fresh',
    ]);
    const fetched = await f2.fetchNextRequest();
    expect(fetched?.url).toBe(short);
    await f2.markRequestHandled(fetched!);
    expect(await drain(f2)).toBe(true);
    await f2.close();
  });

  it('the number of keys and seen entries stays the same over many runs', async () => {
    const { name, base } = newFrontier();
    const sizes: { keys: number; seen: number }[] = [];
    for (let run = 0; run < 25; run++) {
      const { verdicts, finished } = await oneRun(name, `r${run}`, 12, 15);
      expect(finished).toBe(true);
      expect(verdicts.filter((v) => v === 'queued')).toHaveLength(14);
      sizes.push({ keys: (await keysOf(base)).size, seen: await redis.zcard(`${base}:seen`) });
      await sleep(25); // the run's pages are past their interval when the next run opens
    }
    // Each run's 12 new pages replace the last run's: nothing accumulates.
    expect(Math.max(...sizes.map((s) => s.seen))).toBe(12);
    expect(Math.max(...sizes.map((s) => s.keys))).toBe(3);
    expect(Number(await redis.hget(`${base}:run`, 'id'))).toBe(25);
  });
});

describe('host slots', () => {
  it('expire: a slot after twice its interval, a back-off window when it ends', async () => {
    const slot = `${crawlKeyBase(prefix)}:host-slot:x.in`;
    const block = `${crawlKeyBase(prefix)}:host-block:x.in`;
    expect(await reserveSlot(redis, { slot, block }, 5_000)).toBe(0);
    const slotTtl = await redis.pttl(slot);
    expect(slotTtl).toBeGreaterThan(0);
    expect(slotTtl).toBeLessThanOrEqual(10_000);
    await blockHost(redis, block, 7_000);
    const blockTtl = await redis.pttl(block);
    expect(blockTtl).toBeGreaterThan(0);
    expect(blockTtl).toBeLessThanOrEqual(7_000);
  });
});

describe('local crawl state (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-state-bounds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drops finished runs’ trap budgets, old runs and pages past the retention, keeps unstored articles', async () => {
    const state = new CrawlState(dir);
    for (let i = 0; i < 5; i++) {
      const run = state.beginRun();
      state.setTrapShape(run.id, 'x.in/list/N', 3);
      state.recordFetch(`https://x.in/r${i}`, { status: 200, kind: 'page', run: run.id, stored: true });
      state.finishRun(run.id);
    }
    const open = state.beginRun();
    state.setTrapShape(open.id, 'x.in/list/N', 1);
    state.recordFetch('https://x.in/lost', { status: 200, kind: 'article', run: open.id, stored: false });
    expect(state.counts()).toEqual({ pages: 6, trapShapes: 1, runs: 6 });
    await sleep(10);
    state.prune(5, 2);
    // The open run keeps its budget and its unstored article; two finished runs are kept.
    expect(state.counts()).toEqual({ pages: 1, trapShapes: 1, runs: 3 });
    expect(state.unstored(open.id)).toEqual(['https://x.in/lost']);
    state.prune(3_600_000);
    expect(state.counts().pages).toBe(1);
    state.close();
  });
});
