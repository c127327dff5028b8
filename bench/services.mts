/**
 * Throughput through the distributed path compared with the embedded one, in the same run: the same
 * documents through (a) the in-process driver into SQLite, (b) the BullMQ driver (workers in this
 * process) into SQLite, (c) the BullMQ driver into Elasticsearch, (d) as deployed: `khabar worker`
 * processes for analyze and index, this process only submitting, with the CPU each process spent per
 * document; plus the Elasticsearch bulk indexing rate for pre-analysed articles. Every driver analyses
 * with as many threads as the machine has cores. Documents are real pages (../shared/data/extraction-dev,
 * each page once per run) when that set is there, else the bundled samples with a marker paragraph each.
 * Starts its own Redis and Elasticsearch (scripts/services.mjs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startElasticsearch, startRedis } from '../scripts/services.mjs';
import type { Article } from '../src/core/types.ts';
import { BullMqDriver } from '../src/driver/bullmq/index.ts';
import { InProcessDriver } from '../src/driver/in-process.ts';
import type { IngestDriver } from '../src/driver/types.ts';
import { analyze } from '../src/pipeline/analyze.ts';
import type { SourceItem } from '../src/sources/files.ts';
import { ElasticsearchStore } from '../src/store/elasticsearch/es-store.ts';
import { SqliteStore } from '../src/store/embedded/sqlite-store.ts';
import type { ArticleStore } from '../src/store/types.ts';
import { bytesOf, extractionPages } from './real.mts';

const ROOT = join(import.meta.dirname, '..');

function pages(): { name: string; content: string; format: 'html' | 'text' }[] {
  const dir = join(ROOT, 'examples');
  return readdirSync(dir)
    .filter((f) => /\.(html|txt)$/.test(f))
    .map((f) => ({
      name: f,
      content: readFileSync(join(dir, f), 'utf8'),
      format: f.endsWith('.txt') ? 'text' : 'html',
    }));
}

const CORES = availableParallelism();
/** Quiet spell over which Elasticsearch's idle CPU is measured. */
const IDLE_SPELL_MS = 10_000;
const REAL_PAGES = join(ROOT, '..', 'shared', 'data', 'extraction-dev');

/** The real pages of extraction-dev, in the set's order, or none when the set is not beside the repo. */
function realPages(): Buffer[] {
  if (!existsSync(join(REAL_PAGES, 'evaldata.json'))) return [];
  return extractionPages(REAL_PAGES).map(bytesOf);
}

let real: Buffer[] | undefined;

/**
 * `n` distinct documents from real page `from` on (each page at most once per run; the warm-up takes pages
 * from the end), else made from the samples (a unique marker paragraph and URL each).
 */
async function* documents(n: number, tag: string, from = 0): AsyncGenerator<SourceItem> {
  real ??= realPages();
  if (real.length >= from + n) {
    for (let i = 0; i < n; i++)
      yield {
        doc: {
          source: `extraction-dev#${from + i}`,
          content: real[from + i]!,
          format: 'html',
          url: `https://bench.example.in/${tag}/${from + i}`,
        },
      };
    return;
  }
  const docs = pages();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length]!;
    const marker = `यह प्रति संख्या ${tag} ${i} है, जो केवल मापन के लिए बनाई गई है और इसमें कोई नई खबर नहीं है.`;
    // A distinct article each: the HTML samples name their own canonical URL, which would make every
    // copy of a sample a new revision of one article.
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(d.content)?.[1];
    const content =
      d.format === 'text'
        ? `${d.content}\n\n${marker}\n`
        : (canonical ? d.content.replaceAll(canonical, `${canonical}-copy-${tag}-${i}`) : d.content).replace(
            /<\/p>/,
            `</p><p>${marker}</p>`,
          );
    yield {
      doc: {
        source: `${d.name}#${i}`,
        content,
        format: d.format,
        url: `https://bench.example.in/${tag}/${i}`,
      },
    };
  }
}

async function time(
  driver: IngestDriver,
  n: number,
  tag: string,
): Promise<{ stored: number; perSecond: number }> {
  const started = performance.now();
  const s = await driver.ingest(documents(n, tag));
  const secs = (performance.now() - started) / 1000;
  await driver.close();
  return {
    stored: s.counts.created + s.counts.updated + s.counts.unchanged,
    perSecond: Math.round((s.total / secs) * 10) / 10,
  };
}

/**
 * CPU seconds (user + system) used so far by a process, or by every process of its group when `group`
 * (Elasticsearch's launcher starts the server JVM as a child), from /proc; undefined off Linux.
 */
function cpuSeconds(pid: number | undefined, group = false): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  const pids = group ? readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : [String(pid)];
  let ticks = 0;
  for (const p of pids) {
    let fields: string[];
    try {
      fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    } catch {
      continue; // exited meanwhile
    }
    if (group && Number(fields[2]) !== pid) continue; // field 5: process group
    ticks += Number(fields[11]) + Number(fields[12]); // fields 14, 15: utime, stime
  }
  return ticks / 100; // USER_HZ
}

/** Wait (up to a minute) until a process group spends under 30 ms of CPU a second, over 2 s spells. */
async function settle(pid: number): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const from = cpuSeconds(pid, true);
    await new Promise((r) => setTimeout(r, 2000));
    const to = cpuSeconds(pid, true);
    if (from === undefined || to === undefined || (to - from) / 2 < 0.03) return;
  }
}

/**
 * (d): one analyze and one index `khabar worker` process, as a deployment runs them; this process submits
 * and follows. Reports docs/s and the CPU milliseconds per document each process spent (`figures`), and
 * the seconds the timed part took with Elasticsearch's CPU seconds in them (to be read net of its idle).
 */
async function workerProcesses(
  redisUrl: string,
  es: { url: string; pid: number },
  n: number,
): Promise<{ figures: Record<string, number | string>; seconds: number; esCpuSeconds?: number }> {
  const prefix = `bench-d${process.pid}`;
  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    ELASTICSEARCH_URL: es.url,
    KHABAR_STORE: 'elasticsearch',
    KHABAR_ES_INDEX_PREFIX: prefix,
    KHABAR_QUEUE_PREFIX: prefix,
  };
  const bin = join(ROOT, 'bin', 'khabar.mjs');
  const workers: Record<string, ChildProcess> = {};
  for (const stage of ['analyze', 'index'])
    workers[stage] = spawn(
      process.execPath,
      [bin, 'worker', '--stage', stage, ...(stage === 'analyze' ? ['--concurrency', String(CORES)] : [])],
      { env, stdio: 'ignore' },
    );
  const driver = new BullMqDriver({ connection: redisUrl, prefix });
  try {
    await driver.open();
    for (let tries = 0; ; tries++) {
      const w = await driver.workerCounts();
      if (w.analyze > 0 && w.index > 0) break;
      if (tries > 600) throw new Error('the worker processes did not attach within a minute');
      await new Promise((r) => setTimeout(r, 100));
    }
    // JIT warm-up in every process (Elasticsearch's JVM needs more than a handful of bulks), then wait for
    // Elasticsearch to go quiet: merges left by the earlier parts of this bench are not (d)'s work.
    await driver.ingest(documents(500, 'd-warm', 450));
    await settle(es.pid);
    const pids = {
      'analyze worker': workers.analyze!.pid,
      'index worker': workers.index!.pid,
      submitter: process.pid,
      Elasticsearch: es.pid,
    };
    const cpu = () =>
      Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid, k === 'Elasticsearch')]));
    const before = cpu();
    const started = performance.now();
    const s = await driver.ingest(documents(n, 'd'));
    const secs = (performance.now() - started) / 1000;
    const out: Record<string, number | string> = {
      'BullMQ → Elasticsearch, worker processes, docs/s': Math.round((s.total / secs) * 10) / 10,
      'stored (d)': s.counts.created + s.counts.updated + s.counts.unchanged,
    };
    const after = cpu();
    for (const k of Object.keys(pids)) {
      const [b, a] = [before[k], after[k]];
      if (a !== undefined && b !== undefined)
        out[`(d) ${k} CPU ms/doc`] = Math.round(((a - b) / s.total) * 1000 * 10) / 10;
    }
    const [esBefore, esAfter] = [before.Elasticsearch, after.Elasticsearch];
    return {
      figures: out,
      seconds: secs,
      ...(esBefore !== undefined && esAfter !== undefined ? { esCpuSeconds: esAfter - esBefore } : {}),
    };
  } finally {
    await driver.close();
    await Promise.all(
      Object.values(workers).map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exitCode !== null) return resolve();
            w.once('exit', () => resolve());
            w.kill('SIGTERM');
          }),
      ),
    );
  }
}

export async function benchServices(n = 400): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-services-'));
  const [redis, es] = await Promise.all([startRedis(), startElasticsearch()]);
  const stores: ArticleStore[] = [];
  const open = async <T extends ArticleStore>(s: T) => {
    await s.init();
    stores.push(s);
    return s;
  };
  try {
    const a = await time(
      new InProcessDriver(await open(new SqliteStore(join(dir, 'a.db'))), { concurrency: CORES }),
      n,
      'a',
    );
    const b = await time(
      new BullMqDriver({
        connection: redis.url,
        prefix: 'bench-b',
        topology: { stages: { analyze: { concurrency: CORES } } },
        store: await open(new SqliteStore(join(dir, 'b.db'))),
      }),
      n,
      'b',
    );
    const esStore = await open(new ElasticsearchStore({ node: es.url, indexPrefix: 'bench-c' }));
    const c = await time(
      new BullMqDriver({
        connection: redis.url,
        prefix: 'bench-c',
        topology: { stages: { analyze: { concurrency: CORES } } },
        store: esStore,
      }),
      n,
      'c',
    );

    // Elasticsearch spends CPU whether or not it is written to (its own housekeeping, a refresh a second):
    // measured over a quiet spell, so the per-document figures of (d) can be read net of it.
    const esCpu = () => cpuSeconds(es.pid, true);
    await settle(es.pid);
    const idleFrom = esCpu();
    await new Promise((r) => setTimeout(r, IDLE_SPELL_MS));
    const idleTo = esCpu();
    const idleMsPerSecond =
      idleFrom !== undefined && idleTo !== undefined
        ? ((idleTo - idleFrom) * 1000) / (IDLE_SPELL_MS / 1000)
        : undefined;

    const d = await workerProcesses(redis.url, es, n);

    // Bulk indexing alone: pre-analysed real articles (the samples when the set is absent), each written
    // under ten distinct ids and content hashes.
    const sources =
      (real?.length ?? 0) >= n
        ? real!.slice(0, n).map((content) => ({ content, format: 'html' as const }))
        : pages();
    const base: Article[] = sources.map((p) => analyze({ content: p.content, format: p.format }));
    const bulkN = 10 * base.length;
    const articles = Array.from({ length: bulkN }, (_, i) => {
      const x = base[i % base.length]!;
      return {
        ...x,
        id: `bulk-${i}`,
        canonicalUrl: `https://bulk.example.in/${i}`,
        contentHash: `${i}-${x.contentHash}`,
      };
    });
    const bulkStore = await open(new ElasticsearchStore({ node: es.url, indexPrefix: 'bench-bulk' }));
    const bulkCpu0 = esCpu();
    const t0 = performance.now();
    for (let i = 0; i < bulkN; i += 500) await bulkStore.upsertMany(articles.slice(i, i + 500));
    const bulkSecs = (performance.now() - t0) / 1000;
    const bulkCpu1 = esCpu();
    return {
      documents: `${n} ${(real?.length ?? 0) >= n ? 'real pages (extraction-dev)' : 'bundled samples'}`,
      'analysis threads (cores)': CORES,
      'in-process → SQLite, docs/s': a.perSecond,
      'BullMQ → SQLite, docs/s': b.perSecond,
      'BullMQ → Elasticsearch, docs/s': c.perSecond,
      'stored (a/b/c)': `${a.stored}/${b.stored}/${c.stored}`,
      ...d.figures,
      ...(idleMsPerSecond !== undefined && d.esCpuSeconds !== undefined
        ? {
            'Elasticsearch idle CPU ms/s': Math.round(idleMsPerSecond),
            '(d) Elasticsearch CPU ms/doc less idle':
              Math.round(((d.esCpuSeconds * 1000 - idleMsPerSecond * d.seconds) / n) * 10) / 10,
          }
        : {}),
      'Elasticsearch bulk upsert, articles/s': Math.round(bulkN / bulkSecs),
      ...(bulkCpu0 !== undefined && bulkCpu1 !== undefined
        ? {
            'Elasticsearch bulk upsert CPU ms/article':
              Math.round(((bulkCpu1 - bulkCpu0) / bulkN) * 1000 * 100) / 100,
          }
        : {}),
    };
  } finally {
    for (const s of stores) await s.close().catch(() => {});
    await Promise.all([redis.destroy(), es.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
