/**
 * Export benchmark: N synthetic articles in an embedded store, exported to Parquet, JSONL and CSV through
 * the same code path as `khabar export`. Reports rows/s and peak RSS during each export (sampled every
 * 20 ms) against the RSS before it: memory stays flat when the peak does not grow with N.
 * Results print as a table and are saved to bench/results/export.json. Numbers are measurements, not tests.
 *
 *   node --import tsx bench/export.mts                       100,000 articles, every format
 *   node --import tsx bench/export.mts --n 1000000           the 1,000,000-article run
 *   node --import tsx bench/export.mts --format parquet      one format only
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat, exportArticles } from '../src/export/index.ts';
import { SqliteStore } from '../src/store/embedded/sqlite-store.ts';
import { syntheticArticle } from '../tests/helpers/articles.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    format: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const N = Number(values.n);
if (!Number.isInteger(N) || N < 1) throw new Error(`--n must be a positive integer, got "${values.n}"`);
const formats = values.format ? [values.format as ExportFormat] : [...EXPORT_FORMATS];
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-export-'));

/** Fill the store in SQLite itself (a recursive CTE copies one real row N times with new ids, languages, sites and months). */
async function seed(store: SqliteStore): Promise<void> {
  const first = syntheticArticle({
    n: 0,
    lang: 'hin',
    paragraphs: [
      'दिल्ली में बिजली कटौती से कई इलाकों में लोगों को परेशानी हुई और अस्पतालों में जनरेटर चलाने पड़े.',
      'The municipal corporation said supply would be restored by evening, officials told reporters.',
    ],
  });
  await store.upsert(first);
  const sql = `
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
    INSERT INTO articles (id, canonical_url, content_hash, site, language, published, published_ts, title, revision, ingested_at, updated_at, doc)
    SELECT 'syn-' || i, NULL, printf('%064d', i),
      CASE i % 3 WHEN 0 THEN 'a.example.in' WHEN 1 THEN 'b.example.in' ELSE 'c.example.in' END,
      CASE i % 2 WHEN 0 THEN 'hin' ELSE 'eng' END,
      printf('2023-%02d-15T10:00:00+05:30', 1 + i % 12),
      a.published_ts, a.title || ' ' || i, 1, a.ingested_at, a.updated_at,
      json_set(a.doc, '$.id', 'syn-' || i, '$.contentHash', printf('%064d', i),
        '$.language', CASE i % 2 WHEN 0 THEN 'hin' ELSE 'eng' END,
        '$.site', CASE i % 3 WHEN 0 THEN 'a.example.in' WHEN 1 THEN 'b.example.in' ELSE 'c.example.in' END,
        '$.published', printf('2023-%02d-15T10:00:00+05:30', 1 + i % 12),
        '$.title', a.title || ' ' || i)
    FROM seq, articles a WHERE a.id = ?`;
  store.db.prepare(sql).run(N - 1, first.id);
}

const store = new SqliteStore(join(dir, 'bench.db'));
await store.init();
let t0 = performance.now();
await seed(store);
const seedS = (performance.now() - t0) / 1000;
console.log(`seeded ${N} articles in ${seedS.toFixed(1)} s (${mb(statSync(join(dir, 'bench.db')).size)} MB)`);

const results: Record<string, Record<string, number | string>> = {};
for (const format of formats) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const out = join(dir, `all.${format}`);
  t0 = performance.now();
  const n = await exportArticles(
    store,
    {},
    {
      format,
      out,
      onRecord: (k) => {
        if (k % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      },
    },
  );
  const secs = (performance.now() - t0) / 1000;
  clearInterval(timer);
  if (n !== N) throw new Error(`${format}: exported ${n} of ${N}`);
  results[format] = {
    rows: n,
    seconds: Math.round(secs * 10) / 10,
    rowsPerSecond: Math.round(n / secs),
    rssBeforeMB: mb(before),
    peakRssMB: mb(peak),
    rssGrowthMB: mb(peak - before),
    fileMB: mb(statSync(out).size),
  };
  console.log(`${format.padEnd(8)} ${JSON.stringify(results[format])}`);
  rmSync(out, { force: true });
}
await store.close();
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'export.json'),
  `${JSON.stringify({ n: N, seedSeconds: Math.round(seedS), node: process.version, results }, null, 2)}\n`,
);
console.table(results);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
