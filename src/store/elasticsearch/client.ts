/**
 * The Elasticsearch client side of the store: the store's options, the client factory (auth, TLS, timeouts),
 * the context every store module works on (client, alias names, index plan, bulk limits), and the mapping of
 * client errors onto the project's error taxonomy, with the small retry helpers shared by bulk writes and
 * reindexing. It holds no store logic of its own.
 */

import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import { ConfigError, InputError, KhabarError, TransientError } from '../../core/errors.ts';
import type { BulkOptions } from './bulk.ts';
import type { IndexPlan } from './mapping.ts';

export interface ElasticsearchStoreOptions {
  /** Node URL(s), e.g. `http://localhost:9200` (credentials may be in the URL). */
  node: string | string[];
  /** Index and alias name prefix (lower case): isolates deployments and test runs. Default `khabar`. */
  indexPrefix?: string;
  auth?: { apiKey?: string; username?: string; password?: string };
  tls?: { caFile?: string; rejectUnauthorized?: boolean };
  /** Use this client instead of creating one (the store then does not close it). */
  client?: Client;
  /** Primary shards / replicas of newly created indices (default from the schema: 1 / 0). */
  shards?: number;
  replicas?: number;
  /** Index settings laid over the schema's for new articles indices (top-level keys replace, e.g. `analysis`). */
  settings?: Record<string, unknown>;
  bulk?: BulkOptions;
}

/** What the store's modules work on: the client, the three aliases, the index plan and the bulk limits. */
export interface StoreContext {
  readonly client: Client;
  readonly prefix: string;
  readonly articlesAlias: string;
  readonly revisionsAlias: string;
  readonly hashesAlias: string;
  readonly options: ElasticsearchStoreOptions;
  readonly plan: IndexPlan;
  readonly bulk: Required<BulkOptions>;
}

export const isRetryable = (status: number) => status === 429 || status >= 500;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Map a client error to the project's taxonomy: config problems are fatal, the rest transient. */
export function wrap(error: unknown, what: string): Error {
  if (error instanceof KhabarError) return error;
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 0;
    const reason = (error.body as { error?: string | { type?: string; reason?: string } } | undefined)?.error;
    const detail =
      typeof reason === 'string' ? reason : reason?.type ? `${reason.type}: ${reason.reason}` : error.message;
    if (status === 401 || status === 403)
      return new ConfigError('elasticsearch-auth', `${what}: ${detail}`, { cause: error });
    if (status === 400)
      return new InputError('elasticsearch-rejected', `${what}: ${detail}`, { cause: error });
    return new TransientError('elasticsearch-unavailable', `${what}: ${status} ${detail}`, { cause: error });
  }
  if (error instanceof errors.ElasticsearchClientError) {
    return new TransientError('elasticsearch-unavailable', `${what}: ${error.message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A client for the store's options: auth (API key or user/password), TLS (CA file), 3 retries, 60 s timeout. */
export function createClient(options: ElasticsearchStoreOptions): Client {
  const { auth, tls } = options;
  let clientAuth: { apiKey: string } | { username: string; password: string } | undefined;
  if (auth?.apiKey) clientAuth = { apiKey: auth.apiKey };
  else if (auth?.username) clientAuth = { username: auth.username, password: auth.password ?? '' };
  let clientTls: { ca?: Buffer; rejectUnauthorized?: boolean } | undefined;
  if (tls) {
    clientTls = {};
    if (tls.caFile) {
      try {
        clientTls.ca = readFileSync(tls.caFile);
      } catch (e) {
        throw new ConfigError(
          'bad-config',
          `cannot read the Elasticsearch CA file ${tls.caFile}: ${(e as Error).message}`,
        );
      }
    }
    if (tls.rejectUnauthorized !== undefined) clientTls.rejectUnauthorized = tls.rejectUnauthorized;
  }
  return new Client({
    node: options.node,
    ...(clientAuth ? { auth: clientAuth } : {}),
    ...(clientTls ? { tls: clientTls } : {}),
    maxRetries: 3,
    requestTimeout: 60_000,
  });
}
