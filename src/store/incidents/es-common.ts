/** What the Elasticsearch incident and watch stores share: error mapping and a bounded search. */
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { ConfigError, TransientError } from '../../core/errors.ts';

/** Largest result read in one search (members of an incident, notifications of a watch). */
export const MAX_MEMBERS = 10_000;

/** Auth failures are configuration errors; anything else from the client is transient. */
export function wrap(e: unknown, what: string): Error {
  if (e instanceof errors.ResponseError && (e.statusCode === 401 || e.statusCode === 403))
    return new ConfigError('elasticsearch-auth', `${what}: ${e.message}`, { cause: e });
  if (e instanceof errors.ElasticsearchClientError)
    return new TransientError('elasticsearch-unavailable', `${what}: ${e.message}`, { cause: e });
  return e instanceof Error ? e : new Error(String(e));
}

/** Hits read per page by {@link searchAll}. */
const PAGE = 1000;

/**
 * The sources of every hit of `query` in `index` (at most `size`, default all), in index order. Pages
 * through a point in time with `search_after`, so nothing is cut off at the 10,000-hit window and the
 * pages see one consistent view of the index.
 */
export async function searchAll<T>(
  client: Client,
  index: string,
  query: estypes.QueryDslQueryContainer,
  size = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  let pit: string | undefined;
  try {
    pit = (await client.openPointInTime({ index, keep_alive: '1m' })).id;
    const out: T[] = [];
    let after: estypes.SortResults | undefined;
    while (out.length < size) {
      const requested = Math.min(PAGE, size - out.length);
      const id: string = pit;
      const res: estypes.SearchResponse<T> = await client.search<T>({
        query,
        size: requested,
        sort: [{ _shard_doc: 'asc' }],
        pit: { id, keep_alive: '1m' },
        ...(after ? { search_after: after } : {}),
      });
      const hits = res.hits.hits;
      for (const h of hits) out.push(h._source!);
      if (hits.length < requested) break;
      pit = res.pit_id ?? pit;
      after = hits.at(-1)!.sort;
    }
    return out;
  } catch (e) {
    throw wrap(e, `search ${index}`);
  } finally {
    if (pit) await client.closePointInTime({ id: pit }).catch(() => undefined);
  }
}
