/**
 * Options shared by several commands, and the configuration they start from. main.ts loads and validates
 * the configuration once at start-up ({@link useConfig}); a command adds its own flags on top with
 * {@link configFrom}, so a bad environment is reported before any command runs.
 */
import type { Command } from 'commander';
import { type KhabarConfig, loadConfig } from '../../core/config.ts';
import { InputError } from '../../core/errors.ts';
import type { ArticleFilter } from '../../store/types.ts';

export interface StoreOpts {
  db?: string;
  store?: KhabarConfig['store'];
  driver?: KhabarConfig['driver'];
}

export interface LimitOpts {
  maxBytes?: number;
}

export interface FilterOpts {
  lang?: string;
  entity?: string;
  site?: string;
  from?: string;
  to?: string;
}

let base: KhabarConfig | undefined;

/** Set the configuration every command starts from (main.ts, after validating the environment). */
export function useConfig(config: KhabarConfig): void {
  base = config;
}

/** The start-up configuration (loaded from the environment when main.ts did not set one). */
export function baseConfig(): KhabarConfig {
  base ??= loadConfig(undefined, {}, { combinations: false });
  return base;
}

/** --db and --store, shared by every command that opens the store. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'embedded store file (env KHABAR_DB)', undefined)
    .option('--store <kind>', 'embedded or elasticsearch (env KHABAR_STORE)');
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1048576,
  mb: 1048576,
  g: 1073741824,
  gb: 1073741824,
};

/** `64MB`, `512k`, `1048576` → bytes (binary units). */
export function parseByteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*$/i.exec(value);
  const n = m ? Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1024)
    throw new InputError(
      'bad-option',
      `--max-bytes must be a size of at least 1 KB such as 64MB or 512KB, not "${value}"`,
    );
  return n;
}

/** --max-bytes, for commands that read documents. */
export function withLimitOptions(cmd: Command): Command {
  return cmd.option(
    '--max-bytes <size>',
    'largest document (file, stdin, URL or JSONL line) to accept, e.g. 64MB (env KHABAR_MAX_BYTES, default 32MB)',
    parseByteSize,
  );
}

/** --lang … --to, shared by search and export. */
export function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--lang <code>', 'document language, ISO 639-3 (hin, eng, ...)')
    .option('--entity <name>', 'entity, by canonical name or any alias in either script (AIIMS, एम्स)')
    .option('--site <site>', 'site name as stored (e.g. etvbharat.com)')
    .option('--from <date>', 'published on or after (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'published on or before (YYYY-MM-DD or ISO time)');
}

/** The start-up configuration with this command's flags applied (and validated again). */
export function configFrom(
  opts: StoreOpts & LimitOpts & { redis?: string; prefix?: string; feeds?: string; allowPrivate?: boolean },
): KhabarConfig {
  const overrides: Partial<KhabarConfig> = {
    ...(opts.db ? { dbPath: opts.db } : {}),
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.driver ? { driver: opts.driver } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.redis ? { redisUrl: opts.redis } : {}),
    ...(opts.prefix ? { queuePrefix: opts.prefix } : {}),
    ...(opts.feeds ? { feedsDir: opts.feeds } : {}),
    // A flag can only opt in: without it, KHABAR_ALLOW_PRIVATE decides.
    ...(opts.allowPrivate ? { allowPrivate: true } : {}),
  };
  // Validated again as a whole: the flags may complete (or break) a combination of settings.
  return loadConfig({}, { ...definedOnly(baseConfig()), ...overrides });
}

const definedOnly = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function filterFrom(opts: FilterOpts): ArticleFilter {
  const { lang, entity, site, from, to } = opts;
  return Object.fromEntries(
    Object.entries({ lang, entity, site, from, to }).filter(([, v]) => v !== undefined),
  );
}
