/**
 * Throughput through the distributed path compared with the embedded one, in the same run: the same
 * documents through (a) the in-process driver into SQLite, (b) the BullMQ driver (workers in this
 * process) into SQLite, (c) the BullMQ driver into Elasticsearch; plus the Elasticsearch bulk indexing
 * rate for pre-analysed articles. Starts its own Redis and Elasticsearch (scripts/services.mjs).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** `n` distinct documents made from the samples (a unique marker paragraph and URL each). */
async function* documents(n: number, tag: string): AsyncGenerator<SourceItem> {
  const docs = pages();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length]!;
    const marker = `यह प्रति संख्या ${tag} ${i} है, जो केवल मापन के लिए बनाई गई है और इसमें कोई नई खबर नहीं है.`;
    const content =
      d.format === 'text'
        ? `${d.content}\n\n${marker}\n`
        : d.content.replace(/<\/p>/, `</p><p>${marker}</p>`);
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

export async function benchServices(n = 300): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-services-'));
  const [redis, es] = await Promise.all([startRedis(), startElasticsearch()]);
  const stores: ArticleStore[] = [];
  const open = async <T extends ArticleStore>(s: T) => {
    await s.init();
    stores.push(s);
    return s;
  };
  try {
    const a = await time(new InProcessDriver(await open(new SqliteStore(join(dir, 'a.db')))), n, 'a');
    const b = await time(
      new BullMqDriver({
        connection: redis.url,
        prefix: 'bench-b',
        store: await open(new SqliteStore(join(dir, 'b.db'))),
      }),
      n,
      'b',
    );
    const esStore = await open(new ElasticsearchStore({ node: es.url, indexPrefix: 'bench-c' }));
    const c = await time(
      new BullMqDriver({ connection: redis.url, prefix: 'bench-c', store: esStore }),
      n,
      'c',
    );

    // Bulk indexing alone: pre-analysed articles, distinct ids and content hashes.
    const base: Article[] = pages().map((p) => analyze({ content: p.content, format: p.format }));
    const bulkN = 5000;
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
    const t0 = performance.now();
    for (let i = 0; i < bulkN; i += 500) await bulkStore.upsertMany(articles.slice(i, i + 500));
    const bulkSecs = (performance.now() - t0) / 1000;
    return {
      documents: n,
      'in-process → SQLite, docs/s': a.perSecond,
      'BullMQ → SQLite, docs/s': b.perSecond,
      'BullMQ → Elasticsearch, docs/s': c.perSecond,
      'stored (a/b/c)': `${a.stored}/${b.stored}/${c.stored}`,
      'Elasticsearch bulk upsert, articles/s': Math.round(bulkN / bulkSecs),
    };
  } finally {
    for (const s of stores) await s.close().catch(() => {});
    await Promise.all([redis.destroy(), es.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
