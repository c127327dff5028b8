import type { Command } from 'commander';
import { openStore } from '../../bootstrap.ts';
import type { ExportFormat } from '../../export/index.ts';
import {
  configFrom,
  type FilterOpts,
  filterFrom,
  type StoreOpts,
  withFilterOptions,
  withStoreOptions,
} from './store-options.ts';

export function registerExport(program: Command): void {
  withFilterOptions(
    withStoreOptions(
      program
        .command('export')
        .description('stream stored articles with provenance as JSONL, CSV or Parquet, with a dataset card'),
    ),
  )
    .option('--format <format>', 'jsonl, csv or parquet', 'jsonl')
    .option('--out <file>', 'write to this file (written whole or not at all); default standard output')
    .option('--query <text>', 'only articles matching this full-text query')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark for spreadsheet programs')
    .addHelpText(
      'after',
      '\nExamples:\n  khabar export --format jsonl --out aiims.jsonl --entity AIIMS\n  khabar export --format csv --bom --lang hin --out hindi.csv',
    )
    .action(
      async (
        opts: StoreOpts & FilterOpts & { format: ExportFormat; out?: string; query?: string; bom?: boolean },
      ) => {
        const store = await openStore(configFrom(opts));
        try {
          const filter = { ...filterFrom(opts), ...(opts.query ? { text: opts.query } : {}) };
          // Loaded when an export runs (the Parquet writer is large), not with the CLI.
          const { exportArticles } = await import('../../export/index.ts');
          const n = await exportArticles(store, filter, {
            format: opts.format,
            out: opts.out,
            bom: opts.bom,
          });
          if (opts.out) process.stderr.write(`exported ${n} articles to ${opts.out}\n`);
        } finally {
          await store.close();
        }
      },
    );
}
