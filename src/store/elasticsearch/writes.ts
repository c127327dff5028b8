/**
 * Article writes for the Elasticsearch store: upsertMany cuts the input into bounded chunks (backpressure),
 * reads what is stored (by id and by content hash, in real time, in one request), applies the batch in memory
 * exactly as the embedded store would, then writes revisions, and after them articles (with optimistic
 * concurrency) together with their content-hash pointers, in one bulk request. A pointer is only a hint:
 * every read checks that the article it names still has that hash, so a pointer written beside an article
 * write that failed misleads nobody. Pointers are written on the condition that they are still what was
 * read (created where none was, replaced only at the version read), so such a pointer never replaces one
 * another writer stored meanwhile; and where another writer's pointer got in first, an article stored here
 * claims it unless it names a live article with the same content (claimPointers). Articles that lose a
 * write race are re-read and re-applied, so revisions are never lost. Sending the bulk requests is
 * bulk.ts's job.
 */

import { InputError, TransientError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import type { UpsertResult } from '../types.ts';
import {
  type BulkItemResult,
  type BulkOp,
  BulkWriteError,
  backoff,
  runBulk,
  type WriteFailure,
} from './bulk.ts';
import { isRetryable, type StoreContext, sleep } from './client.ts';
import {
  type ArticleSource,
  type Current,
  type Found,
  mgetArticles,
  mgetDocs,
  type RevisionSource,
  SOURCE_FIELDS,
  toCurrent,
} from './documents.ts';
import { toIndexDocument } from './mapping.ts';

/** Key prefix of a content-hash pointer's operation in the bulk it shares with the articles. */
const POINTER = '\u0000hash:';

export async function upsertMany(ctx: StoreContext, articles: Article[]): Promise<UpsertResult[]> {
  const outcomes: (UpsertResult | Error)[] = new Array(articles.length);
  const failures: WriteFailure[] = [];
  // Backpressure: one bounded bulk round at a time (docs and approximate bytes per chunk).
  let chunk: number[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const indices = chunk;
    chunk = [];
    bytes = 0;
    await writeChunk(ctx, articles, indices, outcomes, failures);
  };
  for (let i = 0; i < articles.length; i++) {
    // The flat fields repeat the text once more; revisions may add a copy of the previous version.
    const size = JSON.stringify(articles[i]).length * 3;
    if (chunk.length > 0 && (chunk.length >= ctx.bulk.maxDocs || bytes + size > ctx.bulk.maxBytes))
      await flush();
    chunk.push(i);
    bytes += size;
  }
  await flush();
  if (failures.length > 0) throw new BulkWriteError(failures, outcomes);
  return outcomes as UpsertResult[];
}

/** Plan and write the articles at `indices`; articles that lose a write race are re-planned. */
async function writeChunk(
  ctx: StoreContext,
  articles: Article[],
  indices: number[],
  outcomes: (UpsertResult | Error)[],
  failures: WriteFailure[],
) {
  let pending = indices;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const conflicted = await writeOnce(ctx, articles, pending, outcomes, failures);
    if (conflicted.length === 0) return;
    if (attempt >= ctx.bulk.maxAttempts) {
      for (const i of conflicted) {
        const f = {
          id: articles[i]!.id,
          status: 409,
          type: 'version_conflict',
          reason: 'concurrent writers kept winning',
        };
        failures.push(f);
        outcomes[i] = new TransientError('write-conflict', `article ${f.id}: ${f.reason}`);
      }
      return;
    }
    await sleep(backoff(ctx.bulk, attempt));
    pending = conflicted;
  }
}

/** Returns the input positions whose article write hit a version conflict (to re-plan). */
async function writeOnce(
  ctx: StoreContext,
  articles: Article[],
  indices: number[],
  outcomes: (UpsertResult | Error)[],
  failures: WriteFailure[],
): Promise<number[]> {
  const now = new Date().toISOString();
  const batch = indices.map((i) => articles[i]!);
  // 1. What is stored: articles by id, and content hash → id (real-time reads, one request for both).
  const ids = [...new Set(batch.map((a) => a.id))];
  const hashes = [...new Set(batch.map((a) => a.contentHash))];
  const found = await mgetDocs(ctx.client, [
    ...ids.map((id) => ({ index: ctx.articlesAlias, id, includes: SOURCE_FIELDS })),
    ...hashes.map((id) => ({ index: ctx.hashesAlias, id })),
  ]);
  const current = new Map<string, Current>();
  ids.forEach((id, k) => {
    const f = found[k];
    if (f) current.set(id, toCurrent(f as { source: ArticleSource }));
  });
  const hashDocs = new Map<string, Found<{ articleId: string }>>();
  hashes.forEach((hash, k) => {
    const f = found[ids.length + k];
    if (f) hashDocs.set(hash, f as Found<{ articleId: string }>);
  });
  const more = [...new Set([...hashDocs.values()].map((h) => h.source.articleId))].filter(
    (id) => !current.has(id),
  );
  for (const [id, cur] of await mgetArticles(ctx, more)) current.set(id, cur);
  /** hash → id of the live article that has that content. */
  const byHash = new Map<string, string>();
  for (const [hash, h] of hashDocs)
    if (current.get(h.source.articleId)?.doc.contentHash === hash) byHash.set(hash, h.source.articleId);
  const hashDocValid = new Set(byHash.keys());
  // An article read by id whose hash pointer was never written (an interrupted write) still counts.
  const wanted = new Set(hashes);
  for (const [id, cur] of current)
    if (wanted.has(cur.doc.contentHash) && !byHash.has(cur.doc.contentHash))
      byHash.set(cur.doc.contentHash, id);

  // 2. Apply the batch in order, in memory, exactly as the embedded store would.
  const state = new Map<string, Current & { touched?: boolean }>(current);
  const revisions: BulkOp[] = [];
  const revisionOwner = new Map<string, string>();
  const planned: { pos: number; id: string; result: UpsertResult }[] = [];
  for (const [k, article] of batch.entries()) {
    const hashOwner = byHash.get(article.contentHash);
    const existing = state.get(article.id) ?? (hashOwner ? state.get(hashOwner) : undefined);
    const id = existing?.doc.id ?? article.id;
    const stored: Article = { ...article, id };
    let result: UpsertResult;
    if (existing && existing.doc.contentHash === article.contentHash) {
      const prev = existing.doc;
      const merged = JSON.parse(
        JSON.stringify({
          ...prev,
          ...stored,
          canonicalUrl: stored.canonicalUrl ?? prev.canonicalUrl,
          url: stored.url ?? prev.url,
        }),
      ) as Article;
      state.set(id, { ...existing, doc: merged, updatedAt: now, touched: true });
      result = { id, status: 'unchanged', revision: existing.revision };
    } else {
      const revision = existing ? existing.revision + 1 : 1;
      if (existing) {
        // The content it gives up is nobody's now: a later article of the batch with it is a new one.
        const given = existing.doc.contentHash;
        if (byHash.get(given) === id) {
          byHash.delete(given);
          hashDocValid.delete(given);
        }
        const source: RevisionSource = {
          articleId: id,
          revision: existing.revision,
          contentHash: existing.doc.contentHash,
          storedAt: existing.updatedAt,
          article: existing.doc,
        };
        const key = `${id}:${existing.revision}`;
        revisions.push({ key, action: 'create', index: ctx.revisionsAlias, id: key, doc: source });
        revisionOwner.set(key, id);
      }
      const doc = JSON.parse(JSON.stringify(stored)) as Article;
      state.set(id, {
        ...(existing ?? {}),
        doc,
        revision,
        ingestedAt: existing?.ingestedAt ?? now,
        updatedAt: now,
        touched: true,
      });
      if (!byHash.has(article.contentHash)) byHash.set(article.contentHash, id);
      result = { id, status: existing ? 'updated' : 'created', revision };
    }
    planned.push({ pos: indices[k]!, id, result });
  }

  // 3. Revisions first: an article is only overwritten once its previous version is safe.
  const failedIds = new Map<string, WriteFailure>();
  const revResults = await runBulk(ctx.client, ctx.bulk, revisions);
  for (const [key, r] of revResults) {
    // 409: written by an earlier attempt or a concurrent writer that read the same version: same content.
    if (r.status < 300 || r.status === 409) continue;
    const id = revisionOwner.get(key)!;
    failedIds.set(id, writeFailure(id, r, 'revision'));
  }

  // 4. Articles, with optimistic concurrency, and the content-hash pointers where the stored one is missing
  // or stale, in one bulk request. Pointer keys are prefixed so that they cannot meet an article id.
  const ops: BulkOp[] = [];
  for (const [id, s] of state) {
    if (!s.touched || failedIds.has(id)) continue;
    const source: ArticleSource = {
      doc: s.doc,
      revision: s.revision,
      ingestedAt: s.ingestedAt,
      updatedAt: s.updatedAt,
    };
    const doc = toIndexDocument(ctx.plan, s.doc, source);
    if (s.seqNo !== undefined) {
      ops.push({
        key: id,
        action: 'index',
        index: ctx.articlesAlias,
        id,
        doc,
        ifSeqNo: s.seqNo,
        ifPrimaryTerm: s.primaryTerm,
      });
    } else ops.push({ key: id, action: 'create', index: ctx.articlesAlias, id, doc });
  }
  for (const [hash, id] of byHash) {
    if (hashDocValid.has(hash) || failedIds.has(id)) continue;
    ops.push(pointerOp(ctx, `${POINTER}${hash}`, hash, id, hashDocs.get(hash)));
  }
  const conflictedIds = new Set<string>();
  const pointerFailures: [string, BulkItemResult][] = [];
  /** Pointers another writer changed since the read (409): claimed below once the articles are known. */
  const contested = new Map<string, string>();
  for (const [key, r] of await runBulk(ctx.client, ctx.bulk, ops)) {
    if (r.status < 300) continue;
    if (key.startsWith(POINTER)) {
      const hash = key.slice(POINTER.length);
      if (r.status === 409) contested.set(hash, byHash.get(hash)!);
      else pointerFailures.push([hash, r]);
    } else if (r.status === 409) conflictedIds.add(key);
    else failedIds.set(key, writeFailure(key, r));
  }
  // A contested pointer of an article stored here stands if it names a live article with that content
  // (another writer's copy); one naming an article that was never stored, or moved on, is replaced.
  for (const [hash, id] of contested) if (failedIds.has(id) || conflictedIds.has(id)) contested.delete(hash);
  if (contested.size > 0) pointerFailures.push(...(await claimPointers(ctx, contested)));
  // 5. An article stored without its pointer fails (with the reason), as the embedded store's one
  // transaction would; it is retried whole, and the retry finds the article by id.
  for (const [hash, r] of pointerFailures) {
    const id = byHash.get(hash)!;
    if (failedIds.has(id) || conflictedIds.has(id)) continue;
    failedIds.set(id, writeFailure(id, r, 'content hash'));
  }

  const conflicted: number[] = [];
  for (const p of planned) {
    if (conflictedIds.has(p.id)) conflicted.push(p.pos);
    else if (failedIds.has(p.id)) {
      const f = { ...failedIds.get(p.id)!, id: articles[p.pos]!.id };
      failures.push(f);
      const message = `article ${f.id} was not stored: ${f.status} ${f.type}: ${f.reason}`;
      outcomes[p.pos] = isRetryable(f.status)
        ? new TransientError('store-unavailable', message)
        : new InputError('store-rejected', message);
    } else outcomes[p.pos] = p.result;
  }
  return conflicted;
}

/**
 * Article `id` not stored, from the bulk item that failed: its own write's, or that of the part named by
 * `part` (its revision or its content hash), which the reason then names.
 */
function writeFailure(id: string, r: BulkItemResult, part?: string): WriteFailure {
  return {
    id,
    status: r.status,
    type: r.type ?? 'error',
    reason: part ? `${part} not saved: ${r.reason}` : (r.reason ?? 'unknown'),
  };
}

/**
 * Make each hash's pointer name a live article with that content: keep one that does (another writer's
 * copy of the same content), else point it at the article given here, at the version just read. Retried
 * while other writers keep changing it; returns the pointers that could not be saved.
 */
async function claimPointers(
  ctx: StoreContext,
  wanted: Map<string, string>,
): Promise<[string, BulkItemResult][]> {
  const failed: [string, BulkItemResult][] = [];
  let pending = wanted;
  for (let attempt = 1; pending.size > 0; attempt++) {
    const hashes = [...pending.keys()];
    const found = await mgetDocs<{ articleId: string }>(
      ctx.client,
      hashes.map((id) => ({ index: ctx.hashesAlias, id })),
    );
    const named = [...new Set(found.flatMap((f) => (f ? [f.source.articleId] : [])))];
    const live = await mgetArticles(ctx, named);
    const ops: BulkOp[] = [];
    hashes.forEach((hash, k) => {
      const f = found[k];
      if (f && live.get(f.source.articleId)?.doc.contentHash === hash) return;
      ops.push(pointerOp(ctx, hash, hash, pending.get(hash)!, f));
    });
    const next = new Map<string, string>();
    for (const [hash, r] of await runBulk(ctx.client, ctx.bulk, ops)) {
      if (r.status < 300) continue;
      if (r.status === 409 && attempt < ctx.bulk.maxAttempts) next.set(hash, pending.get(hash)!);
      else failed.push([hash, r]);
    }
    if (next.size > 0) await sleep(backoff(ctx.bulk, attempt));
    pending = next;
  }
  return failed;
}

/**
 * The write of `hash`'s pointer to `articleId`, only over what was read: created where no pointer was
 * read, replaced at the version read where one was (so it never replaces one another writer stored since).
 */
function pointerOp(
  ctx: StoreContext,
  key: string,
  hash: string,
  articleId: string,
  read: Found<unknown> | undefined,
): BulkOp {
  const op = { key, index: ctx.hashesAlias, id: hash, doc: { articleId } };
  return read?.seqNo === undefined
    ? { ...op, action: 'create' }
    : { ...op, action: 'index', ifSeqNo: read.seqNo, ifPrimaryTerm: read.primaryTerm };
}
