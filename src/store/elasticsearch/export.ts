/**
 * Exporting from the Elasticsearch store: every article matching a filter, read through a point in time in
 * `_shard_doc` order with `search_after`, so an export is consistent and not bounded by the search window.
 * The point in time is always closed, however the iteration ends.
 */

import type { estypes } from '@elastic/elasticsearch';
import type { ArticleFilter, StoredArticle } from '../types.ts';
import { type StoreContext, wrap } from './client.ts';
import { type ArticleSource, PAGE, SOURCE_FIELDS, toStored } from './documents.ts';
import { buildQuery } from './search.ts';

/** Every matching article through a point in time, 500 per page in `_shard_doc` order; the PIT is always closed. */
export async function* exportArticles(
  ctx: StoreContext,
  filter: ArticleFilter = {},
): AsyncIterable<StoredArticle> {
  const { query } = buildQuery(ctx.plan, filter);
  let pit: string;
  try {
    pit = (await ctx.client.openPointInTime({ index: ctx.articlesAlias, keep_alive: '2m' })).id;
  } catch (e) {
    throw wrap(e, 'open point in time');
  }
  try {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const res = await ctx.client
        .search<ArticleSource>({
          pit: { id: pit, keep_alive: '2m' },
          query,
          size: PAGE,
          sort: [{ _shard_doc: 'asc' }],
          track_total_hits: false,
          _source: { includes: SOURCE_FIELDS },
          ...(after ? { search_after: after } : {}),
        })
        .catch((e) => {
          throw wrap(e, 'export');
        });
      if (res.pit_id) pit = res.pit_id;
      const hits = res.hits.hits;
      for (const h of hits) yield toStored(h._source!);
      if (hits.length < PAGE) return;
      after = hits.at(-1)!.sort;
    }
  } finally {
    await ctx.client.closePointInTime({ id: pit }).catch(() => undefined);
  }
}
