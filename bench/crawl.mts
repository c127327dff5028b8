/**
 * Crawl throughput: a generated 10,000-page news site on loopback (100 section pages × 99 articles + home),
 * politeness off, crawled into a counting driver (so the numbers are the crawler's, not the NLP
 * pipeline's). In the same run: one worker with its local queue, one worker on a frontier shared in Redis,
 * and two workers (two processes) sharing that frontier. Each worker is its own process; pages/s is the
 * site's pages over the wall time of the whole crawl, peak RSS is per worker.
 *
 *   node --import tsx bench/crawl.mts [pages=10000]      (also part of `npm run bench`)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startRedis } from '../scripts/services.mjs';
import { type CrawlSummary, crawl } from '../src/crawl/index.ts';
import type { IngestDriver } from '../src/driver/types.ts';
import { emptySummary } from '../src/pipeline/document.ts';

const SECTIONS = 100;

const para = (s: number, a: number) =>
  `<p>Officials in district ${s} said on Monday that relief work after the storm was continuing in ${a} villages, and that teams had been sent to restore power and water supply before the end of the week.</p>`;

/** The generated site on a free loopback port. */
async function startSite(pages: number): Promise<{ base: string; server: Server }> {
  const per = Math.max(1, Math.floor((pages - 1 - SECTIONS) / SECTIONS) + 1);
  const article = (s: number, a: number) =>
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story ${s}-${a}</title><link rel="canonical" href="/a/${s}-${a}"><meta property="og:type" content="article"></head><body><nav><a href="/">Home</a> <a href="/s/${s}">Section ${s}</a></nav><article><h1>Storm relief continues in district ${s}, story ${a}</h1>${para(s, a)}${para(s + 1, a + 1)}${para(s + 2, a + 2)}</article><aside><a href="/a/${s}-${(a + 1) % per}">Next story</a></aside></body></html>`;
  const section = (s: number) =>
    `<!DOCTYPE html><html><head><title>Section ${s}</title></head><body><ul>${Array.from(
      { length: per },
      (_, a) => `<li><a href="/a/${s}-${a}">Story ${s}-${a}</a></li>`,
    ).join('')}</ul></body></html>`;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    let body: string | undefined;
    if (path === '/robots.txt') body = 'User-agent: *\nDisallow: /private/\n';
    else if (path === '/')
      body = `<html><body>${Array.from({ length: SECTIONS }, (_, s) => `<a href="/s/${s}">S${s}</a>`).join(' ')}</body></html>`;
    else {
      const s = /^\/s\/(\d+)$/.exec(path);
      const a = /^\/a\/(\d+)-(\d+)$/.exec(path);
      if (s) body = section(Number(s[1]));
      else if (a) body = article(Number(a[1]), Number(a[2]));
    }
    res.writeHead(body ? 200 : 404, {
      'content-type': path === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8',
    });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Counts documents without analysing them: the benchmark measures the crawler. */
function countingDriver(): IngestDriver {
  return {
    async ingest(items, onOutcome) {
      const summary = emptySummary();
      for await (const item of items) {
        summary.total++;
        summary.counts.created++;
        const source = (item as { doc: { source: string } }).doc.source;
        onOutcome?.({ source, disposition: 'created' });
      }
      return summary;
    },
    async close() {},
  };
}

interface WorkerResult {
  fetched: number;
  articles: number;
  errors: number;
  seconds: number;
  peakRssMb: number;
}

/** One crawl worker (run in a child process): `--worker base stateDir [redisUrl frontier]`. */
async function worker(base: string, stateDir: string, redisUrl?: string, frontier?: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  const s: CrawlSummary = await crawl({
    sites: [
      {
        name: 'bench',
        start: [`${base}/`],
        articlePatterns: ['^/a/\\d+-\\d+$'],
        recrawlInterval: 0,
        politeness: { delay: 0, perHostConcurrency: 8 },
        limits: { maxDepth: 3, trapLimit: 100_000, maxRetries: 1 },
        allowLoopback: true,
      },
    ],
    stateDir,
    driver: countingDriver(),
    concurrency: 8,
    ...(redis ? { shared: { redis, name: frontier!, prefix: 'bench' } } : {}),
  });
  clearInterval(sampler);
  redis?.disconnect();
  const r: WorkerResult = {
    fetched: s.fetched,
    articles: s.articles,
    errors: Object.values(s.errors).reduce((a, b) => a + b, 0),
    seconds: s.seconds,
    peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
  };
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

function runWorker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // Compiled (bin/runtime.mjs), this file runs as is; its TypeScript needs tsx.
      [
        ...(import.meta.url.endsWith('.mts') ? ['--import', 'tsx'] : []),
        fileURLToPath(import.meta.url),
        '--worker',
        ...args,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`crawl worker exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as WorkerResult);
    });
  });
}

/** One local worker, then one and two workers sharing a frontier in Redis, on the same generated site. */
export async function benchCrawl(pages = 10_000): Promise<Record<string, string | number>> {
  const { base, server } = await startSite(pages);
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-crawl-'));
  const out: Record<string, string | number> = { 'site pages': pages };
  try {
    const runs: [string, number, boolean][] = [
      ['1 worker, local queue', 1, false],
      ['1 worker, shared frontier', 1, true],
      ['2 workers, shared frontier', 2, true],
    ];
    for (const [label, n, shared] of runs) {
      const frontier = `f${Date.now()}`;
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          runWorker([base, join(dir, `${frontier}-${i}`), ...(shared ? [redis.url, frontier] : [])]),
        ),
      );
      const secs = (performance.now() - started) / 1000;
      const fetched = results.reduce((a, r) => a + r.fetched, 0);
      const crawlSecs = Math.max(...results.map((r) => r.seconds));
      out[`${label}: pages/s`] = Math.round(fetched / crawlSecs);
      out[`${label}: pages fetched`] = fetched;
      out[`${label}: articles`] = results.reduce((a, r) => a + r.articles, 0);
      out[`${label}: errors`] = results.reduce((a, r) => a + r.errors, 0);
      out[`${label}: peak RSS MB per worker`] = results.map((r) => r.peakRssMb).join(' / ');
      out[`${label}: pages per worker`] = results.map((r) => r.fetched).join(' / ');
      console.log(
        `crawl ${label}: ${fetched} pages in ${secs.toFixed(1)} s (${out[`${label}: pages/s`]} pages/s)`,
      );
    }
  } finally {
    server.close();
    await redis.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[2] === '--worker') {
  const [base, stateDir, redisUrl, frontier] = process.argv.slice(3);
  await worker(base!, stateDir!, redisUrl, frontier);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchCrawl(Number(process.argv[2] ?? 10_000));
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(44)} ${v}`);
}
