/**
 * Export streams: 10,000 articles (~120 MB of JSONL) leave the heap flat, because rows are read from a
 * cursor and written with backpressure. Holding the rows would keep tens of megabytes alive.
 *
 * What is measured is the heap that survives a full collection, at the 1,000th row and after the last:
 * garbage not yet collected says nothing about what the export holds, and sampling it made the check
 * depend on when V8 chose to collect.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

/** A full, synchronous collection; vitest's workers are not started with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

it('exports 10,000 articles with flat memory and every row once', async () => {
  const out = join(dir, 'all.jsonl');
  const gc = collector();
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  let atFirstThousand = 0;
  const n = await exportArticles(
    store,
    {},
    {
      format: 'jsonl',
      out,
      onRecord: (k) => {
        if (k === 1000) atFirstThousand = live();
      },
    },
  );
  const atEnd = live();
  expect(n).toBe(N);
  const size = statSync(out).size;
  expect(size).toBeGreaterThan(100 * 1024 * 1024);
  expect(atFirstThousand).toBeGreaterThan(0);
  // Flat: 9,000 more rows (over 100 MB) leave less than 5 MB more live heap.
  console.log(
    `live heap after 1,000 rows ${(atFirstThousand / 2 ** 20).toFixed(1)} MB, after ${N} ${(atEnd / 2 ** 20).toFixed(1)} MB; wrote ${(size / 2 ** 20).toFixed(0)} MB`,
  );
  expect(atEnd - atFirstThousand).toBeLessThan(5 * 2 ** 20);
  const ids = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(out) })) ids.add(JSON.parse(line).id);
  expect(ids.size).toBe(N);
}, 180_000);
