import type { Command } from 'commander';
import { type KhabarConfig, loadConfig } from '../../core/config.ts';
import type { ArticleFilter } from '../../store/types.ts';

export interface StoreOpts {
  db?: string;
  store?: KhabarConfig['store'];
  driver?: KhabarConfig['driver'];
}

export interface FilterOpts {
  lang?: string;
  entity?: string;
  site?: string;
  from?: string;
  to?: string;
}

/** --db and --store, shared by every command that opens the store. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'embedded store file (env KHABAR_DB)', undefined)
    .option('--store <kind>', 'embedded or elasticsearch (env KHABAR_STORE)');
}

/** The search filters, shared by search and export. */
export function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--lang <code>', 'document language, ISO 639-3 (hin, eng, ...)')
    .option('--entity <name>', 'entity, by canonical name or any alias in either script (AIIMS, एम्स)')
    .option('--site <site>', 'site name as stored (e.g. etvbharat.com)')
    .option('--from <date>', 'published on or after (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'published on or before (YYYY-MM-DD or ISO time)');
}

export function configFrom(opts: StoreOpts): KhabarConfig {
  return loadConfig(process.env, {
    ...(opts.db ? { dbPath: opts.db } : {}),
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.driver ? { driver: opts.driver } : {}),
  });
}

export function filterFrom(opts: FilterOpts): ArticleFilter {
  const { lang, entity, site, from, to } = opts;
  return Object.fromEntries(
    Object.entries({ lang, entity, site, from, to }).filter(([, v]) => v !== undefined),
  );
}
