/**
 * Job payloads of each stage, their validation and their ids. Documents are checked against
 * `schemas/job.schema.json`; fetch and index payloads by shape. Payloads are checked when they enter a
 * queue (a malformed job never reaches a worker) and again when a worker reads them (another producer may
 * have written it): a bad payload is an {@link InputError}, which is never retried.
 *
 * Job ids are the work's identity (habit 7): the same URL or the same document bytes always give the same
 * id, so BullMQ refuses the duplicate while the first job exists and the work is done once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { InputError } from '../../core/errors.ts';
import { stableId } from '../../core/hash.ts';
import type { Article } from '../../core/types.ts';
import { canonicalizeUrl } from '../../core/url.ts';
import type { InputFormat } from '../../pipeline/analyze.ts';
import type { SourceDocument } from '../../pipeline/document.ts';
import { PIPELINE_VERSION } from '../../pipeline/version.ts';
import type { UpsertStatus } from '../../store/types.ts';

/** fetch: a URL to download. */
export interface FetchPayload {
  source: string;
  url: string;
}

/**
 * analyze: a SourceDocument as `schemas/job.schema.json` describes it (bytes base64-encoded, since job
 * data is JSON), plus the handoff `origin`.
 */
export interface DocumentPayload {
  source: string;
  /** The job that handed this over (`<id>@<created>`), when it came from another stage. */
  origin?: string;
  /** base64 when `contentEncoding` is `base64`, the text itself when `utf8`. */
  content: string;
  contentEncoding: 'base64' | 'utf8';
  format?: InputFormat;
  url?: string;
  contentType?: string;
  published?: string;
  fetchedAt?: string;
}

/** index: an analysed article. */
export interface IndexPayload {
  source: string;
  origin?: string;
  article: Article;
}

/** incidents: stored articles to group (one index batch), by id and the content hash that was stored. */
export interface IncidentsPayload {
  articles: { id: string; contentHash: string }[];
}

/** What incidents jobs return. */
export interface IncidentsResult {
  /** Articles grouped (ids no longer in the article store are skipped). */
  articles: number;
  /** Incidents the articles belong to after grouping. */
  incidents: string[];
  /** Watch notifications this job produced. */
  notifications: number;
}

/** What fetch and analyze jobs return: the job they handed their output to. */
export interface HandoffResult {
  next: string;
  /** The next job already existed (same work submitted before): nothing new was stored. */
  duplicate: boolean;
}

/** What index jobs return. */
export interface IndexResult {
  id: string;
  status: UpsertStatus;
  revision: number;
  title: string;
}

export const JOB_SCHEMA_URL = new URL('../../../schemas/job.schema.json', import.meta.url);

function bad(what: string): never {
  throw new InputError('bad-payload', `invalid job payload: ${what}`);
}

function record(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('not an object');
  return data as Record<string, unknown>;
}

function optionalString(o: Record<string, unknown>, key: string): void {
  if (o[key] !== undefined && typeof o[key] !== 'string') bad(`${key} must be a string`);
}

function requiredString(o: Record<string, unknown>, key: string): void {
  if (typeof o[key] !== 'string' || o[key] === '') bad(`${key} must be a non-empty string`);
}

export function validateFetchPayload(data: unknown): FetchPayload {
  const o = record(data);
  requiredString(o, 'source');
  requiredString(o, 'url');
  if (!/^https?:\/\//i.test(o.url as string)) bad(`url must be http(s), got "${String(o.url).slice(0, 80)}"`);
  return o as unknown as FetchPayload;
}

/** schemas/job.schema.json, compiled once. */
let jobSchema: ValidateFunction | undefined;
function jobSchemaValidator(): ValidateFunction {
  if (!jobSchema) {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    jobSchema = ajv.compile(JSON.parse(readFileSync(JOB_SCHEMA_URL, 'utf8')));
  }
  return jobSchema;
}

export function validateDocumentPayload(data: unknown): DocumentPayload {
  const o = record(data);
  const { origin, ...doc } = o;
  if (origin !== undefined && typeof origin !== 'string') bad('origin must be a string');
  const validate = jobSchemaValidator();
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    bad(`${e?.instancePath || '(root)'} ${e?.message ?? 'does not match schemas/job.schema.json'}`);
  }
  return o as unknown as DocumentPayload;
}

export function validateIndexPayload(data: unknown): IndexPayload {
  const o = record(data);
  requiredString(o, 'source');
  optionalString(o, 'origin');
  const a = record(o.article);
  for (const k of ['id', 'contentHash', 'language', 'pipelineVersion']) requiredString(a, k);
  if (typeof a.title !== 'string') bad('article.title must be a string');
  for (const k of ['paragraphs', 'entities', 'temporal', 'captions', 'dropped']) {
    if (!Array.isArray(a[k])) bad(`article.${k} must be an array`);
  }
  return o as unknown as IndexPayload;
}

export function validateIncidentsPayload(data: unknown): IncidentsPayload {
  const o = record(data);
  if (!Array.isArray(o.articles) || o.articles.length === 0) bad('articles must be a non-empty array');
  for (const a of o.articles) {
    const r = record(a);
    requiredString(r, 'id');
    requiredString(r, 'contentHash');
  }
  return o as unknown as IncidentsPayload;
}

export const validators = {
  fetch: validateFetchPayload,
  analyze: validateDocumentPayload,
  index: validateIndexPayload,
  incidents: validateIncidentsPayload,
} as const;

/** SourceDocument → JSON-safe payload. */
export function encodeDocument(doc: SourceDocument): DocumentPayload {
  const { content, ...rest } = doc;
  const payload: DocumentPayload =
    typeof content === 'string'
      ? { ...rest, content, contentEncoding: 'utf8' }
      : {
          ...rest,
          content: Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64'),
          contentEncoding: 'base64',
        };
  return validateDocumentPayload(JSON.parse(JSON.stringify(payload)));
}

/** Payload → SourceDocument, bytes restored. */
export function decodeDocument(payload: DocumentPayload): SourceDocument {
  const { content, contentEncoding, origin: _origin, ...rest } = validateDocumentPayload(payload);
  return { ...rest, content: contentEncoding === 'base64' ? Buffer.from(content, 'base64') : content };
}

/** fetch job id: the canonical URL (a URL submitted twice is fetched once). */
export function fetchJobId(url: string): string {
  let canonical = url;
  try {
    canonical = canonicalizeUrl(url);
  } catch {
    // validation reports the bad URL; the id only needs to be stable
  }
  return `f-${stableId(`url:${canonical}`)}`;
}

/**
 * analyze job id: hash of the bytes plus every field that changes the analysis, and the pipeline version
 * (a new pipeline re-analyses). The source path is not part of it: the same bytes under two names are one
 * document, as the store would count them.
 */
export function analyzeJobId(payload: DocumentPayload): string {
  const bytes =
    payload.contentEncoding === 'base64'
      ? Buffer.from(payload.content, 'base64')
      : Buffer.from(payload.content, 'utf8');
  const digest = createHash('sha256').update(bytes).digest('hex');
  const parts = [
    PIPELINE_VERSION,
    digest,
    payload.contentEncoding,
    payload.format,
    payload.url,
    payload.contentType,
    payload.published,
  ];
  return `a-${stableId(JSON.stringify(parts))}`;
}

/** index job id: the article's id and content hash (a changed article is a new job, the same one is not). */
export function indexJobId(article: Article): string {
  return `i-${stableId(`${article.id}:${article.contentHash}:${article.pipelineVersion}`)}`;
}

/**
 * incidents job id: the set of stored articles and their content hashes, in any order. A batch written
 * again unchanged (an index job retried after it handed over) is the same job; a changed article is new.
 */
export function incidentsJobId(articles: Pick<Article, 'id' | 'contentHash'>[]): string {
  const keys = articles.map((a) => `${a.id}:${a.contentHash}`).sort();
  return `n-${stableId(`${PIPELINE_VERSION}:${keys.join(',')}`)}`;
}
