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

/** The sources of every hit of `query` in `index` (at most `size`), in index order. */
export async function searchAll<T>(
  client: Client,
  index: string,
  query: estypes.QueryDslQueryContainer,
  size = MAX_MEMBERS,
): Promise<T[]> {
  try {
    const res = await client.search<T>({ index, query, size, sort: ['_doc'] });
    return res.hits.hits.map((h) => h._source!);
  } catch (e) {
    throw wrap(e, `search ${index}`);
  }
}
