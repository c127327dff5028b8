/**
 * Redis memory per unit of work, measured on a real redis-server (its own, or REDIS_URL's with a unique
 * prefix): bytes per URL in the shared crawl frontier (`seen`, and a queued request) and bytes per job of
 * each BullMQ stage with realistic payloads (a URL; an example page; the article analysed from it). Prints
 * a table and the sizing rule for the README. Uses `MEMORY USAGE … SAMPLES 0` (exact) for the frontier
 * keys and the `INFO memory` used_memory delta for everything else.
 *
 *   node --import tsx bench/redis-sizing.mts [urls=20000] [jobs=2000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startRedis } from '../scripts/services.mjs';
import { type QueueItem, SharedFrontier } from '../src/crawl/shared-frontier.ts';
import { encodeDocument, fetchJobId } from '../src/driver/bullmq/payloads.ts';
import { jobOptions } from '../src/driver/bullmq/queues.ts';
import { analyze } from '../src/pipeline/analyze.ts';
import { makeTopology, queueName } from '../src/pipeline/topology.ts';
import { parseInfo } from '../src/redis/memory.ts';

const ROOT = join(import.meta.dirname, '..');
const URLS = Number(process.argv[2] ?? 20_000);
const JOBS = Number(process.argv[3] ?? 2_000);

const server = process.env.REDIS_URL ? undefined : await startRedis();
const url = process.env.REDIS_URL ?? server!.url;
const redis = new Redis(url, { maxRetriesPerRequest: 2 });
const tag = `sizing${process.pid}`;

const used = async () => Number(parseInfo(await redis.info('memory')).get('used_memory'));
const usage = async (key: string) => Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);

/** A story URL of the usual length (~110 characters): section, city, slug and numeric id. */
const storyUrl = (i: number) =>
  `https://www.example-samachar.in/rajya/uttar-pradesh/lucknow/news/nagar-nigam-ne-jal-aapurti-ki-nayi-yojana-${100_000_000 + i}.html`;

async function frontier(): Promise<Record<string, number>> {
  const f = await SharedFrontier.open(redis, { name: 'sizing', prefix: tag });
  const base = f.run.queue;
  const before = await used();
  for (let i = 0; i < URLS; i += 500) {
    const items: QueueItem[] = [];
    for (let j = i; j < Math.min(URLS, i + 500); j++) {
      const key = storyUrl(j);
      items.push({
        request: { url: key, uniqueKey: key, userData: { key, site: 0, label: 'page', depth: 2 } },
        kind: 'page',
        trapLimit: 1000,
        recrawlMs: 24 * 3_600_000,
      });
    }
    await f.add(items, false);
  }
  const queued = (await used()) - before;
  const seen = await usage(`${base}:seen`);
  const pending = await usage(`${base}:pending`);
  for (let r = await f.fetchNextRequest(); r; r = await f.fetchNextRequest()) await f.markRequestHandled(r);
  await f.isFinished();
  await f.close();
  const after = (await used()) - before;
  return {
    'url length (chars)': storyUrl(0).length,
    'seen entry (MEMORY USAGE)': seen / URLS,
    'queued request (MEMORY USAGE)': pending / URLS,
    'seen + queued (used_memory)': queued / URLS,
    'after the run: seen only (used_memory)': after / URLS,
  };
}

/** The example pages (HTML), and the article analysed from the first. */
function examples(): { html: string[]; name: string[] } {
  const dir = join(ROOT, 'examples');
  const name = readdirSync(dir).filter((f) => f.endsWith('.html'));
  return { name, html: name.map((f) => readFileSync(join(dir, f), 'utf8')) };
}

async function jobs(): Promise<Record<string, number>> {
  const topology = makeTopology({ prefix: tag });
  const { html, name } = examples();
  const article = await analyze({ content: html[0]!, format: 'html', url: 'https://www.example.in/a-1' });
  const out: Record<string, number> = {};
  const stages = [
    ['fetch', (i: number) => ({ source: storyUrl(i), url: storyUrl(i) })],
    [
      'analyze',
      (i: number) => ({
        ...encodeDocument({ source: `${name[0]}#${i}`, content: html[i % html.length]!, format: 'html' }),
        url: storyUrl(i),
      }),
    ],
    ['index', (i: number) => ({ source: storyUrl(i), article: { ...article, id: `a${i}` } })],
  ] as const;
  for (const [stage, payload] of stages) {
    const q = new Queue(queueName(topology, stage), { connection: redisOpts() });
    const policy = topology.stages[stage];
    const before = await used();
    let bytes = 0;
    for (let i = 0; i < JOBS; i++) {
      const data = payload(i);
      bytes += JSON.stringify(data).length;
      await q.add(
        stage,
        data,
        jobOptions(policy, stage === 'fetch' ? fetchJobId(storyUrl(i)) : `${stage}-${i}`),
      );
    }
    out[`${stage} job (used_memory)`] = ((await used()) - before) / JOBS;
    out[`${stage} payload JSON (chars)`] = bytes / JOBS;
    await q.obliterate({ force: true });
    await q.close();
  }
  return out;
}

function redisOpts(): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379) };
}

try {
  const figures = { ...(await frontier()), ...(await jobs()) };
  const rows = Object.entries(figures).map(
    ([k, v]) => `${k.padEnd(42)} ${Math.round(v).toString().padStart(8)}`,
  );
  process.stdout.write(`Redis memory, bytes per unit (${URLS} frontier URLs, ${JOBS} jobs per stage)\n`);
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  const keys = await redis.keys(`*${tag}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await server?.destroy();
}
