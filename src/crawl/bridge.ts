/**
 * The bridge from the crawl to the ingest driver: the driver runs alongside the crawl, reading source
 * documents from a bounded push queue (back-pressure on the crawl), and each outcome it reports marks every
 * crawl key of that article (requested, loaded and canonical URL) as stored, so a resumed run knows which
 * fetched articles never reached the store. With a shared frontier, an article's lease is held from the push
 * until that report (`hold`), so a worker dying in between leaves the article to be fetched again.
 */
import type { RunSummary } from '../pipeline/document.ts';
import type { SharedFrontier } from './shared-frontier.ts';
import { ItemQueue } from './sink.ts';
import type { CrawlContext } from './types.ts';

export interface IngestBridge {
  sink: ItemQueue;
  /** Crawl keys of each article pushed and not yet reported, by its source (canonical key). */
  pendingSources: Map<string, string[]>;
  /** Hold the request `key` (shared frontier) until its document is reported. */
  hold(key: string): void;
  /** Settles with the driver's summary once the sink is closed and drained. */
  ingestDone: Promise<RunSummary>;
}

export function startIngest(ctx: CrawlContext, shared?: SharedFrontier): IngestBridge {
  const { options, state } = ctx;
  const sink = new ItemQueue(64);
  const pendingSources = new Map<string, string[]>();
  const ingestDone = options.driver.ingest(sink, (o) => {
    for (const k of pendingSources.get(o.source) ?? [o.source]) {
      state.markStored(k);
      // Best effort: should Redis fail here, the lease runs out and the article is fetched again.
      shared?.settle(k).catch(() => {});
    }
    pendingSources.delete(o.source);
    options.onOutcome?.(o);
  });
  return { sink, pendingSources, ingestDone, hold: (key) => shared?.defer(key) };
}
