/**
 * One guarded HTTP exchange (no redirect following): the address is checked before the socket opens, for
 * literal IPs (Node skips DNS for them) and for every address a host name resolves to (in the socket's own
 * lookup, so a DNS answer that changes between a check and the connect, "DNS rebinding", is still caught),
 * and once more against the socket's peer address. The body is streamed under a byte cap and the whole
 * exchange under the caller's deadline.
 */
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { type AddressPolicy, addressRefusal } from './address.ts';
import { FetchFailedError, FetchTooLargeError, UnsafeAddressError } from './errors.ts';

/** The port a URL connects to. */
export function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** Resolves a host name to every address it has (default: the system resolver, /etc/hosts included). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true });

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:net that resolves through the system resolver (so /etc/hosts names such as
 * `localhost` count) and refuses the connection when ANY resolved address is refused by `policy`: a mixed
 * answer could otherwise be steered to its unsafe half.
 */
export function guardedLookup(policy: AddressPolicy, url: URL, resolve: Resolver = systemResolve) {
  const port = portOf(url);
  return (hostname: string, options: { all?: boolean } & object, callback: LookupCallback): void => {
    resolve(hostname).then(
      (list) => {
        if (list.length === 0)
          return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
        for (const a of list) {
          const refusal = addressRefusal(a.address, policy, port);
          if (refusal)
            return callback(
              new UnsafeAddressError(url.href, `${hostname} resolves to ${refusal}`, a.address),
              '',
            );
        }
        if (options.all) return callback(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/** Refusal of a URL before any connection: scheme, and the address when the host is an IP literal. */
export function literalRefusal(url: URL, policy: AddressPolicy): UnsafeAddressError | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host)) return undefined;
  const refusal = addressRefusal(host, policy, portOf(url));
  return refusal ? new UnsafeAddressError(url.href, refusal, host) : undefined;
}

export interface HopOptions {
  policy: AddressPolicy;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  maxBytes: number;
  /** Aborts the exchange; its `reason` is what the hop throws (e.g. a FetchTimeoutError). */
  signal: AbortSignal;
  /** A keep-alive agent owned by the caller (it must serve one policy only); default a fresh socket. */
  agent?: http.Agent;
  /** Whether to read the body of this response; default every non-redirect response. */
  readBody?: (status: number, headers: IncomingHttpHeaders) => boolean;
  /** Name resolution (default the system resolver); every address it returns is checked. */
  resolve?: Resolver;
}

export interface HopResponse {
  url: string;
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The peer the socket actually connected to. */
  remoteAddress?: string;
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** One request and its bounded, decoded body. Throws the net error classes, or `signal.reason`. */
export async function fetchHop(url: URL, o: HopOptions): Promise<HopResponse> {
  const literal = literalRefusal(url, o.policy);
  if (literal) throw literal;
  if (o.signal.aborted) throw o.signal.reason;
  const lib = url.protocol === 'https:' ? https : http;
  let req: http.ClientRequest | undefined;
  let res: IncomingMessage | undefined;
  const onAbort = () => {
    req?.destroy(o.signal.reason);
    res?.destroy(o.signal.reason);
  };
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    res = await new Promise<IncomingMessage>((resolve, reject) => {
      req = lib.request(url, {
        method: o.method ?? 'GET',
        headers: o.headers,
        lookup: guardedLookup(o.policy, url, o.resolve) as never,
        agent: o.agent ?? false,
      });
      req.on('response', resolve);
      req.on('error', (e) => reject(unwrap(e, url)));
      req.end(o.body);
    });
    // Belt and braces: whatever path the socket took, the peer it reached must pass the policy too.
    const peer = res.socket?.remoteAddress;
    const peerRefusal = peer ? addressRefusal(peer, o.policy, portOf(url)) : undefined;
    if (peer && peerRefusal) throw new UnsafeAddressError(url.href, `connected to ${peerRefusal}`, peer);
    const status = res.statusCode ?? 0;
    const declared = Number(res.headers['content-length'] ?? Number.NaN);
    if (declared > o.maxBytes) throw new FetchTooLargeError(url.href, o.maxBytes, declared);
    const wanted = o.readBody ? o.readBody(status, res.headers) : !isRedirect(status);
    const body =
      wanted && status !== 204 && status !== 304 ? await readBounded(res, url, o.maxBytes) : Buffer.alloc(0);
    // A body we do not read is dropped with its socket rather than drained: draining an endless body
    // would outlive the deadline.
    if (!wanted) res.destroy();
    return {
      url: url.href,
      status,
      statusMessage: res.statusMessage ?? '',
      headers: res.headers,
      body,
      remoteAddress: peer,
    };
  } catch (e) {
    res?.destroy();
    req?.destroy();
    throw o.signal.aborted ? o.signal.reason : unwrap(e, url);
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
}

/** Our own errors pass through (node wraps lookup errors at times); anything else is a network failure. */
function unwrap(e: unknown, url: URL): Error {
  if (e instanceof UnsafeAddressError || e instanceof FetchTooLargeError) return e;
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof UnsafeAddressError) return cause;
  if (e instanceof FetchFailedError) return e;
  return new FetchFailedError(url.href, e);
}

/** The body, decoded per Content-Encoding, aborted as soon as the decoded size passes `maxBytes`. */
async function readBounded(res: IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = res;
  if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
  else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
  else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
  if (stream !== res) res.on('error', (e) => stream.destroy(e));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      res.destroy();
      throw new FetchTooLargeError(url.href, maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
