/**
 * The bridge from the crawl to the ingest driver: the driver runs alongside the crawl, reading source
 * documents from a bounded push queue (back-pressure on the crawl), and each outcome it reports marks every
 * crawl key of that article (requested, loaded and canonical URL) as stored, so a resumed run knows which
 * fetched articles never reached the store.
 */
import type { RunSummary } from '../pipeline/document.ts';
import { ItemQueue } from './sink.ts';
import type { CrawlContext } from './types.ts';

export interface IngestBridge {
  sink: ItemQueue;
  /** Crawl keys of each article pushed and not yet reported, by its source (canonical key). */
  pendingSources: Map<string, string[]>;
  /** Settles with the driver's summary once the sink is closed and drained. */
  ingestDone: Promise<RunSummary>;
}

export function startIngest(ctx: CrawlContext): IngestBridge {
  const { options, state } = ctx;
  const sink = new ItemQueue(64);
  const pendingSources = new Map<string, string[]>();
  const ingestDone = options.driver.ingest(sink, (o) => {
    for (const k of pendingSources.get(o.source) ?? [o.source]) state.markStored(k);
    pendingSources.delete(o.source);
    options.onOutcome?.(o);
  });
  return { sink, pendingSources, ingestDone };
}
