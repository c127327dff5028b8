/**
 * The one outbound HTTP entry point: {@link guardedFetch} for a request with its redirects, and
 * {@link checkUrlTarget} to vet a URL without fetching it (e.g. a webhook at registration). Every hop is
 * checked by {@link fetchHop}; redirects are followed here, by hand, so each new target is checked again.
 */
import { lookup } from 'node:dns/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { type AddressPolicy, addressRefusal } from './address.ts';
import {
  BadUrlError,
  FetchFailedError,
  FetchTimeoutError,
  RedirectError,
  UnsafeAddressError,
} from './errors.ts';
import { fetchHop, literalRefusal, portOf, type Resolver } from './hop.ts';

/**
 * The project's User-Agent for every outbound request. Same product token as the crawler's default
 * (`KhabarBot`, see src/crawl/config.ts), so one robots.txt group covers all our fetches.
 */
export const USER_AGENT = 'KhabarBot/0.1 (+https://github.com/khabar-news/khabar)';

export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface GuardedFetchOptions {
  method?: string;
  body?: string | Uint8Array;
  /** Extra headers; `user-agent` defaults to {@link USER_AGENT}. */
  headers?: Record<string, string>;
  /** Allow private, loopback and unspecified addresses (the `--allow-private` opt-in). */
  allowPrivate?: boolean;
  /** Finer policy: exact `address:port` targets, loopback only (merged with `allowPrivate`). */
  policy?: AddressPolicy;
  /** Body size cap in bytes, after decoding (default 8 MiB). */
  maxBytes?: number;
  /** Time cap for the whole request, every hop included (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed (default 5; 0 returns the 3xx response itself). */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Name resolution (default the system resolver, /etc/hosts included); for tests and custom DNS. */
  resolve?: Resolver;
}

export interface GuardedResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  statusText: string;
  ok: boolean;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Every URL redirected to, in order. */
  redirects: string[];
  remoteAddress?: string;
}

function parseUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new BadUrlError(String(raw), 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BadUrlError(url.href, `uses ${url.protocol}; only http and https URLs can be fetched`);
  return url;
}

function policyOf(o: { allowPrivate?: boolean; policy?: AddressPolicy }): AddressPolicy {
  return { ...o.policy, allowPrivate: Boolean(o.allowPrivate || o.policy?.allowPrivate) };
}

/**
 * Fetch `url` with every address checked at connect time, redirects followed by hand (each hop checked
 * again, at most `maxRedirects`), the body capped at `maxBytes` while streaming, the whole request capped
 * at `timeoutMs`, and the project's User-Agent. Any HTTP status is returned (check `ok`); failures throw
 * {@link UnsafeAddressError}, {@link FetchTooLargeError}, {@link FetchTimeoutError}, {@link RedirectError},
 * {@link BadUrlError} or {@link FetchFailedError}, each with `retryable`.
 *
 * @example
 *   const res = await guardedFetch('https://example.in/hook', {
 *     method: 'POST', body: JSON.stringify(payload), headers: { 'content-type': 'application/json' },
 *     timeoutMs: 10_000, maxRedirects: 0,
 *   });
 */
export async function guardedFetch(
  raw: string | URL,
  options: GuardedFetchOptions = {},
): Promise<GuardedResponse> {
  const first = parseUrl(raw);
  const policy = policyOf(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchTimeoutError(first.href, timeoutMs)), timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body;
  let url = first;
  const redirects: string[] = [];
  try {
    for (;;) {
      const res = await fetchHop(url, {
        policy,
        method,
        headers,
        body,
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        signal,
        resolve: options.resolve,
        readBody: (status, h) => maxRedirects === 0 || !(isFollowed(status) && h.location),
      });
      const location = res.headers.location;
      if (maxRedirects === 0 || !isFollowed(res.status) || !location) {
        return {
          url: url.href,
          status: res.status,
          statusText: res.statusMessage,
          ok: res.status >= 200 && res.status < 300,
          headers: res.headers,
          body: res.body,
          redirects,
          remoteAddress: res.remoteAddress,
        };
      }
      if (redirects.length >= maxRedirects)
        throw new RedirectError('too-many-redirects', first.href, `more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = parseUrl(new URL(location, url));
      } catch (e) {
        throw new RedirectError(
          'bad-redirect',
          url.href,
          `redirects to ${location}: ${(e as Error).message}`,
        );
      }
      // As browsers do: 303 (and 301/302 after a POST) continue as a GET without the body.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      // Credentials belong to the origin they were sent to.
      if (next.origin !== url.origin) {
        delete headers.authorization;
        delete headers.cookie;
      }
      redirects.push(next.href);
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

function isFollowed(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** What {@link checkUrlTarget} found: the parsed URL and the addresses its host resolves to now. */
export interface UrlTarget {
  url: URL;
  addresses: string[];
}

/**
 * Resolve and vet a URL without fetching it: scheme, literal address or every address the host resolves
 * to now. For refusing bad URLs early (e.g. webhooks at registration); it does not replace the connect-time
 * check, since DNS answers can change later. Throws {@link BadUrlError}, {@link UnsafeAddressError}, or
 * {@link FetchFailedError} when the name does not resolve.
 */
export async function checkUrlTarget(
  raw: string | URL,
  policy: AddressPolicy = {},
  resolve?: Resolver,
): Promise<UrlTarget> {
  const url = parseUrl(raw);
  const literal = literalRefusal(url, policy);
  if (literal) throw literal;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return { url, addresses: [host] };
  let found: { address: string }[];
  try {
    found = resolve ? await resolve(host) : await lookup(host, { all: true });
  } catch (e) {
    throw new FetchFailedError(url.href, e);
  }
  for (const a of found) {
    const refusal = addressRefusal(a.address, policy, portOf(url));
    if (refusal) throw new UnsafeAddressError(url.href, `${host} resolves to ${refusal}`, a.address);
  }
  return { url, addresses: found.map((a) => a.address) };
}
