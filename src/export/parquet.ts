/**
 * Parquet export through DuckDB's Node API. Flat rows stream (with backpressure) into a temporary NDJSON
 * file beside the output; DuckDB then streams that file into Parquet row groups within a fixed memory
 * limit (`COPY (SELECT … FROM read_json(…)) TO …`), so memory stays flat however many rows there are.
 * The Parquet file is renamed into place only when complete: an interrupted export never leaves a
 * half-written file under the final name, and the temporary files are removed.
 *
 * Columns mirror the CSV export (flat, one row per article) plus typed lists; nested parts of the record
 * (paragraphs, entities, temporal values, incident, dropped blocks) are JSON text columns.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { StoredArticle } from '../store/types.ts';
import { EXPORT_SCHEMA_VERSION } from './records.ts';

/** Parquet columns and their DuckDB types, in file order. */
export const PARQUET_COLUMNS = [
  ['id', 'VARCHAR'],
  ['title', 'VARCHAR'],
  ['language', 'VARCHAR'],
  ['language_confidence', 'DOUBLE'],
  ['published', 'VARCHAR'],
  ['site', 'VARCHAR'],
  ['author', 'VARCHAR'],
  ['text', 'VARCHAR'],
  ['paragraph_languages', 'VARCHAR[]'],
  ['entity_names', 'VARCHAR[]'],
  ['incident_type', 'VARCHAR'],
  ['paragraphs_json', 'VARCHAR'],
  ['entities_json', 'VARCHAR'],
  ['temporal_json', 'VARCHAR'],
  ['incident_json', 'VARCHAR'],
  ['dropped_json', 'VARCHAR'],
  ['source_url', 'VARCHAR'],
  ['canonical_url', 'VARCHAR'],
  ['fetched_at', 'VARCHAR'],
  ['ingested_at', 'VARCHAR'],
  ['updated_at', 'VARCHAR'],
  ['revision', 'INTEGER'],
  ['content_hash', 'VARCHAR'],
  ['pipeline_version', 'VARCHAR'],
  ['export_schema_version', 'VARCHAR'],
] as const;

export interface ParquetOptions {
  /** Called after each row with the running count. */
  onRecord?: (count: number) => void;
  /** DuckDB memory ceiling (default `192MB`); beyond it DuckDB spills to its temporary directory. */
  memoryLimit?: string;
  /** Parquet compression codec (default `zstd`). */
  compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
}

/** Single-quoted SQL string literal (paths only; no user text is ever interpolated elsewhere). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One flat row, keyed by column name (values in the column types above). */
export function toParquetRow(a: StoredArticle): Record<string, unknown> {
  return {
    id: a.id,
    title: a.title,
    language: a.language,
    language_confidence: a.languageConfidence ?? 0,
    published: a.published ?? null,
    site: a.site ?? null,
    author: a.author ?? null,
    text: a.paragraphs.map((p) => p.text).join('\n\n'),
    paragraph_languages: a.paragraphs.map((p) => p.lang),
    entity_names: a.entities.map((e) => e.canonical),
    incident_type: a.incident?.type ?? null,
    paragraphs_json: JSON.stringify(a.paragraphs),
    entities_json: JSON.stringify(a.entities),
    temporal_json: JSON.stringify(a.temporal),
    incident_json: a.incident ? JSON.stringify(a.incident) : null,
    dropped_json: JSON.stringify(a.dropped),
    source_url: a.url ?? null,
    canonical_url: a.canonicalUrl ?? null,
    fetched_at: a.fetchedAt ?? null,
    ingested_at: a.ingestedAt,
    updated_at: a.updatedAt,
    revision: a.revision,
    content_hash: a.contentHash,
    pipeline_version: a.pipelineVersion,
    export_schema_version: EXPORT_SCHEMA_VERSION,
  };
}

/**
 * Write every article of `articles` to a Parquet file at `out` (atomically: temporary file, then rename).
 * Returns how many rows were written.
 */
export async function writeParquet(
  articles: AsyncIterable<StoredArticle>,
  out: string,
  options: ParquetOptions = {},
): Promise<number> {
  const stem = join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now()}`);
  const rows = `${stem}.rows.ndjson`;
  const partial = `${stem}.partial`;
  const cleanup = () =>
    Promise.all([rows, `${stem}.tmp`, partial].map((f) => rm(f, { force: true, recursive: true })));
  let n = 0;
  try {
    // 1. Stream flat rows to a temporary NDJSON file, with backpressure (flat memory in Node).
    const lines = async function* () {
      for await (const a of articles) {
        n++;
        options.onRecord?.(n);
        yield `${JSON.stringify(toParquetRow(a))}\n`;
      }
    };
    await pipeline(Readable.from(lines()), createWriteStream(rows));
    // 2. DuckDB streams it into Parquet row groups within its memory limit.
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit ?? '192MB',
      threads: '2',
      temp_directory: `${stem}.tmp`,
      preserve_insertion_order: 'true',
    });
    try {
      const conn = await instance.connect();
      try {
        const columns = PARQUET_COLUMNS.map(([name, type]) => `${name}: ${literal(type)}`).join(', ');
        const codec = options.compression ?? 'zstd';
        await conn.run(
          `COPY (SELECT * FROM read_json(${literal(rows)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = 33554432)) TO ${literal(partial)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 50000)`,
        );
      } finally {
        conn.closeSync();
      }
    } finally {
      instance.closeSync();
    }
    await rename(partial, out);
  } finally {
    await cleanup();
  }
  return n;
}
