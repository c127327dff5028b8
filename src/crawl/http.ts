/**
 * The crawler's HTTP client, plugged into Crawlee (`httpClient`). It owns everything about one fetch that
 * must hold whatever page is asked for: address safety (each hop through the guarded fetcher of src/net:
 * literal IPs, resolved addresses, every redirect hop), the allowed hosts, per-host politeness and back-off, a clear User-Agent, a timeout, a size limit,
 * redirects followed by hand and recorded, and bodies of non-page content types left unread.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type {
  BaseHttpClient,
  BaseHttpResponseData,
  HttpRequest,
  HttpResponse,
  RedirectHandler,
  ResponseTypes,
  StreamingHttpResponse,
} from 'crawlee';
import { NonRetryableError } from 'crawlee';
import { FetchTimeoutError, FetchTooLargeError, fetchHop } from '../net/index.ts';
import type { Gate } from './host-gate.ts';
import { type AddressPolicy, UnsafeAddressError, urlRefusal } from './safety.ts';

/** A fetch that must not be retried; `code` is counted in the summary. */
export class RefusedError extends NonRetryableError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface ClientOptions {
  policy: AddressPolicy;
  gate: Gate;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** First retry waits this long, doubling each time (Retry-After wins when longer). */
  retryBaseMs: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
  /** Undefined when the crawl may fetch this URL (allowed host), else why not. */
  allowUrl: (url: URL) => string | undefined;
  /** Content types whose body is read; others come back with an empty body. */
  readBody?: (contentType: string) => boolean;
  /** A fetch ended after redirects: first URL, then every hop. */
  onRedirects?: (from: string, hops: string[]) => void;
  onFetch?: (info: { url: string; status: number; bytes: number; ms: number }) => void;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const DEFAULT_READ = /(?:html|xml|rss|atom|json|text\/plain)/i;

/** Retry-After as milliseconds (seconds or an HTTP date). */
export function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface RawResponse {
  url: string;
  statusCode: number;
  statusMessage?: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  redirectUrls: URL[];
  ip?: string;
}

export class CrawlHttpClient implements BaseHttpClient {
  readonly #o: ClientOptions;

  constructor(options: ClientOptions) {
    this.#o = options;
  }

  /** Keep-alive agents of this client only: a pooled socket was checked under this client's policy. */
  readonly #agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };

  /**
   * One hop through the guarded fetcher (src/net): literal and resolved addresses checked at connect time,
   * body bounded while streaming, the hop bounded in time; here only politeness and crawl bookkeeping.
   */
  async #hop(url: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    const started = performance.now();
    const release = await this.#o.gate.acquire(url.host);
    const timeoutMs = this.#o.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new FetchTimeoutError(url.href, timeoutMs)), timeoutMs);
    const wantType = this.#o.readBody ?? ((t: string) => DEFAULT_READ.test(t) || t === '');
    try {
      const res = await fetchHop(url, {
        policy: this.#o.policy,
        headers,
        maxBytes: this.#o.maxBytes,
        signal: signal ? AbortSignal.any([deadline.signal, signal]) : deadline.signal,
        agent: url.protocol === 'https:' ? this.#agents.https : this.#agents.http,
        readBody: (status, h) =>
          (status < 300 || status >= 400) && status !== 304 && wantType(String(h['content-type'] ?? '')),
      });
      const status = res.status;
      this.#o.onFetch?.({ url: url.href, status, bytes: res.body.length, ms: performance.now() - started });
      if (status === 429 || status === 503) {
        const after = retryAfterMs(res.headers['retry-after']);
        if (after !== undefined) this.#o.gate.backoff(url.host, Math.min(after, this.#o.maxRetryAfterMs));
      }
      return {
        url: url.href,
        statusCode: status,
        statusMessage: res.statusMessage,
        headers: res.headers,
        body: res.body,
        redirectUrls: [],
        ip: res.remoteAddress,
      };
    } catch (e) {
      // Refusals and size are final for this URL; timeouts and network errors stay retryable for Crawlee.
      if (e instanceof UnsafeAddressError) throw new RefusedError('unsafe-address', e.message);
      if (e instanceof FetchTooLargeError) throw new RefusedError('too-large', e.message);
      throw e;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /** Fetch with redirects followed (each hop checked) and politeness; `attempt` > 0 backs off first. */
  async fetch(
    rawUrl: string | URL,
    options: {
      headers?: Record<string, string | string[] | undefined>;
      attempt?: number;
      signal?: AbortSignal;
      onRedirect?: RedirectHandler;
    } = {},
  ): Promise<RawResponse> {
    let url = new URL(String(rawUrl));
    const attempt = options.attempt ?? 0;
    if (attempt > 0) await sleep(this.#o.retryBaseMs * 2 ** (attempt - 1));
    const headers: Record<string, string> = {
      'user-agent': this.#o.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,*/*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7',
    };
    for (const [k, v] of Object.entries(options.headers ?? {})) {
      const key = k.toLowerCase();
      if (v === undefined || key === 'user-agent' || key === 'cookie' || key === 'accept-encoding') continue;
      headers[key] = Array.isArray(v) ? v.join(', ') : v;
    }
    const redirectUrls: URL[] = [];
    for (;;) {
      const unsafe = urlRefusal(url, this.#o.policy);
      if (unsafe) throw new RefusedError('unsafe-address', unsafe);
      const disallowed = this.#o.allowUrl(url);
      if (disallowed) throw new RefusedError('not-allowed', `${url.href}: ${disallowed}`);
      const res = await this.#hop(url, headers, options.signal);
      const location = res.headers.location;
      if (!REDIRECT.has(res.statusCode) || !location) {
        if (redirectUrls.length)
          this.#o.onRedirects?.(
            String(rawUrl),
            redirectUrls.map((r) => r.href),
          );
        return { ...res, redirectUrls };
      }
      if (redirectUrls.length >= this.#o.maxRedirects)
        throw new RefusedError(
          'too-many-redirects',
          `${rawUrl}: more than ${this.#o.maxRedirects} redirects`,
        );
      const next = new URL(String(location), url);
      redirectUrls.push(next);
      const hopData: BaseHttpResponseData = {
        redirectUrls: [...redirectUrls],
        url: url.href,
        statusCode: res.statusCode,
        headers: res.headers,
        trailers: {},
        complete: true,
      };
      const updated = { url: next, headers };
      options.onRedirect?.(hopData, updated);
      // Conditional headers belong to the first URL only.
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
      url = next;
    }
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const res = await this.fetch(request.url, {
      headers: request.headers,
      attempt: Number((request as { khabarAttempt?: number }).khabarAttempt ?? 0),
      signal: request.signal,
      onRedirect,
    });
    const stream = Readable.from(res.body.length ? [res.body] : []);
    const progress = { percent: 100, transferred: res.body.length, total: res.body.length };
    return {
      stream,
      request,
      url: res.url,
      redirectUrls: res.redirectUrls,
      ip: res.ip,
      statusCode: res.statusCode,
      statusMessage: res.statusMessage,
      headers: res.headers,
      trailers: {},
      complete: true,
      downloadProgress: progress,
      uploadProgress: { percent: 100, transferred: 0 },
    };
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(
    request: HttpRequest<T>,
  ): Promise<HttpResponse<T>> {
    const res = await this.fetch(request.url, { headers: request.headers, signal: request.signal });
    const type = request.responseType ?? 'text';
    const body =
      type === 'buffer'
        ? res.body
        : type === 'json'
          ? JSON.parse(res.body.toString('utf8'))
          : res.body.toString('utf8');
    return {
      ...res,
      request,
      trailers: {},
      complete: true,
      body,
    } as unknown as HttpResponse<T>;
  }
}
