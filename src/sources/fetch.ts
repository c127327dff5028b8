/**
 * Fetch one URL as a source document (`analyze URL`, `ingest URL`, the BullMQ fetch stage) through the
 * guarded fetcher of src/net: public addresses only unless `allowPrivate`, every redirect hop checked, a
 * size and a time cap, the project's User-Agent, and the site's robots.txt honoured (read with the
 * crawler's parser, cached per origin for a while).
 */
import { InputError, TransientError } from '../core/errors.ts';
import { Robots } from '../crawl/robots.ts';
import {
  type AddressPolicy,
  type GuardedResponse,
  guardedFetch,
  type Resolver,
  UnsafeAddressError,
  USER_AGENT,
} from '../net/index.ts';
import type { SourceDocument } from '../pipeline/document.ts';

export interface FetchDocumentOptions {
  /** Time cap for the whole fetch, redirects included. */
  timeoutMs: number;
  /** Body size cap in bytes. */
  maxBytes: number;
  /** Private and loopback targets too (`--allow-private`, intranet users). */
  allowPrivate?: boolean;
  /** Finer address policy (e.g. one `address:port` allowed); merged with `allowPrivate`. */
  policy?: AddressPolicy;
  /** Honour robots.txt (default true). */
  respectRobots?: boolean;
  /** Name resolution, for tests and custom DNS (default the system resolver). */
  resolve?: Resolver;
}

const ROBOTS_TTL_MS = 30 * 60_000;
const ROBOTS_MAX_ORIGINS = 500;
const ROBOTS_MAX_BYTES = 512 * 1024;
/** robots.txt per origin; a bounded map (oldest entry dropped first) so a long worker cannot grow it. */
const robotsCache = new Map<string, { at: number; robots: Promise<Robots> }>();

/** Test hook: forget every cached robots.txt. */
export function clearRobotsCache(): void {
  robotsCache.clear();
}

async function readRobots(origin: string, o: FetchDocumentOptions): Promise<Robots> {
  let res: GuardedResponse;
  try {
    res = await guardedFetch(`${origin}/robots.txt`, {
      ...fetchOptions(o),
      maxBytes: ROBOTS_MAX_BYTES,
      timeoutMs: Math.min(o.timeoutMs, 10_000),
    });
  } catch (e) {
    // A refused origin is refused again by the page fetch, with the clearer message; other failures
    // follow RFC 9309: an unreachable robots.txt means "disallow all" for now.
    return e instanceof UnsafeAddressError
      ? new Robots(undefined, 'allow-all')
      : new Robots(undefined, 'disallow-all');
  }
  if (res.ok) return new Robots(res.body.toString('utf8'));
  if (res.status >= 400 && res.status < 500) return new Robots(undefined, 'allow-all');
  return new Robots(undefined, 'disallow-all');
}

function robotsFor(url: URL, o: FetchDocumentOptions): Promise<Robots> {
  // Keyed by policy too: an origin refused under one policy may be reachable under another.
  const key = `${JSON.stringify([Boolean(o.allowPrivate), o.policy ?? {}])} ${url.origin}`;
  const now = Date.now();
  const hit = robotsCache.get(key);
  if (hit && now - hit.at < ROBOTS_TTL_MS) return hit.robots;
  robotsCache.delete(key);
  if (robotsCache.size >= ROBOTS_MAX_ORIGINS) robotsCache.delete(robotsCache.keys().next().value!);
  const robots = readRobots(url.origin, o);
  robotsCache.set(key, { at: now, robots });
  // An unreachable robots.txt is not remembered: the next fetch (a retry) asks again.
  void robots.then((r) => {
    if (r.mode === 'disallow-all' && robotsCache.get(key)?.robots === robots) robotsCache.delete(key);
  });
  return robots;
}

function fetchOptions(o: FetchDocumentOptions) {
  return { allowPrivate: o.allowPrivate, policy: o.policy, resolve: o.resolve, timeoutMs: o.timeoutMs };
}

/**
 * Fetch `url` as a source document. Throws the net error classes (refused address, too large, timeout,
 * network failure: each says whether a retry can help), an `InputError` for a bad URL, a non-retryable
 * HTTP status or a robots.txt refusal, and a `TransientError` for 429/5xx or an unreachable robots.txt.
 */
export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<SourceDocument> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('bad-url', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new InputError('bad-url', `only http and https URLs can be fetched, not ${parsed.protocol}`);
  if (options.respectRobots !== false) {
    const robots = await robotsFor(parsed, options);
    if (!robots.isAllowed(parsed.href, USER_AGENT)) {
      if (robots.mode === 'disallow-all')
        throw new TransientError(
          'robots-unavailable',
          `${url}: ${parsed.origin}/robots.txt could not be read, so the site is not fetched for now; a retry may succeed`,
        );
      throw new InputError('robots-disallowed', `${url} is disallowed by ${parsed.origin}/robots.txt`);
    }
  }
  const res = await guardedFetch(parsed, {
    ...fetchOptions(options),
    maxBytes: options.maxBytes,
    headers: { accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' },
  });
  if (!res.ok) {
    const Err = res.status >= 500 || res.status === 429 ? TransientError : InputError;
    throw new Err('http-status', `${url} answered HTTP ${res.status}`);
  }
  return {
    source: url,
    content: res.body,
    url: res.url,
    contentType: headerText(res.headers['content-type']),
    fetchedAt: new Date().toISOString(),
  };
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
