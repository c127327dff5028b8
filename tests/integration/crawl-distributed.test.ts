/**
 * Distributed crawling: several crawl workers share one frontier in the real Redis the suite started.
 * `khabar crawl --driver bullmq` processes (with `khabar worker` processes analysing and indexing) store
 * the fixture sites' articles once, fetching no URL twice and keeping each host's delay across workers; a
 * second run inside the recrawl interval fetches only the entry points; a worker killed mid-crawl leaves
 * its pages, and the articles it had not stored yet, to the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlSummary } from '../../src/crawl/index.ts';
import { crawlKeyBase } from '../../src/crawl/shared-frontier.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import {
  type FixtureSites,
  type LoggedRequest,
  SPECIAL,
  startFixtureSites,
} from '../fixtures/site/server.ts';
import { ROOT } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';
import { spawnCrawl } from './crawl-helpers.ts';

const redis = process.env.KHABAR_TEST_REDIS_URL;
if (!redis)
  throw new Error('KHABAR_TEST_REDIS_URL is not set: run the suite with `npm test` (it starts Redis)');

const DELAY_MS = 120;

async function storedUrls(dbPath: string): Promise<string[]> {
  const store = new SqliteStore(dbPath);
  await store.init();
  const urls: string[] = [];
  for await (const a of store.export()) urls.push(a.canonicalUrl ?? a.url ?? a.id);
  await store.close();
  return urls.sort();
}

/** 200 responses per outlet+path, robots.txt left out (each worker reads it once per host). */
function fetchCounts(requests: LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests)
    if (r.status === 200 && r.path !== '/robots.txt')
      counts.set(`${r.outlet}${r.path}`, (counts.get(`${r.outlet}${r.path}`) ?? 0) + 1);
  return counts;
}

/** outlet+path of each outlet's article reached through a redirect chain. */
function redirectTargets(sites: FixtureSites): string[] {
  return [sites.hi, sites.en].map((o) => `${o.lang}${o.articles[SPECIAL.redirected]!.path}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('crawl: two `khabar crawl --driver bullmq` workers sharing a frontier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-crawl-shared-'));
  const prefix = `crawlshared${process.pid}`;
  const db = join(dir, 'khabar.db');
  const env = { REDIS_URL: redis, KHABAR_QUEUE_PREFIX: prefix, KHABAR_DB: db, KHABAR_DRIVER: 'bullmq' };
  const stageWorkers: ChildProcess[] = [];
  let sites: FixtureSites;
  let configs: string[];
  let runs: (CrawlSummary & { code: number })[];

  const crawlWorker = async (n: number) => {
    const r = await runCli(
      ['crawl', ...configs, '--json', '--concurrency', '4', '--state', join(dir, `state-${n}`)],
      { env },
    );
    // 3: some pages failed for good (the fixture site has its 404s, an oversized page ...).
    if (r.code !== 0 && r.code !== 3) throw new Error(`crawl worker ${n} exited ${r.code}: ${r.stderr}`);
    return { ...(JSON.parse(r.stdout) as CrawlSummary), code: r.code };
  };

  beforeAll(async () => {
    sites = await startFixtureSites({ slowMs: 300 });
    configs = (['hi', 'en'] as const).map((lang) => {
      const file = join(dir, `${lang}.json`);
      const cfg = sites.siteConfig(lang, {
        recrawlInterval: '1h',
        politeness: { delay: `${DELAY_MS}ms`, perHostConcurrency: 2 },
      });
      writeFileSync(file, JSON.stringify(cfg));
      return file;
    });
    for (const stage of ['analyze', 'index'])
      stageWorkers.push(
        spawn(process.execPath, [join(ROOT, 'bin/khabar.mjs'), 'worker', '--stage', stage], {
          cwd: ROOT,
          env: { ...process.env, ...env },
          stdio: 'ignore',
        }),
      );
    runs = await Promise.all([crawlWorker(1), crawlWorker(2)]);
  });
  afterAll(async () => {
    await Promise.all(stageWorkers.map(stop));
    await sites?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores exactly the expected articles, each once, with both workers doing part of the work', async () => {
    expect(await storedUrls(db)).toEqual(sites.expectedArticles());
    const created = runs.map((r) => r.ingest.counts.created);
    expect(created[0]! + created[1]!).toBe(20);
    expect(runs.map((r) => r.ingest.counts.failed + r.ingest.counts.rejected)).toEqual([0, 0]);
    for (const r of runs) {
      expect(r.fetched).toBeGreaterThan(5);
      expect(r.stopped).toBe(false);
    }
    // A redirect's target may also be reached by its direct link, by the other worker: then it can be sent
    // twice (stored once, as the counts above show).
    const counts = fetchCounts(sites.requests);
    const raced = redirectTargets(sites).reduce((n, k) => n + (counts.get(k) ?? 1) - 1, 0);
    const articles = runs[0]!.articles + runs[1]!.articles;
    expect(articles).toBeGreaterThanOrEqual(20);
    expect(articles).toBeLessThanOrEqual(20 + raced);
  });

  it('fetches no URL twice over both workers', () => {
    const counts = fetchCounts(sites.requests);
    const redirected = redirectTargets(sites);
    const twice = [...counts].filter(([k, c]) => c > 1 && !redirected.includes(k));
    expect(twice).toEqual([]);
    const articles = [...counts.keys()].filter(
      (k) => /^(?:hi|en)\/news\//.test(k) && !k.includes('budget-documents'), // that one is a PDF
    );
    expect(articles).toHaveLength(20);
    // Each worker read robots.txt once per host, and nothing disallowed was fetched.
    expect(sites.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(4);
    expect(sites.requests.filter((r) => r.path.startsWith('/premium/'))).toEqual([]);
  });

  it('keeps the per-host delay across workers', () => {
    for (const outlet of ['hi', 'en'] as const) {
      const times = sites.requests
        .filter((r) => r.outlet === outlet)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      expect(times.length).toBeGreaterThan(20);
      // Slots are reserved DELAY_MS apart in Redis, but a worker busy parsing may send a little after its
      // slot. Only the first request of a window can shorten it that way (the last cannot arrive before
      // its slot), so over any 16 consecutive requests the spacing must add up to 15 delays less at most
      // one delay of lateness; two workers each keeping only their own delay would take about half.
      const W = 16;
      const spans = times.slice(W - 1).map((t, i) => t - times[i]!);
      expect(Math.min(...spans)).toBeGreaterThanOrEqual((W - 2) * DELAY_MS);
    }
  });

  it('a later run inside the recrawl interval fetches the entry points, not the articles', async () => {
    const before = sites.requests.length;
    const again = await crawlWorker(3);
    const later = sites.requests.slice(before);
    expect(again.resumed).toBe(false);
    expect(later.filter((r) => /^\/news\//.test(r.path))).toEqual([]);
    expect(later.some((r) => r.path === '/feed.xml')).toBe(true);
    expect(again.skipped.fresh).toBeGreaterThanOrEqual(20);
    expect(again.articles).toBe(0);
  });
});

/** How long the surviving worker may take to finish the crawl alone (the test's own timeout is 180 s). */
const SURVIVOR_BUDGET_MS = 150_000;

/** What a shared frontier holds in Redis: queued requests, and leases with the ms each has left. */
async function frontierState(name: string): Promise<string> {
  const r = new Redis(redis!);
  try {
    const base = `${crawlKeyBase()}:{${name}}`;
    const [[, now], [, pending], [, leases]] = (await r
      .multi()
      .time()
      .lrange(`${base}:pending`, 0, 20)
      .zrange(`${base}:leases`, 0, -1, 'WITHSCORES')
      .exec()) as [[null, [string, string]], [null, string[]], [null, string[]]];
    const ms = Number(now[0]) * 1000 + Math.floor(Number(now[1]) / 1000);
    const left: string[] = [];
    for (let i = 0; i < leases.length; i += 2) left.push(`${leases[i]} ${Number(leases[i + 1]) - ms} ms`);
    const urls = pending.map((j) => (JSON.parse(j) as { url: string }).url);
    return `pending ${JSON.stringify(urls)}; leases ${JSON.stringify(left)}; run ${JSON.stringify(await r.hgetall(`${base}:run`))}`;
  } finally {
    r.disconnect();
  }
}

describe('crawl: a shared-frontier worker killed mid-crawl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-crawl-kill-'));
  const db = join(dir, 'khabar.db');
  let sites: FixtureSites;
  beforeAll(async () => {
    sites = await startFixtureSites({ slowMs: 200 });
  });
  afterAll(async () => {
    await sites?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves its leased pages and unstored articles to the survivor, and the result is complete', async () => {
    const config = sites.siteConfig('hi', { politeness: { delay: '40ms', perHostConcurrency: 2 } });
    const shared = { KHABAR_TEST_SHARED: `${redis},kill-test-${process.pid},1500` };
    const start = (n: number) => spawnCrawl(join(dir, `state-${n}`), db, [config], shared);
    const victim = start(1);
    // The survivor joins once the victim is crawling: started together, a victim slow to start on a loaded
    // machine found the survivor had fetched every article and finished without being killed.
    await victim.seen(/^\w+ http/gm, 1);
    const survivor = start(2);
    await victim.killAfter(/^article /gm, 2);
    await victim.exited;
    expect(
      victim.child.signalCode,
      `the victim was not killed: exit ${victim.child.exitCode}; output: ${victim.output().slice(-1500)}`,
    ).toBe('SIGKILL');
    // A survivor that never finishes fails here with what it was doing and what the frontier holds, not
    // at the test's timeout with nothing to go on.
    const stalled = await Promise.race([
      survivor.exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), SURVIVOR_BUDGET_MS)),
    ]);
    if (stalled) {
      const frontier = await frontierState(`kill-test-${process.pid}`);
      survivor.child.kill('SIGKILL');
      throw new Error(
        `the survivor did not finish within ${SURVIVOR_BUDGET_MS} ms; frontier: ${frontier}\n` +
          `its output (tail): ${survivor.output().slice(-2000)}\nits stderr (tail): ${survivor.errors().slice(-2000)}`,
      );
    }
    expect(survivor.child.exitCode).toBe(0);
    const line = survivor
      .output()
      .split('\n')
      .find((l) => l.startsWith('summary '));
    const summary = JSON.parse(line!.slice('summary '.length)) as CrawlSummary;
    expect(summary.stopped).toBe(false);
    expect(summary.fetched).toBeGreaterThan(0);
    expect(await storedUrls(db)).toEqual(sites.hi.articles.map((_, i) => sites.hi.url(i)).sort());
  });
});
