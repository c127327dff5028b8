/**
 * Crawl throughput: a generated 10,000-page news site on loopback (100 section pages × 99 articles + home),
 * politeness off, crawled into a counting driver (so the numbers are the crawler's, not the NLP
 * pipeline's). Prints pages/s and peak RSS for each concurrency level.
 *
 *   node --import tsx bench/crawl.mts [pages=10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../src/crawl/index.ts';
import type { IngestDriver } from '../src/driver/types.ts';
import { emptySummary } from '../src/pipeline/document.ts';

const PAGES = Number(process.argv[2] ?? 10_000);
const SECTIONS = 100;
const PER = Math.max(1, Math.floor((PAGES - 1 - SECTIONS) / SECTIONS) + 1);

const para = (s: number, a: number) =>
  `<p>Officials in district ${s} said on Monday that relief work after the storm was continuing in ${a} villages, and that teams had been sent to restore power and water supply before the end of the week.</p>`;

function article(s: number, a: number): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story ${s}-${a}</title><link rel="canonical" href="/a/${s}-${a}"><meta property="og:type" content="article"></head><body><nav><a href="/">Home</a> <a href="/s/${s}">Section ${s}</a></nav><article><h1>Storm relief continues in district ${s}, story ${a}</h1>${para(s, a)}${para(s + 1, a + 1)}${para(s + 2, a + 2)}</article><aside><a href="/a/${s}-${(a + 1) % PER}">Next story</a></aside></body></html>`;
}

function section(s: number): string {
  const links = Array.from(
    { length: PER },
    (_, a) => `<li><a href="/a/${s}-${a}">Story ${s}-${a}</a></li>`,
  ).join('');
  return `<!DOCTYPE html><html><head><title>Section ${s}</title></head><body><ul>${links}</ul></body></html>`;
}

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
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Counts documents without analysing them: the benchmark measures the crawler. */
function countingDriver(): IngestDriver & { count: number } {
  const d = {
    count: 0,
    async ingest(items: AsyncIterable<unknown>) {
      const summary = emptySummary();
      for await (const _ of items) {
        d.count++;
        summary.total++;
        summary.counts.created++;
      }
      return summary;
    },
    async close() {},
  };
  return d;
}

const results: Record<string, Record<string, number>> = {};
for (const concurrency of [8, 32]) {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-crawl-'));
  const driver = countingDriver();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const s = await crawl({
    sites: [
      {
        name: 'bench',
        start: [`${base}/`],
        articlePatterns: ['^/a/\\d+-\\d+$'],
        recrawlInterval: 0,
        politeness: { delay: 0, perHostConcurrency: concurrency },
        limits: { maxDepth: 3, trapLimit: 100_000, maxRetries: 1 },
        allowLoopback: true,
      },
    ],
    stateDir: join(dir, 'state'),
    driver,
    concurrency,
  });
  clearInterval(sampler);
  results[`concurrency ${concurrency}`] = {
    pages: s.fetched,
    articles: s.articles,
    seconds: Math.round(s.seconds * 10) / 10,
    'pages/s': Math.round(s.pagesPerSecond),
    'peak RSS MB': Math.round(peak / 1048576),
    errors: Object.values(s.errors).reduce((a, b) => a + b, 0),
  };
  console.log(`concurrency ${concurrency}:`, results[`concurrency ${concurrency}`]);
  rmSync(dir, { recursive: true, force: true });
}
server.close();
console.table(results);

export { results };
