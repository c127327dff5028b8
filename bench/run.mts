/**
 * `npm run bench`: throughput and memory of the pipeline and the embedded store. `real` measures on real
 * pages and real Hindi text from ../shared/data, each document once per round with caches cleared (the
 * figure to quote); `analyze` and `stages` replay the bundled pages (labelled so: they measure caches too).
 * Results print as a table and are saved to bench/results/latest.json. Numbers here are
 * measurements, never test assertions.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- real         only the named ones (real, analyze, stages, ingest, export, services, crawl)
 *
 * `services` starts its own Redis and Elasticsearch (about a minute); `crawl` crawls a generated
 * 10,000-page loopback site with one worker and with two workers sharing a frontier in its own Redis
 * (a few minutes). Larger runs: bench/export.mts (1,000,000 rows), bench/incidents.mts (100,000 articles).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../src/core/config.ts';
import { setHeapGrowth } from '../src/core/heap.ts';
import { InProcessDriver } from '../src/driver/in-process.ts';
import { exportArticles } from '../src/export/index.ts';
import { analyze } from '../src/pipeline/analyze.ts';
import type { SourceItem } from '../src/sources/files.ts';
import { SqliteStore } from '../src/store/embedded/sqlite-store.ts';
import { timeStages } from './real.mts';

const ROOT = join(import.meta.dirname, '..');
// The heap as `khabar` runs it: the configured growth (core/heap.ts); package.json's `bench` script gives
// this thread the analysis threads' young generation (--max-semi-space-size=8).
setHeapGrowth(loadConfig(undefined, {}, { combinations: false }).heapGrowthPercent);
// A full collection between phases (one corpus's garbage is not timed against the next), without asking
// every caller for node --expose-gc.
setFlagsFromString('--expose-gc');
globalThis.gc ??= runInNewContext('gc') as typeof globalThis.gc;
const results: Record<string, Record<string, number | string>> = {};
/** What this process runs (bin/runtime.mjs): tsx's loader thread adds about 35 MB to the peak RSS figures. */
const RUNTIME = import.meta.url.endsWith('.mjs')
  ? 'compiled JavaScript (npm run build)'
  : 'TypeScript sources through tsx (a source changed since the build, or none: npm run build)';
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function pages(): { name: string; content: Buffer; format: 'html' | 'text' }[] {
  const dirs = [join(ROOT, 'examples'), join(ROOT, 'tests/fixtures/pages')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(html|txt)$/.test(f) && f !== 'empty.html')
      .map((f) => ({
        name: f,
        content: readFileSync(join(d, f)),
        format: f.endsWith('.txt') ? ('text' as const) : ('html' as const),
      })),
  );
}

function benchAnalyze(seconds = 10): void {
  const docs = pages();
  for (const d of docs) analyze({ content: d.content, format: d.format }); // warm-up: module init, regex compilation
  let n = 0;
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const d = docs[n % docs.length]!;
    analyze({ content: d.content, format: d.format });
    bytes += d.content.length;
    n++;
  }
  const secs = (performance.now() - started) / 1000;
  results['analyze (replayed bundled pages: measures caches)'] = {
    pages: docs.length,
    articles: n,
    'articles/s (1 core)': Math.round(n / secs),
    'MB/s': Math.round((bytes / 1048576 / secs) * 10) / 10,
    'ms/article': Math.round((secs / n) * 1000 * 100) / 100,
    'peak RSS MB': mb(process.resourceUsage().maxRSS * 1024),
  };
}

/**
 * Time per stage on the bundled pages replayed, and throughput with the NLP stages (entities, temporal,
 * incident) off and on. Replaying a few pages flatters the word caches: `npm run bench -- real` is the
 * figure for new stories.
 */
function benchStages(rounds = 30): Record<string, number> {
  // Rounds not timed: JIT warm-up.
  const { totals, timed } = timeStages(pages(), { rounds, warmup: 2 });
  const ms = (k: keyof typeof totals) => totals[k] / timed;
  const base = ms('decode') + ms('extract') + ms('clean') + ms('language');
  const nlp = ms('entities') + ms('temporal') + ms('incident');
  return {
    ...Object.fromEntries(
      (Object.keys(totals) as (keyof typeof totals)[]).map((k) => [
        `${k} ms/article`,
        Math.round(ms(k) * 100) / 100,
      ]),
    ),
    'articles/s, NLP off (to language)': Math.round(1000 / base),
    'articles/s, NLP on (all stages)': Math.round(1000 / (base + nlp)),
    'NLP-on / NLP-off throughput': Math.round((base / (base + nlp)) * 100) / 100,
  };
}

async function benchIngest(count = 3000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  await store.init();
  const docs = pages();
  async function* items(): AsyncGenerator<SourceItem> {
    for (let i = 0; i < count; i++) {
      const d = docs[i % docs.length]!;
      // A unique URL per copy makes each one a distinct article (the text is the same, so the store
      // recognises repeats of content: vary it a little too).
      const content =
        d.content.toString('utf8').replace('</body>', `<p hidden>${i}</p></body>`) + `\n<!-- ${i} -->`;
      yield {
        doc: {
          source: `${d.name}#${i}`,
          content,
          format: d.format,
          url: `https://bench.example.in/${i}/${d.name}`,
        },
      };
    }
  }
  const started = performance.now();
  const summary = await new InProcessDriver(store, { batchSize: 100 }).ingest(items());
  const secs = (performance.now() - started) / 1000;
  results.ingest = {
    documents: summary.total,
    stored: summary.counts.created + summary.counts.updated + summary.counts.unchanged,
    'documents/s (in-process → SQLite)': Math.round(summary.total / secs),
    'peak RSS MB': mb(process.resourceUsage().maxRSS * 1024),
  };
  const q0 = performance.now();
  let hits = 0;
  const queries = ['AIIMS', 'एम्स', 'सर्वर हैक', 'fire Mumbai', 'मरीजों', 'ransomware'];
  for (let i = 0; i < 60; i++)
    hits += (await store.search({ text: queries[i % queries.length], limit: 10 })).hits.length;
  results.search = {
    queries: 60,
    'ms/query (3000 articles)': Math.round(((performance.now() - q0) / 60) * 10) / 10,
    hits,
  };
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

async function benchExport(count = 10_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  await store.init();
  const base = analyze({
    content: readFileSync(join(ROOT, 'examples/en-indiawire-aiims-ehospital-restored.html')),
  });
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
      ...base,
      id: `bench-${i + k}`,
      contentHash: `${base.contentHash.slice(0, 50)}${String(i + k).padStart(14, '0')}`,
    }));
    await store.upsertMany(batch);
  }
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const started = performance.now();
  const n = await exportArticles(
    store,
    {},
    {
      format: 'jsonl',
      out: join(dir, 'out.jsonl'),
      onRecord: (k) => {
        if (k % 250 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      },
    },
  );
  const secs = (performance.now() - started) / 1000;
  results.export = { rows: n, 'rows/s (JSONL)': Math.round(n / secs), 'RSS growth MB': mb(peak - before) };
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const BENCHES = ['real', 'analyze', 'stages', 'ingest', 'export', 'services', 'crawl'];
// Options (`real` reads them) are not bench names: `npm run bench -- --rounds 1` runs every bench.
let only: string[];
let realOptions: { data?: string; rounds?: number };
try {
  const { positionals, values } = parseArgs({
    options: { data: { type: 'string' }, rounds: { type: 'string' } },
    allowPositionals: true,
  });
  only = positionals;
  const unknown = only.filter((name) => !BENCHES.includes(name));
  if (unknown.length > 0) throw new Error(`no bench named ${unknown.join(', ')}`);
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1))
    throw new Error(`--rounds takes a whole number from 1, not ${values.rounds}`);
  realOptions = { data: values.data, rounds };
} catch (e) {
  console.error(
    `npm run bench -- [${BENCHES.join('|')} ...] [--data DIR] [--rounds N]: ${(e as Error).message}`,
  );
  process.exit(2);
}
const want = (name: string) => only.length === 0 || only.includes(name);
if (want('real')) Object.assign(results, (await import('./real.mts')).benchReal(ROOT, realOptions));
if (want('analyze')) benchAnalyze();
if (want('stages')) {
  results['stages (replayed pages)'] = benchStages(30);
}
if (want('ingest')) await benchIngest();
if (want('export')) await benchExport();
if (want('services')) results.services = await (await import('./services.mts')).benchServices();
if (want('crawl')) results.crawl = await (await import('./crawl.mts')).benchCrawl(10_000);

console.log(`runtime: ${RUNTIME}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`\n${name}`);
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(36)} ${v}`);
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results/latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, runtime: RUNTIME, results }, null, 2)}\n`,
);
