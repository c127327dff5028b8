import { join } from 'node:path';
import type { RedisOptions } from 'bullmq';
import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { openDriver, openStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import type { CrawlProgress, CrawlSummary, SiteConfig } from '../../crawl/index.ts';
import { printable, writeLine } from '../output.ts';
import { EXIT_PARTIAL } from './ingest.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

interface CrawlOpts extends StoreOpts {
  maxPages?: string;
  maxDepth?: string;
  since?: string;
  state?: string;
  fresh?: boolean;
  concurrency?: string;
  delay?: string;
  allowLoopback?: boolean;
  allowPrivate?: boolean;
  quiet?: boolean;
  json?: boolean;
  frontier?: string;
  lease?: string;
}

function intOpt(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InputError('bad-option', `${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

/** Live progress line on stderr: pages fetched, articles found, errors, rate. */
class CrawlProgressLine {
  readonly #tty = Boolean(process.stderr.isTTY);
  #last = 0;
  #quiet: boolean;
  constructor(quiet: boolean) {
    this.#quiet = quiet;
  }
  update(p: CrawlProgress): void {
    if (this.#quiet) return;
    const now = performance.now();
    const line = `crawl: ${p.fetched} pages (${p.notModified} unchanged), ${p.articles} articles, ${p.errors} errors, ${p.queued} queued, ${p.rate.toFixed(1)} pages/s`;
    if (this.#tty && now - this.#last > 100) {
      process.stderr.write(`\r\x1b[K${line}`);
      this.#last = now;
    } else if (!this.#tty && now - this.#last > 5000) {
      process.stderr.write(`${line}\n`);
      this.#last = now;
    }
  }
  end(): void {
    if (!this.#quiet && this.#tty) process.stderr.write('\r\x1b[K');
  }
}

export function printCrawlSummary(s: CrawlSummary): void {
  const c = s.ingest.counts;
  writeLine(
    `crawled ${s.fetched} pages in ${s.seconds.toFixed(1)} s (${s.pagesPerSecond.toFixed(1)}/s)${s.resumed ? ', resumed' : ''}${s.stopped ? ', stopped before the end (run again to continue)' : ''}`,
  );
  writeLine(
    `  articles: ${s.articles} fetched → ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.failed} failed; ${s.notModified} not modified (304)`,
  );
  writeLine(`  feeds and sitemaps read: ${s.feeds}; retries: ${s.retries}; redirects: ${s.redirects.length}`);
  const skipped = Object.entries(s.skipped);
  if (skipped.length) writeLine(`  skipped: ${skipped.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const errors = Object.entries(s.errors);
  if (errors.length) writeLine(`  errors: ${errors.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const p of s.ingest.problems.slice(0, 10))
    writeLine(`  ${p.disposition}: ${printable(p.source)}: ${printable(p.error?.message ?? '')}`);
}

export async function runCrawl(targets: string[], opts: CrawlOpts): Promise<CrawlSummary> {
  // Loaded when a crawl runs, not with the CLI: crawlee (with jsdom) costs every other command a second
  // and 100 MB.
  const { crawl, loadSiteConfig, siteFromUrls } = await import('../../crawl/index.ts');
  const urls = targets.filter((t) => /^https?:\/\//i.test(t));
  const sites: SiteConfig[] = targets.filter((t) => !/^https?:\/\//i.test(t)).map((p) => loadSiteConfig(p));
  if (urls.length) sites.push(siteFromUrls(urls));
  const cfg = configFrom(opts);
  if (cfg.allowPrivate) for (const s of sites) s.allowPrivate = true;
  const siteNames = sites.map((s) => s.name.replace(/[^\w.-]+/g, '_')).join('+');
  // BullMQ mode: this process is one crawl worker of several sharing the frontier in Redis.
  const sharedName = cfg.driver === 'bullmq' ? (opts.frontier ?? siteNames) : undefined;
  if (opts.frontier !== undefined && sharedName === undefined)
    throw new InputError(
      'bad-option',
      '--frontier needs the BullMQ driver (--driver bullmq, or KHABAR_DRIVER=bullmq)',
    );
  const leaseSeconds = intOpt(opts.lease, '--lease', 1);
  const stateDir =
    opts.state ?? join(cfg.dbPath, '..', 'crawl', sharedName ? `${siteNames}.shared` : siteNames);
  const store = await openStore(cfg);
  const driver = await openDriver(cfg, store);
  let redis: Redis | undefined;
  if (sharedName) {
    const { checkRedis, workerConnection } = await import('../../driver/bullmq/connection.ts');
    const { Redis } = await import('ioredis');
    await checkRedis(cfg.redisUrl!);
    redis = new Redis(workerConnection(cfg.redisUrl!) as RedisOptions);
  }
  const progress = new CrawlProgressLine(Boolean(opts.quiet || opts.json));
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const delay = opts.delay === undefined ? undefined : Number(opts.delay);
    const summary = await crawl({
      sites,
      stateDir,
      driver,
      debug: cfg.debug,
      maxPages: intOpt(opts.maxPages, '--max-pages', 1),
      maxDepth: intOpt(opts.maxDepth, '--max-depth', 0),
      since: opts.since,
      fresh: opts.fresh,
      concurrency: intOpt(opts.concurrency, '--concurrency', 1),
      overrides: {
        ...(delay !== undefined && Number.isFinite(delay) ? { delayMs: delay * 1000 } : {}),
        ...(opts.allowLoopback ? { allowLoopback: true } : {}),
      },
      onProgress: (p) => progress.update(p),
      signal: stop.signal,
      ...(redis && sharedName
        ? {
            shared: {
              redis,
              name: sharedName,
              prefix: cfg.queuePrefix,
              ...(leaseSeconds ? { leaseMs: leaseSeconds * 1000 } : {}),
            },
          }
        : {}),
    });
    progress.end();
    if (opts.json) writeLine(JSON.stringify(summary));
    else if (!opts.quiet) printCrawlSummary(summary);
    return summary;
  } finally {
    process.removeListener('SIGINT', onSignal);
    redis?.disconnect();
    await driver.close();
    await store.close();
  }
}

export function registerCrawl(program: Command): void {
  withStoreOptions(
    program
      .command('crawl')
      .description(
        'crawl news sites (site config in YAML or JSON, or start URLs / feeds / sitemaps) and store their articles',
      )
      .argument(
        '<targets...>',
        'site config files (.yaml/.yml or .json, see schemas/site.schema.json) or http(s) URLs',
      ),
  )
    .option('--max-pages <n>', 'stop after this many requests (run again to continue)')
    .option('--max-depth <d>', 'links followed from the start points at most this deep')
    .option('--since <date>', 'only feed/sitemap entries and articles published on or after this date')
    .option(
      '--state <dir>',
      'crawl state directory (queue, conditional-request validators); default next to the store',
    )
    .option('--fresh', 'start a new run even if the last one did not finish')
    .option('--concurrency <n>', 'requests in flight over all hosts (default 8)')
    .option('--delay <seconds>', 'pause between requests to one host (overrides the site config)')
    .option('--allow-loopback', 'allow loopback addresses (local testing)')
    .option('--allow-private', 'allow private and loopback addresses (intranet sites); link-local never')
    .option(
      '--driver <driver>',
      'in-process (default) or bullmq: this process is one of several crawl workers sharing a frontier in Redis; `khabar worker` processes analyze and index (env KHABAR_DRIVER)',
    )
    .option(
      '--frontier <name>',
      'BullMQ mode: name of the frontier shared in Redis by every crawl worker (default: the site names)',
    )
    .option(
      '--lease <seconds>',
      "BullMQ mode: a dead worker's pages go back to the others after this (default 60)",
    )
    .option('-q, --quiet', 'no progress and no summary')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `\nA killed or interrupted crawl continues where it stopped when run again with the same targets.\nWith --driver bullmq (or KHABAR_DRIVER=bullmq) each \`khabar crawl\` is one worker: start it on several\nmachines with the same targets and they share one frontier in Redis (no URL fetched twice within the\nrecrawl interval, per-host delays kept across workers); \`khabar worker\` processes analyze and index.\nExit status: 0 when every article was stored, ${EXIT_PARTIAL} when some pages or articles failed, 1 on errors.\n\nExamples:\n  khabar crawl sites/khabarlok.json --max-pages 500\n  khabar crawl https://example.in/feed.xml --since 2025-03-01`,
    )
    .action(async (targets: string[], opts: CrawlOpts) => {
      const summary = await runCrawl(targets, opts);
      if (summary.ingest.problems.length > 0 || Object.keys(summary.errors).length > 0)
        process.exitCode = EXIT_PARTIAL;
    });
}
