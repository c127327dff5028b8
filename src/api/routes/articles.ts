/**
 * `GET /api/articles/:id` (the article with its revisions, dropped-boilerplate audit and per-paragraph
 * language) and `GET /api/entities/:name` (entity lookup by any alias, either script).
 */
import type { FastifyInstance } from 'fastify';
import { lookupAlias } from '../../entities/index.ts';
import type { ArticleStore } from '../../store/types.ts';
import { HttpError } from '../http.ts';
import { ARTICLE_SCHEMA_ID, articleRef, errorResponses } from '../schemas.ts';

/** Register the article and entity routes. */
export async function articleRoutes(app: FastifyInstance, opts: { store: ArticleStore }): Promise<void> {
  const { store } = opts;
  app.get<{ Params: { id: string } }>(
    '/api/articles/:id',
    {
      schema: {
        summary: 'Get one article',
        description:
          'The stored article (schemas/article.schema.json), its bookkeeping, earlier revisions (oldest first), the boilerplate blocks dropped during cleaning with the reason, and the language of each paragraph.',
        tags: ['articles'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 512 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['article', 'revision', 'ingestedAt', 'updatedAt', 'revisions'],
            properties: {
              article: articleRef,
              revision: { type: 'integer' },
              ingestedAt: { type: 'string' },
              updatedAt: { type: 'string' },
              revisions: { type: 'array', items: { $ref: 'Revision#' } },
              dropped: { type: 'array', items: { $ref: `${ARTICLE_SCHEMA_ID}#/$defs/DroppedBlock` } },
              paragraphLanguages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    index: { type: 'integer' },
                    lang: { type: 'string' },
                    confidence: { type: 'number' },
                    mixed: { type: 'boolean' },
                  },
                },
              },
            },
          },
          404: { $ref: 'ApiError#' },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const a = await store.get(req.params.id);
      if (!a) throw new HttpError(404, 'not-found', `no article with id "${req.params.id}"`);
      const { revision, ingestedAt, updatedAt, ...article } = a;
      return {
        article,
        revision,
        ingestedAt,
        updatedAt,
        revisions: await store.revisions(a.id),
        dropped: a.dropped,
        paragraphLanguages: a.paragraphs.map((p) => ({
          index: p.index,
          lang: p.lang,
          confidence: p.langConfidence,
          mixed: p.mixed === true,
        })),
      };
    },
  );

  app.get<{ Params: { name: string } }>(
    '/api/entities/:name',
    {
      schema: {
        summary: 'Look up an entity by any alias',
        description:
          'Canonical entity for a name in either script (`AIIMS`, `एम्स`, `All India Institute of Medical Sciences`), with its aliases and how many stored articles mention it.',
        tags: ['entities'],
        params: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['canonical', 'type', 'aliases', 'articles'],
            properties: {
              query: { type: 'string' },
              canonical: { type: 'string' },
              type: { $ref: `${ARTICLE_SCHEMA_ID}#/$defs/EntityType` },
              aliases: { type: 'array', items: { type: 'string' } },
              partOf: { type: 'string' },
              articles: { type: 'integer', description: 'Stored articles that mention the entity.' },
            },
          },
          404: { $ref: 'ApiError#' },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const e = lookupAlias(req.params.name);
      if (!e) {
        throw new HttpError(
          404,
          'unknown-entity',
          `"${req.params.name}" is not a known entity name or alias (search full text with /api/search?q=…)`,
        );
      }
      return { query: req.params.name, ...e, articles: await store.count({ entity: e.canonical }) };
    },
  );
}
