/**
 * Bulk requests for the Elasticsearch store: the bulk limits, one bulk round with retries and jittered
 * exponential backoff for items (or whole requests) rejected with 429/5xx, and the error reported when some
 * articles of a bulk write could not be stored (BulkWriteError). What is written is planned elsewhere
 * (writes.ts, indices.ts); this module only sends operations and reports each one's final status.
 */

import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { PartialWriteError } from '../errors.ts';
import type { UpsertResult } from '../types.ts';
import { isRetryable, sleep, wrap } from './client.ts';

export interface BulkOptions {
  /** Articles per bulk request (default 500). */
  maxDocs?: number;
  /** Approximate bytes per bulk request (default 5 MB). */
  maxBytes?: number;
  /** Attempts for items rejected with 429/5xx, and for write conflicts (default 6). */
  maxAttempts?: number;
  /** First backoff delay in ms, doubled per attempt with jitter, capped at 10 s (default 200). */
  backoffMs?: number;
}

/** One article of a bulk write that was not stored. */
export interface WriteFailure {
  id: string;
  status: number;
  type: string;
  reason: string;
}

/**
 * Thrown by upsertMany when some articles could not be stored; every other article was stored.
 * `outcomes` is aligned with the input: an UpsertResult, or the Error (InputError for rejected documents,
 * TransientError when retries ran out) of that article.
 */
export class BulkWriteError extends PartialWriteError {
  readonly failures: WriteFailure[];
  constructor(failures: WriteFailure[], outcomes: (UpsertResult | Error)[]) {
    const list = failures
      .slice(0, 10)
      .map((f) => `${f.id} (${f.status} ${f.type}: ${f.reason})`)
      .join('; ');
    super(
      'bulk-write-failed',
      `${failures.length} of ${outcomes.length} articles were not stored: ${list}${failures.length > 10 ? '; …' : ''}`,
      outcomes,
    );
    this.failures = failures;
  }
}

type BulkAction = 'create' | 'index' | 'delete';

export interface BulkOp {
  key: string;
  action: BulkAction;
  index: string;
  id: string;
  doc?: unknown;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
}

export interface BulkItemResult {
  status: number;
  type?: string;
  reason?: string;
  seqNo?: number;
  primaryTerm?: number;
}

export function backoff(bulk: Required<BulkOptions>, attempt: number): number {
  const base = Math.min(10_000, bulk.backoffMs * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * One bulk request, then retries with exponential backoff for items (or whole requests) rejected with
 * 429/5xx, at most `maxAttempts` times. Returns each op's final status by key.
 */
export async function runBulk(
  client: Client,
  bulk: Required<BulkOptions>,
  ops: BulkOp[],
): Promise<Map<string, BulkItemResult>> {
  const results = new Map<string, BulkItemResult>();
  let pending = ops;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const operations: unknown[] = [];
    for (const op of pending) {
      const meta: Record<string, unknown> = { _index: op.index, _id: op.id };
      if (op.ifSeqNo !== undefined) {
        meta.if_seq_no = op.ifSeqNo;
        meta.if_primary_term = op.ifPrimaryTerm;
      }
      operations.push({ [op.action]: meta });
      if (op.action !== 'delete') operations.push(op.doc);
    }
    let items: Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>>[] | undefined;
    let requestError: Error | undefined;
    try {
      const res = await client.bulk({ operations, refresh: false });
      items = res.items;
    } catch (e) {
      const status = e instanceof errors.ResponseError ? (e.statusCode ?? 0) : 0;
      const transient =
        isRetryable(status) || e instanceof errors.ConnectionError || e instanceof errors.TimeoutError;
      if (!transient) throw wrap(e, 'bulk write');
      requestError = wrap(e, 'bulk write');
    }
    const retry: BulkOp[] = [];
    pending.forEach((op, i) => {
      if (!items) {
        retry.push(op);
        results.set(op.key, { status: 503, type: 'request_failed', reason: requestError?.message });
        return;
      }
      const item = items[i]?.[op.action];
      const status = item?.status ?? 500;
      const r: BulkItemResult = {
        status,
        type: item?.error?.type,
        reason: item?.error?.reason ?? undefined,
        seqNo: item?._seq_no,
        primaryTerm: item?._primary_term,
      };
      results.set(op.key, r);
      if (isRetryable(status)) retry.push(op);
    });
    if (retry.length === 0 || attempt >= bulk.maxAttempts) break;
    await sleep(backoff(bulk, attempt));
    pending = retry;
  }
  return results;
}
