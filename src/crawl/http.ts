/**
 * The crawler's HTTP client, plugged into Crawlee (`httpClient`). It owns everything about one fetch that
 * must hold whatever page is asked for: address safety (literal IPs, resolved addresses, every redirect
 * hop), the allowed hosts, per-host politeness and back-off, a clear User-Agent, a timeout, a size limit,
 * redirects followed by hand and recorded, and bodies of non-page content types left unread.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
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
import type { Gate } from './host-gate.ts';
import { type AddressPolicy, safeLookup, UnsafeAddressError, urlRefusal } from './safety.ts';

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

  /** One hop: connect (through the safe lookup), send, read a bounded body. */
  async #hop(url: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    const refusal = urlRefusal(url, this.#o.policy);
    if (refusal) throw new RefusedError('unsafe-address', `${url.href}: ${refusal}`);
    const lib = url.protocol === 'https:' ? https : http;
    const started = performance.now();
    const release = await this.#o.gate.acquire(url.host);
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = lib.request(
          url,
          {
            method: 'GET',
            headers,
            lookup: safeLookup(this.#o.policy) as never,
            timeout: this.#o.timeoutMs,
            signal,
          },
          resolve,
        );
        req.on('timeout', () =>
          req.destroy(new Error(`timeout after ${this.#o.timeoutMs} ms fetching ${url.href}`)),
        );
        req.on('error', (e) => {
          if (
            e instanceof UnsafeAddressError ||
            (e as { cause?: unknown }).cause instanceof UnsafeAddressError
          )
            reject(new RefusedError('unsafe-address', e.message));
          else reject(e);
        });
        req.end();
      });
      const status = res.statusCode ?? 0;
      const type = String(res.headers['content-type'] ?? '');
      const declared = Number(res.headers['content-length'] ?? 0);
      let body: Buffer = Buffer.alloc(0);
      const readable = status < 300 || status >= 400;
      const wanted = (this.#o.readBody ?? ((t: string) => DEFAULT_READ.test(t) || t === ''))(type);
      if (declared > this.#o.maxBytes) {
        res.destroy();
        throw new RefusedError(
          'too-large',
          `${url.href} is ${declared} bytes, over the ${this.#o.maxBytes}-byte limit`,
        );
      }
      if (readable && wanted && status !== 304) body = await this.#readBody(res, url);
      else res.resume();
      this.#o.onFetch?.({ url: url.href, status, bytes: body.length, ms: performance.now() - started });
      if (status === 429 || status === 503) {
        const after = retryAfterMs(res.headers['retry-after']);
        if (after !== undefined) this.#o.gate.backoff(url.host, Math.min(after, this.#o.maxRetryAfterMs));
      }
      return {
        url: url.href,
        statusCode: status,
        statusMessage: res.statusMessage,
        headers: res.headers,
        body,
        redirectUrls: [],
        ip: res.socket?.remoteAddress,
      };
    } finally {
      release();
    }
  }

  async #readBody(res: IncomingMessage, url: URL): Promise<Buffer> {
    const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
    let stream: Readable = res;
    if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
    else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
    else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > this.#o.maxBytes) {
        res.destroy();
        throw new RefusedError('too-large', `${url.href} is over the ${this.#o.maxBytes}-byte limit`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
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
      if (unsafe) throw new RefusedError('unsafe-address', `${url.href}: ${unsafe}`);
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
