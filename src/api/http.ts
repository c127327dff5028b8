/**
 * HTTP plumbing shared by the routes: errors as `{statusCode, error, message}`, optional API-key auth,
 * opaque search cursors.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, InputError, KhabarError, TransientError } from '../core/errors.ts';

/** An error with an HTTP status and a short code; the message is shown to the client. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
}

/** Map any thrown value to a status and body. User input errors are 4xx with the store's own message. */
export function errorBody(e: unknown): { statusCode: number; error: string; message: string } {
  const err = e as FastifyError & { code?: string };
  if (e instanceof HttpError) return { statusCode: e.statusCode, error: e.code, message: e.message };
  if (err.validation) {
    return { statusCode: 400, error: 'bad-request', message: err.message };
  }
  if (e instanceof InputError) return { statusCode: 400, error: e.code, message: e.message };
  if (e instanceof TransientError) return { statusCode: 503, error: e.code, message: e.message };
  if (e instanceof ConfigError) return { statusCode: 500, error: e.code, message: e.message };
  if (e instanceof KhabarError) return { statusCode: 500, error: e.code, message: e.message };
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
  if (status < 500) {
    return {
      statusCode: status,
      error: status === 429 ? 'rate-limited' : (err.code ?? 'bad-request').toLowerCase().replace(/_/g, '-'),
      message: err.message,
    };
  }
  return { statusCode: status, error: 'internal', message: 'internal error (see the server log)' };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** What a request presents as the API key: nothing, something malformed, or a key to compare. */
type Presented = { kind: 'none' } | { kind: 'malformed'; why: string } | { kind: 'key'; key: string };

/**
 * The key a request presents: header `x-api-key`, or the password of HTTP Basic credentials, parsed
 * strictly (RFC 7617: base64 of `user:password`; anything else is malformed, never taken as the key).
 */
function presentedKey(req: FastifyRequest): Presented {
  let header = req.headers['x-api-key'];
  if (Array.isArray(header)) header = header[0];
  if (header) return { kind: 'key', key: header };
  const auth = req.headers.authorization;
  if (!auth) return { kind: 'none' };
  const basic = /^Basic +([A-Za-z0-9+/]+={0,2})$/i.exec(auth.trim());
  if (!basic)
    return { kind: 'malformed', why: 'the Authorization header is not HTTP Basic (base64 of user:password)' };
  const decoded = Buffer.from(basic[1]!, 'base64');
  // Round trip: rejects base64 with bits left over, which Buffer.from would otherwise decode loosely.
  if (decoded.toString('base64').replace(/={1,2}$/, '') !== basic[1]!.replace(/={1,2}$/, ''))
    return { kind: 'malformed', why: 'the Basic credentials are not valid base64' };
  const text = decoded.toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0)
    return { kind: 'malformed', why: 'the Basic credentials have no colon (expected user:password)' };
  return { kind: 'key', key: text.slice(colon + 1) };
}

/** A check of a request against the API key (always true when no key is configured). */
export function apiKeyCheck(apiKey: string | undefined): (req: FastifyRequest) => boolean {
  const want = apiKey ? digest(apiKey) : undefined;
  return (req) => {
    if (!want) return true;
    const p = presentedKey(req);
    return p.kind === 'key' && timingSafeEqual(digest(p.key), want);
  };
}

/**
 * onRequest hook enforcing the API key, when one is configured: header `x-api-key: <key>`, or HTTP Basic
 * auth with the key as password (so a browser can open the queue dashboard and export links).
 */
export function requireApiKey(apiKey: string | undefined) {
  const want = apiKey ? digest(apiKey) : undefined;
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!want) return;
    const p = presentedKey(req);
    if (p.kind === 'key' && timingSafeEqual(digest(p.key), want)) return;
    reply.header('www-authenticate', 'Basic realm="khabar", charset="UTF-8"');
    throw new HttpError(
      401,
      'unauthorized',
      p.kind === 'key'
        ? 'wrong API key'
        : p.kind === 'malformed'
          ? `${p.why}; send the key in the x-api-key header or as the Basic password`
          : 'this route needs the API key: send it in the x-api-key header (or as the Basic auth password)',
    );
  };
}

/** Fingerprint of a query's filters: a cursor is only valid for the query that issued it. */
function fingerprint(filter: Record<string, unknown>): string {
  const keys = Object.keys(filter).sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, filter[k]])))
    .digest('base64url')
    .slice(0, 12);
}

/** Opaque cursor for the next page. */
export function encodeCursor(filter: Record<string, unknown>, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint(filter) })).toString('base64url');
}

/**
 * Deepest offset a cursor may carry: the Elasticsearch result window, applied to both stores so a
 * forged cursor gets the same 400 everywhere (and never reaches SQLite as an out-of-range integer).
 */
export const MAX_CURSOR_OFFSET = 10_000;

/** Offset of a cursor issued for the same filters; throws a 400 for anything else. */
export function decodeCursor(cursor: string, filter: Record<string, unknown>): number {
  let c: { o?: unknown; f?: unknown } | undefined;
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
  } catch {
    // not JSON: invalid, below
  }
  if (
    c &&
    typeof c === 'object' &&
    c.f === fingerprint(filter) &&
    Number.isSafeInteger(c.o) &&
    (c.o as number) >= 0
  ) {
    if ((c.o as number) <= MAX_CURSOR_OFFSET) return c.o as number;
    throw new HttpError(
      400,
      'bad-cursor',
      `cursor points past result ${MAX_CURSOR_OFFSET}, which cannot be paged to: narrow the query or use export`,
    );
  }
  throw new HttpError(
    400,
    'bad-cursor',
    'cursor is invalid or belongs to another query: repeat the query without cursor',
  );
}
