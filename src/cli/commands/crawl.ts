import { join } from 'node:path';
import type { Command } from 'commander';
import { openDriver, openStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import {
  type CrawlProgress,
  type CrawlSummary,
  crawl,
  loadSiteConfig,
  type SiteConfig,
  siteFromUrls,
} from '../../crawl/index.ts';
import { writeLine } from '../output.ts';
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
  quiet?: boolean;
  json?: boolean;
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
    writeLine(`  ${p.disposition}: ${p.source}: ${p.error?.message}`);
}

export async function runCrawl(targets: string[], opts: CrawlOpts): Promise<CrawlSummary> {
  const urls = targets.filter((t) => /^https?:\/\//i.test(t));
  const sites: SiteConfig[] = targets.filter((t) => !/^https?:\/\//i.test(t)).map((p) => loadSiteConfig(p));
  if (urls.length) sites.push(siteFromUrls(urls));
  const cfg = configFrom(opts);
  const stateDir =
    opts.state ??
    join(cfg.dbPath, '..', 'crawl', sites.map((s) => s.name.replace(/[^\w.-]+/g, '_')).join('+'));
  const store = await openStore(cfg);
  const driver = await openDriver(cfg, store);
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
    });
    progress.end();
    if (opts.json) writeLine(JSON.stringify(summary));
    else if (!opts.quiet) printCrawlSummary(summary);
    return summary;
  } finally {
    process.removeListener('SIGINT', onSignal);
    await driver.close();
    await store.close();
  }
}

export function registerCrawl(program: Command): void {
  withStoreOptions(
    program
      .command('crawl')
      .description(
        'crawl news sites (site config JSON, or start URLs / feeds / sitemaps) and store their articles',
      )
      .argument('<targets...>', 'site config files (JSON, see schemas/site.schema.json) or http(s) URLs'),
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
    .option('-q, --quiet', 'no progress and no summary')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `\nA killed or interrupted crawl continues where it stopped when run again with the same targets.\nExit status: 0 when every article was stored, ${EXIT_PARTIAL} when some pages or articles failed, 1 on errors.\n\nExamples:\n  khabar crawl sites/khabarlok.json --max-pages 500\n  khabar crawl https://example.in/feed.xml --since 2025-03-01`,
    )
    .action(async (targets: string[], opts: CrawlOpts) => {
      const summary = await runCrawl(targets, opts);
      if (summary.ingest.problems.length > 0 || Object.keys(summary.errors).length > 0)
        process.exitCode = EXIT_PARTIAL;
    });
}
