/**
 * Streaming export (JSONL, CSV, Parquet) from a store cursor. Memory stays flat: rows are written as they are read,
 * with backpressure. The file appears under its final name only when complete (write to a temporary file,
 * then rename), so an interrupted export never leaves a half-written dataset behind. A dataset card
 * (card.ts) is written beside every file export.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { InputError } from '../core/errors.ts';
import type { ArticleFilter, ArticleStore, StoredArticle } from '../store/types.ts';
import { CardBuilder, writeCard } from './card.ts';
import { writeParquet } from './parquet.ts';
import { CSV_COLUMNS, toCsvRow, toExportRecord } from './records.ts';

export type ExportFormat = 'jsonl' | 'csv' | 'parquet';

/** Every supported export format. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'parquet'];

export interface ExportOptions {
  format: ExportFormat;
  /** File to write; standard output when absent. */
  out?: string;
  /** Prefix CSV with a UTF-8 byte-order mark (spreadsheet programs need it to read Devanagari). */
  bom?: boolean;
  onRecord?: (count: number) => void;
  /** Called with each exported article (before it is written). */
  onArticle?: (article: StoredArticle) => void;
  /** Write `<name>.card.json` and `<name>.card.md` beside `out` (default true; ignored without `out`). */
  card?: boolean;
  /** Licence note for the dataset card. */
  licence?: string;
}

async function* tap(
  store: ArticleStore,
  filter: ArticleFilter,
  options: ExportOptions,
  counter: { n: number },
): AsyncIterable<StoredArticle> {
  for await (const a of store.export(filter)) {
    counter.n++;
    options.onArticle?.(a);
    options.onRecord?.(counter.n);
    yield a;
  }
}

async function* lines(
  store: ArticleStore,
  filter: ArticleFilter,
  options: ExportOptions,
  counter: { n: number },
) {
  for await (const a of tap(store, filter, options, counter)) {
    yield options.format === 'jsonl' ? `${JSON.stringify(toExportRecord(a))}\n` : toCsvRow(a);
  }
}

/** Export matching articles; returns how many were written. */
export async function exportArticles(
  store: ArticleStore,
  filter: ArticleFilter,
  options: ExportOptions,
): Promise<number> {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new InputError(
      'bad-format',
      `unknown export format "${options.format}" (use jsonl, csv or parquet)`,
    );
  }
  const card = options.out && options.card !== false ? new CardBuilder() : undefined;
  if (card) {
    const onArticle = options.onArticle;
    options = {
      ...options,
      onArticle: (a) => {
        card.add(a);
        onArticle?.(a);
      },
    };
  }
  const counter = { n: 0 };
  if (options.format === 'parquet') {
    if (!options.out) throw new InputError('bad-option', 'Parquet export needs a file: pass --out x.parquet');
    await writeParquet(tap(store, filter, options, counter), options.out);
  }
  const write = (sink: Writable) => {
    const source = Readable.from(lines(store, filter, options, counter), { objectMode: true });
    return options.format === 'csv'
      ? pipeline(source, stringify({ header: true, columns: CSV_COLUMNS, bom: options.bom ?? false }), sink)
      : pipeline(source, sink);
  };
  if (!options.out) {
    await write(process.stdout);
    return counter.n;
  }
  if (options.format !== 'parquet') {
    const tmp = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.partial`);
    try {
      await write(createWriteStream(tmp));
      await rename(tmp, options.out);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  if (card) {
    await writeCard(
      options.out,
      card.build({
        format: options.format,
        query: filter,
        file: basename(options.out),
        licence: options.licence,
      }),
    );
  }
  return counter.n;
}
