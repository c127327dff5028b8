/**
 * Driver port: runs the pipeline over source documents and stores the results. The in-process driver
 * does it in this process; the BullMQ driver spreads it over queue workers. Same stages, same outcomes.
 */
import type { DocumentOutcome, RunSummary } from '../pipeline/document.ts';
import type { SourceItem } from '../sources/files.ts';

export interface IngestDriver {
  /** Process every item; `onOutcome` hears each document's final disposition exactly once. */
  ingest(
    items: AsyncIterable<SourceItem>,
    onOutcome?: (outcome: DocumentOutcome) => void,
  ): Promise<RunSummary>;
  close(): Promise<void>;
}
