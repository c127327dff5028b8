/**
 * JSON Schemas of the HTTP API. The article itself is described once, in `schemas/article.schema.json`,
 * added to Fastify with `addSchema` and referenced by `$ref` from route schemas; @fastify/swagger turns the
 * same route schemas into the OpenAPI document, so nothing is written twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const SCHEMA_DIR = join(import.meta.dirname, '../../schemas');

/** `$id` under which the article schema is registered (its own `$id`). */
export const ARTICLE_SCHEMA_ID = 'https://khabar.invalid/schemas/article.schema.json';

/** A schema file without draft markers and store annotations: what API clients need to see. */
export function publicSchema(file: string): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== '$schema' && !k.startsWith('x-'))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return strip(raw) as Record<string, unknown>;
}

export const articleRef = { $ref: `${ARTICLE_SCHEMA_ID}#` } as const;

export const errorSchema = {
  $id: 'ApiError',
  type: 'object',
  description: 'Every 4xx/5xx answer: a machine-readable code and a sentence saying what to change.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'Short code, e.g. `bad-date`, `not-found`, `unauthorized`.' },
    message: { type: 'string' },
  },
} as const;

/** Filters shared by search and export (query string). */
export const filterProperties = {
  q: {
    type: 'string',
    maxLength: 500,
    description: 'Full-text query in Hindi or English; entity names match across scripts (AIIMS ↔ एम्स).',
  },
  lang: {
    type: 'string',
    pattern: '^[a-z]{3}$',
    description: 'Document language, ISO 639-3 (`hin`, `eng`).',
  },
  entity: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: 'Entity by canonical name or any alias in either script.',
  },
  site: {
    type: 'string',
    minLength: 1,
    maxLength: 253,
    description: 'Site as stored, e.g. `etvbharat.com`.',
  },
  from: {
    type: 'string',
    maxLength: 40,
    description: 'Published on or after (YYYY-MM-DD, IST day, or ISO 8601 time).',
  },
  to: {
    type: 'string',
    maxLength: 40,
    description: 'Published on or before (YYYY-MM-DD includes that day).',
  },
} as const;

const facetBuckets = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count'],
    properties: { value: { type: 'string' }, count: { type: 'integer' } },
  },
} as const;

export const facetsSchema = {
  $id: 'SearchFacets',
  type: 'object',
  description: 'Counts over all matches (not only the page).',
  properties: {
    entities: facetBuckets,
    language: facetBuckets,
    site: facetBuckets,
    published: { ...facetBuckets, description: 'Month of publication (IST), `YYYY-MM`, oldest first.' },
  },
} as const;

export const hitSchema = {
  $id: 'SearchHit',
  type: 'object',
  required: ['id', 'title', 'language', 'score', 'highlights'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    url: { type: 'string' },
    site: { type: 'string' },
    published: { type: 'string', description: 'ISO 8601 with the original offset.' },
    language: { type: 'string' },
    score: { type: 'number' },
    highlights: {
      type: 'array',
      items: { type: 'string' },
      description: 'HTML fragments: whole matched words in `<mark>`, all other text escaped.',
    },
  },
} as const;

export const revisionSchema = {
  $id: 'Revision',
  type: 'object',
  required: ['revision', 'contentHash', 'storedAt', 'article'],
  properties: {
    revision: { type: 'integer' },
    contentHash: { type: 'string' },
    storedAt: { type: 'string' },
    article: articleRef,
  },
} as const;

/** Register the shared schemas (article from schemas/, the rest from here). */
export function addSharedSchemas(app: FastifyInstance): void {
  app.addSchema(publicSchema('article.schema.json'));
  for (const s of [errorSchema, facetsSchema, hitSchema, revisionSchema]) app.addSchema(s);
}

/** Error responses every route may give. */
export const errorResponses = {
  400: { $ref: 'ApiError#' },
  429: { $ref: 'ApiError#' },
  500: { $ref: 'ApiError#' },
  503: { $ref: 'ApiError#' },
} as const;
