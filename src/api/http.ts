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

/**
 * onRequest hook enforcing the API key, when one is configured: header `x-api-key: <key>`, or HTTP Basic
 * auth with the key as password (so a browser can open the queue dashboard and export links).
 */
export function requireApiKey(apiKey: string | undefined) {
  const want = apiKey ? digest(apiKey) : undefined;
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!want) return;
    let given = req.headers['x-api-key'];
    if (Array.isArray(given)) given = given[0];
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!given && basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      given = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (given && timingSafeEqual(digest(given), want)) return;
    reply.header('www-authenticate', 'Basic realm="khabar", charset="UTF-8"');
    throw new HttpError(
      401,
      'unauthorized',
      given
        ? 'wrong API key'
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

/** Offset of a cursor issued for the same filters; throws a 400 for anything else. */
export function decodeCursor(cursor: string, filter: Record<string, unknown>): number {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof c.o === 'number' && Number.isInteger(c.o) && c.o >= 0 && c.f === fingerprint(filter))
      return c.o;
  } catch {
    // fall through
  }
  throw new HttpError(
    400,
    'bad-cursor',
    'cursor is invalid or belongs to another query: repeat the query without cursor',
  );
}
