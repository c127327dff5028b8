/**
 * `GET /api/export`: the same filters as search, streamed as JSONL, CSV (optional UTF-8 BOM) or Parquet,
 * every record with provenance; `card=true` answers the dataset card instead. Behind the API key when one
 * is set, rate-limited separately, and capped at `maxExportRows` per request.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { CardBuilder } from '../../export/card.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/index.ts';
import { writeParquet } from '../../export/parquet.ts';
import { CSV_COLUMNS, toCsvRow, toExportRecord } from '../../export/records.ts';
import type { ArticleFilter, ArticleStore, StoredArticle } from '../../store/types.ts';
import { HttpError } from '../http.ts';
import type { ApiMetrics } from '../metrics.ts';
import { errorResponses, filterProperties } from '../schemas.ts';
import { toFilter } from './search.ts';

export interface ExportRouteOptions {
  store: ArticleStore;
  maxExportRows: number;
  auth: preHandlerAsyncHookHandler;
  metrics: ApiMetrics;
  /** Requests per minute per client for exports. */
  rateLimit: number | false;
}

interface ExportQs extends Partial<Record<keyof typeof filterProperties, string>> {
  format: ExportFormat;
  bom?: boolean;
  limit?: number;
  card?: boolean;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

async function* take(store: ArticleStore, filter: ArticleFilter, limit: number, seen: { n: number }) {
  if (limit <= 0) return;
  for await (const a of store.export(filter)) {
    seen.n++;
    yield a;
    if (seen.n >= limit) return;
  }
}

/** Register `GET /api/export`. */
export async function exportRoutes(app: FastifyInstance, opts: ExportRouteOptions): Promise<void> {
  app.get<{ Querystring: ExportQs }>(
    '/api/export',
    {
      preHandler: opts.auth,
      config: opts.rateLimit === false ? {} : { rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: {
        summary: 'Export articles with provenance',
        description: `Stream every article matching the filters (same as search) as JSONL, CSV or Parquet; each record carries provenance (source and canonical URL, fetch/ingest time, revision, content hash, pipeline version). At most ${opts.maxExportRows} records per request: narrow the filters, pass \`limit\`, or use \`khabar export\` for more. \`card=true\` returns the dataset card (counts by language, site and month) for the same filters. Needs the API key when KHABAR_API_KEY is set.`,
        tags: ['export'],
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl' },
            bom: { type: 'boolean', default: false, description: 'CSV: start with a UTF-8 byte-order mark.' },
            limit: { type: 'integer', minimum: 1, maximum: opts.maxExportRows },
            card: { type: 'boolean', default: false, description: 'Return the dataset card (JSON) instead.' },
          },
        },
        response: {
          200: {
            description: 'The export file (JSONL, CSV or Parquet), or the dataset card when `card=true`.',
            content: {
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
              'application/json': { schema: { type: 'object', additionalProperties: true } },
            },
          },
          401: { $ref: 'ApiError#' },
          413: { $ref: 'ApiError#' },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const filter = toFilter(req.query);
      const { format } = req.query;
      const limit = req.query.limit ?? opts.maxExportRows;
      if (req.query.limit === undefined) {
        const total = await opts.store.count(filter);
        if (total > opts.maxExportRows) {
          throw new HttpError(
            413,
            'export-too-large',
            `${total} articles match; one request exports at most ${opts.maxExportRows}: narrow the filters, pass limit, or use \`khabar export\``,
          );
        }
      }
      const seen = { n: 0 };
      if (req.query.card) {
        const card = new CardBuilder();
        for await (const a of take(opts.store, filter, limit, seen)) card.add(a);
        return card.build({ format, query: filter });
      }
      const name = `khabar-export.${format}`;
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`);
      const done = () => opts.metrics.observeExport(format, seen.n);
      if (format === 'parquet') {
        const dir = await mkdtemp(join(tmpdir(), 'khabar-api-export-'));
        const file = join(dir, name);
        try {
          await writeParquet(take(opts.store, filter, limit, seen), file);
        } catch (e) {
          await rm(dir, { recursive: true, force: true });
          throw e;
        }
        done();
        const body = createReadStream(file);
        body.on('close', () => void rm(dir, { recursive: true, force: true }));
        return reply.send(body);
      }
      const rows = async function* () {
        for await (const a of take(opts.store, filter, limit, seen) as AsyncIterable<StoredArticle>)
          yield format === 'jsonl' ? `${JSON.stringify(toExportRecord(a))}\n` : toCsvRow(a);
        done();
      };
      const source = Readable.from(rows(), { objectMode: true });
      const body =
        format === 'csv'
          ? pipeline(
              source,
              stringify({ header: true, columns: CSV_COLUMNS, bom: req.query.bom === true }),
              (e) => e && req.log.warn({ err: e }, 'export stream ended early'),
            )
          : source;
      return reply.send(body);
    },
  );
}
