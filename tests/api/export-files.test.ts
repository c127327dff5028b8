/**
 * File exports (the path `khabar export` takes): Parquet read back with DuckDB, dataset cards beside each
 * file, and no half-written file under the final name when an export is interrupted.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { cardPaths } from '../../src/export/card.ts';
import { exportArticles } from '../../src/export/index.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { analyzeExamples } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-export-files-'));
const dbPath = join(dir, 'khabar.db');
const store = new SqliteStore(dbPath);
let samples: Article[];

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

beforeAll(async () => {
  await store.init();
  samples = analyzeExamples();
  await store.upsertMany(samples);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('round-trips Parquet: DuckDB reads back every row with its fields and provenance', async () => {
  const out = join(dir, 'all.parquet');
  const n = await exportArticles(store, {}, { format: 'parquet', out });
  expect(n).toBe(samples.length);
  const [agg] = await query(
    `SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(CASE WHEN language = 'hin' THEN 1 ELSE 0 END) AS hin FROM '${out}'`,
  );
  expect(Number(agg!.n)).toBe(samples.length);
  expect(Number(agg!.ids)).toBe(samples.length);
  expect(Number(agg!.hin)).toBe(samples.filter((a) => a.language === 'hin').length);
  for (const a of samples.slice(0, 3)) {
    const [row] = await query(`SELECT * FROM '${out}' WHERE id = '${a.id}'`);
    expect(row).toMatchObject({
      title: a.title,
      language: a.language,
      published: a.published ?? null,
      content_hash: a.contentHash,
      pipeline_version: a.pipelineVersion,
      canonical_url: a.canonicalUrl ?? null,
      revision: 1,
      export_schema_version: '1',
    });
    expect(row!.entity_names).toEqual(a.entities.map((e) => e.canonical));
    expect(JSON.parse(row!.paragraphs_json as string)).toEqual(a.paragraphs);
  }
  expect(readdirSync(dir).filter((f) => f.includes('.partial') || f.endsWith('.duckdb'))).toEqual([]);
});

it('writes a dataset card (JSON + Markdown) beside each export', async () => {
  const out = join(dir, 'hindi.jsonl');
  await exportArticles(store, { lang: 'hin' }, { format: 'jsonl', out, licence: 'CC-BY test note' });
  const paths = cardPaths(out);
  expect(paths.json).toBe(join(dir, 'hindi.card.json'));
  const card = JSON.parse(readFileSync(paths.json, 'utf8'));
  const hin = samples.filter((a) => a.language === 'hin');
  expect(card).toMatchObject({
    format: 'jsonl',
    file: 'hindi.jsonl',
    query: { lang: 'hin' },
    records: hin.length,
  });
  expect(card.counts.language).toEqual({ hin: hin.length });
  expect(Object.values(card.counts.site as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(
    hin.length,
  );
  expect(Object.keys(card.counts.month).every((m) => /^\d{4}-\d{2}$|^unknown$/.test(m))).toBe(true);
  expect(card.schemaVersion).toBe('1');
  expect(card.licence).toBe('CC-BY test note');
  const md = readFileSync(paths.md, 'utf8');
  expect(md).toContain('| hin | ');
  expect(md).toContain('CC-BY test note');
});

it('leaves no file under the final name when an export is interrupted', async () => {
  const failing: ArticleStore = Object.create(store);
  failing.export = async function* (filter) {
    let i = 0;
    for await (const a of store.export(filter)) {
      if (++i > 3) throw new Error('connection lost');
      yield a;
    }
  };
  for (const format of ['parquet', 'jsonl', 'csv'] as const) {
    const out = join(dir, `broken.${format}`);
    await expect(exportArticles(failing, {}, { format, out })).rejects.toThrow('connection lost');
    expect(existsSync(out), format).toBe(false);
    expect(existsSync(cardPaths(out).json), format).toBe(false);
  }
  expect(readdirSync(dir).filter((f) => f.startsWith('.broken'))).toEqual([]);
});

it('khabar export --format parquet --out writes the file and its card', async () => {
  const out = join(dir, 'cli.parquet');
  const r = await runCli(['export', '--format', 'parquet', '--lang', 'eng', '--out', out, '--db', dbPath]);
  expect(r.stderr).toContain(`exported ${samples.filter((a) => a.language === 'eng').length} articles`);
  expect(r.code).toBe(0);
  const [row] = await query(`SELECT count(*) AS n, min(language) AS lo, max(language) AS hi FROM '${out}'`);
  expect(Number(row!.n)).toBe(samples.filter((a) => a.language === 'eng').length);
  expect([row!.lo, row!.hi]).toEqual(['eng', 'eng']);
  expect(JSON.parse(readFileSync(cardPaths(out).json, 'utf8')).format).toBe('parquet');
});
