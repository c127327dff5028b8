/**
 * Streaming export (JSONL, CSV) from a store cursor. Memory stays flat: rows are written as they are read,
 * with backpressure. The file appears under its final name only when complete (write to a temporary file,
 * then rename), so an interrupted export never leaves a half-written dataset behind.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { InputError } from '../core/errors.ts';
import type { ArticleFilter, ArticleStore } from '../store/types.ts';
import { CSV_COLUMNS, toCsvRow, toExportRecord } from './records.ts';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  /** File to write; standard output when absent. */
  out?: string;
  /** Prefix CSV with a UTF-8 byte-order mark (spreadsheet programs need it to read Devanagari). */
  bom?: boolean;
  onRecord?: (count: number) => void;
}

async function* lines(
  store: ArticleStore,
  filter: ArticleFilter,
  options: ExportOptions,
  counter: { n: number },
) {
  for await (const a of store.export(filter)) {
    counter.n++;
    options.onRecord?.(counter.n);
    yield options.format === 'jsonl' ? `${JSON.stringify(toExportRecord(a))}\n` : toCsvRow(a);
  }
}

/** Export matching articles; returns how many were written. */
export async function exportArticles(
  store: ArticleStore,
  filter: ArticleFilter,
  options: ExportOptions,
): Promise<number> {
  if (options.format !== 'jsonl' && options.format !== 'csv') {
    throw new InputError('bad-format', `unknown export format "${options.format}" (use jsonl or csv)`);
  }
  const counter = { n: 0 };
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
  const tmp = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.partial`);
  try {
    await write(createWriteStream(tmp));
    await rename(tmp, options.out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return counter.n;
}
