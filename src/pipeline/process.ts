/**
 * The one place that turns a source document into an analysed article or a classified failure. Both
 * drivers call it, so a document gets the same treatment in-process and in a queue worker.
 */
import { InputError, isPermanent } from '../core/errors.ts';
import type { Article } from '../core/types.ts';
import { analyze } from './analyze.ts';
import { type DocumentOutcome, errorOutcome, type SourceDocument } from './document.ts';

export type ProcessResult = { ok: true; article: Article } | { ok: false; outcome: DocumentOutcome };

export function processDocument(doc: SourceDocument, options: { maxBytes?: number } = {}): ProcessResult {
  try {
    return { ok: true, article: analyze({ ...doc, maxBytes: options.maxBytes }) };
  } catch (e) {
    return { ok: false, outcome: errorOutcome(doc.source, e, e instanceof InputError || isPermanent(e)) };
  }
}
