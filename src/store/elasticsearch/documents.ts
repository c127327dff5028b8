/**
 * The documents the Elasticsearch store keeps and how they are read back in real time: the `_source` shapes
 * of article and revision documents, the bounded multi-get every read and write plan starts from, and the
 * conversion of an article document to a StoredArticle. Searching (which is not real-time) is in search.ts.
 */

import type { Client } from '@elastic/elasticsearch';
import { TransientError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import type { StoredArticle } from '../types.ts';
import { type StoreContext, wrap } from './client.ts';

/** The `_source` of an article document, as read back. */
export interface ArticleSource {
  doc: Article;
  revision: number;
  ingestedAt: string;
  updatedAt: string;
}

export interface Current extends ArticleSource {
  seqNo?: number;
  primaryTerm?: number;
}

export interface RevisionSource {
  articleId: string;
  revision: number;
  contentHash: string;
  storedAt: string;
  article: Article;
}

export const SOURCE_FIELDS = ['doc', 'revision', 'ingestedAt', 'updatedAt'];
export const PAGE = 500;

export function toStored(source: ArticleSource): StoredArticle {
  return {
    ...source.doc,
    revision: source.revision,
    ingestedAt: source.ingestedAt,
    updatedAt: source.updatedAt,
  };
}

/** A document found by a real-time get: its source and concurrency tokens. */
export interface Found<T> {
  source: T;
  seqNo?: number;
  primaryTerm?: number;
}

/** One document to read: its index (or alias), id and, optionally, the source fields wanted. */
export interface DocRef {
  index: string;
  id: string;
  includes?: string[];
}

/**
 * Real-time multi-get of documents from any indices, in bounded requests (one request reads from several
 * indices: a write plan's lookups cost one round trip, not one per index). Aligned with `refs`: undefined
 * where the document does not exist.
 */
export async function mgetDocs<T = unknown>(
  client: Client,
  refs: DocRef[],
): Promise<(Found<T> | undefined)[]> {
  const out: (Found<T> | undefined)[] = [];
  for (let i = 0; i < refs.length; i += PAGE) {
    const page = refs.slice(i, i + PAGE);
    const where = [...new Set(page.map((r) => r.index))].join(', ');
    const res = await client
      .mget<T>({
        realtime: true,
        docs: page.map((r) => ({
          _index: r.index,
          _id: r.id,
          ...(r.includes ? { _source: { includes: r.includes } } : {}),
        })),
      })
      .catch((e) => {
        throw wrap(e, `read from ${where}`);
      });
    if (res.docs.length !== page.length)
      throw new TransientError(
        'store-unavailable',
        `read from ${where}: ${res.docs.length} documents came back for ${page.length} asked`,
      );
    page.forEach((r, k) => {
      const d = res.docs[k];
      if (d && 'error' in d)
        throw new TransientError('store-unavailable', `read ${d._id} from ${r.index}: ${d.error.reason}`);
      out.push(
        d?.found && d._source
          ? { source: d._source, seqNo: d._seq_no, primaryTerm: d._primary_term }
          : undefined,
      );
    });
  }
  return out;
}

/** Real-time multi-get from one index in bounded requests; missing ids are absent from the map. */
export async function mget<T>(
  client: Client,
  index: string,
  ids: string[],
  includes?: string[],
): Promise<Map<string, Found<T>>> {
  const found = await mgetDocs<T>(
    client,
    ids.map((id) => ({ index, id, includes })),
  );
  const out = new Map<string, Found<T>>();
  ids.forEach((id, k) => {
    const f = found[k];
    if (f) out.set(id, f);
  });
  return out;
}

/** An article's document as the write plans read it. */
export function toCurrent(f: Found<ArticleSource>): Current {
  return { ...f.source, seqNo: f.seqNo, primaryTerm: f.primaryTerm };
}

export async function mgetArticles(ctx: StoreContext, ids: string[]): Promise<Map<string, Current>> {
  const found = await mget<ArticleSource>(ctx.client, ctx.articlesAlias, ids, SOURCE_FIELDS);
  return new Map([...found].map(([id, f]) => [id, toCurrent(f)]));
}
