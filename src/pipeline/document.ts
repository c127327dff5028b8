/**
 * A unit of work for every driver: one source document, and what became of it. Each document ends with
 * exactly one disposition, counted once.
 */
import { describeError, KhabarError } from '../core/errors.ts';
import type { AnalyzeInput } from './analyze.ts';

/** What the pipeline analyses (see AnalyzeInput), plus where it came from. */
export interface SourceDocument extends Omit<AnalyzeInput, 'maxBytes'> {
  /** Where it came from (path, URL, or `file.jsonl#id`), for reports. */
  source: string;
}

export type Disposition = 'created' | 'updated' | 'unchanged' | 'rejected' | 'failed';

export interface DocumentOutcome {
  source: string;
  disposition: Disposition;
  id?: string;
  title?: string;
  /** For rejected/failed: error code and message. */
  error?: { code: string; message: string };
}

export interface RunSummary {
  total: number;
  counts: Record<Disposition, number>;
  /** Outcomes that were not stored, for the report. */
  problems: DocumentOutcome[];
  seconds: number;
}

export function emptySummary(): RunSummary {
  return {
    total: 0,
    counts: { created: 0, updated: 0, unchanged: 0, rejected: 0, failed: 0 },
    problems: [],
    seconds: 0,
  };
}

/** Count one document's final disposition into a summary (each document is counted exactly once). */
export function recordOutcome(summary: RunSummary, o: DocumentOutcome): void {
  summary.total++;
  summary.counts[o.disposition]++;
  if (o.disposition === 'rejected' || o.disposition === 'failed') summary.problems.push(o);
}

export function errorOutcome(source: string, error: unknown, rejected: boolean): DocumentOutcome {
  return {
    source,
    disposition: rejected ? 'rejected' : 'failed',
    error: { code: error instanceof KhabarError ? error.code : 'error', message: describeError(error) },
  };
}
