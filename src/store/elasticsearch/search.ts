/**
 * Searching the Elasticsearch store: turning an ArticleFilter (parsed user text, language, site, entity,
 * time bounds) into a query of `multi_match` phrases and `term`s, paged and sorted search with highlights
 * and optional facet counts, and counting matches. User text never becomes anything but phrases and terms.
 */

import type { estypes } from '@elastic/elasticsearch';
import { InputError } from '../../core/errors.ts';
import { lookupAlias } from '../../entities/index.ts';
import { parseQuery, type QueryClause } from '../query.ts';
import { timeBounds } from '../time.ts';
import { entityKey } from '../tokenize.ts';
import {
  type ArticleFilter,
  type FacetBucket,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  toSearchHit,
} from '../types.ts';
import { type StoreContext, wrap } from './client.ts';
import type { ArticleSource } from './documents.ts';
import { allTextFields, type IndexPlan } from './mapping.ts';

/** Search request with Elasticsearch-only extras. */
export interface ElasticsearchSearchQuery extends SearchQuery {
  /** Also return facet counts (entities, language, site, month of publication) over all matches. */
  facets?: boolean;
}

export type { FacetBucket, SearchFacets } from '../types.ts';

/** A SearchResult plus, when asked for with `facets: true`, facet counts. */
export interface ElasticsearchSearchResult extends SearchResult {
  facets?: SearchFacets;
}

const HIT_FIELDS = [
  'doc.id',
  'doc.title',
  'doc.url',
  'doc.canonicalUrl',
  'doc.site',
  'doc.published',
  'doc.language',
];
const MAX_WINDOW = 10_000;

/** A phrase query over every per-language title and body field (titles weigh 4×, like the embedded store). */
function phraseQuery(
  plan: IndexPlan,
  phrase: string,
  fields = textFields(plan),
): estypes.QueryDslQueryContainer {
  return { multi_match: { query: phrase, type: 'phrase', fields } };
}

function textFields(plan: IndexPlan): string[] {
  const title = plan.textFields.title ?? [];
  return allTextFields(plan).map((f) => (title.includes(f) ? `${f}^4` : f));
}

function clauseQuery(plan: IndexPlan, c: QueryClause): estypes.QueryDslQueryContainer {
  const should: estypes.QueryDslQueryContainer[] = c.phrases.map((p) => phraseQuery(plan, p));
  if (c.entity) {
    const key = entityKey(c.entity);
    should.push(
      { term: { entity_keys: { value: key, boost: 2 } } },
      { term: { part_of_keys: { value: key } } },
    );
  }
  return { bool: { should, minimum_should_match: 1 } };
}

/** The query for a filter: parses and validates user input before any request is made. */
export function buildQuery(
  plan: IndexPlan,
  filter: ArticleFilter,
): { query: estypes.QueryDslQueryContainer; clauses: QueryClause[] } {
  const clauses = filter.text ? parseQuery(filter.text) : [];
  const { from, to } = timeBounds(filter);
  const must = clauses.map((c) => clauseQuery(plan, c));
  const filters: estypes.QueryDslQueryContainer[] = [];
  if (filter.lang) filters.push({ term: { language: filter.lang } });
  if (filter.site) filters.push({ term: { site: filter.site } });
  if (filter.entity) {
    const canonical = lookupAlias(filter.entity)?.canonical ?? filter.entity;
    filters.push({ term: { entity_keys: entityKey(canonical) } });
  }
  if (from !== undefined || to !== undefined) {
    filters.push({
      range: {
        published: {
          ...(from !== undefined ? { gte: from } : {}),
          ...(to !== undefined ? { lte: to } : {}),
          format: 'epoch_millis',
        },
      },
    });
  }
  if (must.length === 0 && filters.length === 0) return { query: { match_all: {} }, clauses };
  return { query: { bool: { must, filter: filters } }, clauses };
}

export async function search(
  ctx: StoreContext,
  query: ElasticsearchSearchQuery,
): Promise<ElasticsearchSearchResult> {
  const { query: q, clauses } = buildQuery(ctx.plan, query);
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  if (offset + limit > MAX_WINDOW) {
    throw new InputError(
      'offset-too-large',
      `results past ${MAX_WINDOW} cannot be paged; narrow the query or use export`,
    );
  }
  const byDate: estypes.SortCombinations[] = [
    { published: { order: 'desc', missing: '_last', unmapped_type: 'date' } },
    { id: { order: 'asc' } },
  ];
  const highlightFields: Record<string, estypes.SearchHighlightField> = {};
  for (const f of ctx.plan.textFields.title ?? []) highlightFields[f] = { number_of_fragments: 0 };
  for (const f of ctx.plan.textFields.body ?? [])
    highlightFields[f] = { fragment_size: 220, number_of_fragments: 3 };
  let res: estypes.SearchResponse<Pick<ArticleSource, 'doc'>>;
  try {
    res = await ctx.client.search<Pick<ArticleSource, 'doc'>>({
      index: ctx.articlesAlias,
      query: q,
      from: offset,
      size: limit,
      track_total_hits: true,
      sort: clauses.length > 0 ? ['_score', ...byDate] : byDate,
      _source: { includes: HIT_FIELDS },
      ...(clauses.length > 0
        ? {
            highlight: {
              type: 'unified',
              encoder: 'html',
              pre_tags: ['<mark>'],
              post_tags: ['</mark>'],
              // Every alternative of every clause, entity aliases in both scripts included, so `AIIMS`
              // marks एम्स in a Hindi story; filters and entity keys are not text and are left out.
              highlight_query: {
                bool: { should: clauses.flatMap((c) => c.phrases.map((p) => phraseQuery(ctx.plan, p))) },
              },
              fields: highlightFields,
            },
          }
        : {}),
      ...(query.facets
        ? {
            aggs: {
              entities: { terms: { field: 'entities', size: 20 } },
              language: { terms: { field: 'language', size: 20 } },
              site: { terms: { field: 'site', size: 20 } },
              published: {
                date_histogram: {
                  field: 'published',
                  calendar_interval: 'month',
                  time_zone: '+05:30',
                  format: 'yyyy-MM',
                  min_doc_count: 1,
                },
              },
            },
          }
        : {}),
    });
  } catch (e) {
    throw wrap(e, 'search');
  }
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const hits = res.hits.hits.map((h): SearchHit => {
    const a = h._source!.doc;
    const highlights = [
      ...(ctx.plan.textFields.title ?? []).flatMap((f) => h.highlight?.[f] ?? []),
      ...(ctx.plan.textFields.body ?? []).flatMap((f) => h.highlight?.[f] ?? []),
    ]
      .slice(0, 3)
      // Lucene's HTML encoder writes ' as &#x27; and / as &#x2F;: match escapeHtml in highlight.ts.
      .map((f) => f.replaceAll('&#x27;', '&#39;').replaceAll('&#x2F;', '/'));
    const score = typeof h._score === 'number' ? h._score : 0;
    return toSearchHit(a, score, highlights);
  });
  const result: ElasticsearchSearchResult = { total, hits };
  if (query.facets && res.aggregations) {
    const buckets = (name: string): FacetBucket[] => {
      const agg = res.aggregations![name] as {
        buckets?: { key: string | number; key_as_string?: string; doc_count: number }[];
      };
      return (agg.buckets ?? []).map((b) => ({
        value: b.key_as_string ?? String(b.key),
        count: b.doc_count,
      }));
    };
    result.facets = {
      entities: buckets('entities'),
      language: buckets('language'),
      site: buckets('site'),
      published: buckets('published'),
    };
  }
  return result;
}

export async function count(ctx: StoreContext, filter: ArticleFilter = {}): Promise<number> {
  const { query } = buildQuery(ctx.plan, filter);
  try {
    return (await ctx.client.count({ index: ctx.articlesAlias, query })).count;
  } catch (e) {
    throw wrap(e, 'count');
  }
}
