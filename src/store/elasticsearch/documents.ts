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

/** Real-time multi-get in bounded requests; missing ids are absent from the map. */
export async function mget<T>(
  client: Client,
  index: string,
  ids: string[],
  includes?: string[],
): Promise<Map<string, { source: T; seqNo?: number; primaryTerm?: number }>> {
  const out = new Map<string, { source: T; seqNo?: number; primaryTerm?: number }>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const res = await client
      .mget<T>({
        index,
        ids: ids.slice(i, i + PAGE),
        realtime: true,
        ...(includes ? { _source_includes: includes } : {}),
      })
      .catch((e) => {
        throw wrap(e, `read from ${index}`);
      });
    for (const d of res.docs) {
      if ('error' in d)
        throw new TransientError('store-unavailable', `read ${d._id} from ${index}: ${d.error.reason}`);
      if (d.found && d._source)
        out.set(d._id, { source: d._source, seqNo: d._seq_no, primaryTerm: d._primary_term });
    }
  }
  return out;
}

export async function mgetArticles(ctx: StoreContext, ids: string[]): Promise<Map<string, Current>> {
  const found = await mget<ArticleSource>(ctx.client, ctx.articlesAlias, ids, SOURCE_FIELDS);
  return new Map(
    [...found].map(([id, f]) => [id, { ...f.source, seqNo: f.seqNo, primaryTerm: f.primaryTerm }]),
  );
}
