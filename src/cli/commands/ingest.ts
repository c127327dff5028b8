import type { Command } from 'commander';
import { openDriver, openIncidentStore, openStore } from '../../bootstrap.ts';
import { IncidentService, processStored } from '../../incidents/service.ts';
import type { RunSummary } from '../../pipeline/document.ts';
import { expandInputs } from '../../sources/files.ts';
import { printable, writeLine } from '../output.ts';
import { Progress } from '../progress.ts';
import {
  configFrom,
  type LimitOpts,
  type StoreOpts,
  withLimitOptions,
  withStoreOptions,
} from './store-options.ts';

/** Exit code when some documents were not stored but the run itself completed. */
export const EXIT_PARTIAL = 3;

type IngestOpts = StoreOpts &
  LimitOpts & { quiet?: boolean; json?: boolean; feeds?: string; allowPrivate?: boolean };

export function printSummary(summary: RunSummary): void {
  const c = summary.counts;
  writeLine(
    `ingested ${summary.total} documents in ${summary.seconds.toFixed(1)} s: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.failed} failed`,
  );
  for (const p of summary.problems.slice(0, 20))
    writeLine(`  ${p.disposition}: ${printable(p.source)}: ${printable(p.error?.message ?? '')}`);
  if (summary.problems.length > 20) writeLine(`  … and ${summary.problems.length - 20} more`);
}

export async function runIngest(inputs: string[], opts: IngestOpts): Promise<RunSummary> {
  const cfg = configFrom(opts);
  const store = await openStore(cfg);
  const driver = await openDriver(cfg, store);
  const progress = new Progress('ingest', { quiet: opts.quiet || opts.json });
  const changed: string[] = [];
  try {
    const summary = await driver.ingest(
      expandInputs(inputs, {
        timeoutMs: cfg.fetchTimeoutMs,
        maxBytes: cfg.maxBytes,
        allowPrivate: cfg.allowPrivate,
      }),
      (o) => {
        progress.tick(o);
        if ((o.disposition === 'created' || o.disposition === 'updated') && o.id) changed.push(o.id);
      },
    );
    progress.end();
    // Incidents and watches, once per run over what changed (saved searches need the articles already
    // stored). Through the queues, the incidents stage does it under its lock (`khabar worker --stage
    // incidents`): grouping here too would be a second, unlocked writer.
    if (changed.length > 0 && cfg.driver !== 'bullmq') {
      await store.refresh();
      const incidents = await openIncidentStore(cfg);
      try {
        await processStored(store, new IncidentService(incidents, { feedDir: cfg.feedsDir }), changed);
      } finally {
        await incidents.close();
      }
    }
    if (opts.json) writeLine(JSON.stringify(summary));
    else if (!opts.quiet) printSummary(summary);
    return summary;
  } finally {
    await driver.close();
    await store.close();
  }
}

export function registerIngest(program: Command): void {
  withLimitOptions(
    withStoreOptions(
      program
        .command('ingest')
        .description(
          'analyse documents and store them (files, directories recursively, .jsonl batches, URLs)',
        )
        .argument('<inputs...>', 'files, directories or http(s) URLs'),
    ),
  )
    .option(
      '--driver <driver>',
      'in-process (default) or bullmq: queue the documents for `khabar worker` processes (env KHABAR_DRIVER)',
    )
    .option('--feeds <dir>', 'directory of watch Atom feeds (env KHABAR_FEEDS_DIR, default ./data/feeds)')
    .option(
      '--allow-private',
      'allow private and loopback addresses (intranet servers); link-local and metadata addresses never',
    )
    .option('-q, --quiet', 'no progress and no summary')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `\nA file or directory that cannot be read is reported and skipped (rejected: a retry will not help); symbolic\nlinks are followed inside the directory walked, and links that dangle or lead outside it are reported.\nDevices, FIFOs and sockets are refused; files over --max-bytes are rejected as too-large.\n\nExit status: 0 when every document was stored, ${EXIT_PARTIAL} when some were rejected or failed, 1 on errors.\n\nExample:\n  khabar ingest examples/ https://example.in/news/story.html`,
    )
    .action(async (inputs: string[], opts: IngestOpts) => {
      const summary = await runIngest(inputs, opts);
      if (summary.problems.length > 0) process.exitCode = EXIT_PARTIAL;
    });
}
