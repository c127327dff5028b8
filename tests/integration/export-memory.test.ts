/**
 * Export streams: 10,000 articles (~120 MB of JSONL) leave the heap flat, because rows are read from a
 * cursor and written with backpressure. Holding the rows would grow the heap by more than the output size.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportArticles } from '../../src/export/index.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { syntheticArticle } from '../helpers/articles.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-export-'));
const store = new SqliteStore(join(dir, 'big.db'));
const N = 10_000;

beforeAll(async () => {
  await store.init();
  const filler = 'दिल्ली में बिजली कटौती से कई इलाकों में लोगों को परेशानी हुई और अस्पतालों में जनरेटर चलाने पड़े. ';
  // One article through the store's own write path, then 9,999 copies of its row under new ids: the
  // full-text indexing of 120 MB of Hindi would dominate the test and is not what it measures.
  const first = syntheticArticle({ n: 0, lang: 'hin', paragraphs: [`रिपोर्ट: ${filler.repeat(40)}`] });
  await store.upsert(first);
  const db = store.db;
  const row = db.prepare('SELECT * FROM articles WHERE id = ?').get(first.id) as Record<string, unknown>;
  const insert = db.prepare(
    'INSERT INTO articles (id, canonical_url, content_hash, site, language, published, published_ts, title, revision, ingested_at, updated_at, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  db.transaction(() => {
    for (let i = 1; i < N; i++) {
      const doc = JSON.stringify({ ...first, id: `copy-${i}`, contentHash: `${i}` });
      insert.run(
        `copy-${i}`,
        null,
        `${i}`,
        row.site,
        row.language,
        row.published,
        row.published_ts,
        row.title,
        1,
        row.ingested_at,
        row.updated_at,
        doc,
      );
    }
  })();
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('exports 10,000 articles with flat memory and every row once', async () => {
  const out = join(dir, 'all.jsonl');
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const n = await exportArticles(
    store,
    {},
    {
      format: 'jsonl',
      out,
      onRecord: (k) => {
        if (k % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    },
  );
  expect(n).toBe(N);
  const size = statSync(out).size;
  expect(size).toBeGreaterThan(100 * 1024 * 1024);
  // Flat: heap growth stays a small fraction of what was written.
  expect(peak - base).toBeLessThan(size / 4);
  const ids = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(out) })) ids.add(JSON.parse(line).id);
  expect(ids.size).toBe(N);
}, 180_000);
