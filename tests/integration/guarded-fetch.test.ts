/**
 * The guarded fetcher against real loopback servers: every way of spelling a loopback target is refused
 * without the opt-in (and the server sees no request) and reaches the server with it; redirects are
 * checked hop by hop; size and time caps end the request with the right error; the User-Agent arrives.
 * The crawler's client and the source fetcher go through the same checks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../src/core/errors.ts';
import { HostGate } from '../../src/crawl/host-gate.ts';
import { CrawlHttpClient, RefusedError } from '../../src/crawl/http.ts';
import {
  BadUrlError,
  checkUrlTarget,
  FetchFailedError,
  FetchTimeoutError,
  FetchTooLargeError,
  guardedFetch,
  RedirectError,
  type Resolver,
  UnsafeAddressError,
  USER_AGENT,
} from '../../src/net/index.ts';
import { clearRobotsCache, fetchDocument } from '../../src/sources/fetch.ts';

interface Hit {
  path: string;
  host?: string;
  ua?: string;
}

/** A loopback server recording every request; `routes` answer by path, anything else is a small page. */
async function serve(host: string, routes: Record<string, (res: ServerResponse) => void> = {}) {
  const hits: Hit[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    hits.push({ path: req.url ?? '', host: req.headers.host, ua: req.headers['user-agent'] });
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route) return route(res);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello from loopback</p>');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

type Served = Awaited<ReturnType<typeof serve>>;
const loopbackResolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

let a: Served; // the main server on 127.0.0.1
let b: Served; // a second one, the target of redirects
let v6: Served; // on ::1

beforeAll(async () => {
  b = await serve('127.0.0.1');
  a = await serve('127.0.0.1', {
    '/big': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 'x')); // 64 KiB, no Content-Length
      res.end();
    },
    '/declared-big': (res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50_000_000) });
      res.write('<p>the rest never comes</p>');
    },
    '/bomb': (res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(1_000_000, 'a'))); // ~1 KB on the wire, 1 MB decoded
    },
    '/stall': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>first bytes, then nothing'); // the body never ends
    },
    '/silent': () => {}, // never answers at all
    '/to-b': (res) => res.writeHead(302, { location: `http://127.0.0.1:${b.port}/landed` }).end(),
    '/to-b-mapped': (res) =>
      res.writeHead(301, { location: `http://[::ffff:7f00:1]:${b.port}/landed` }).end(),
    '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
    '/to-file': (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/robots.txt': (res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /closed\n'),
  });
  v6 = await serve('::1');
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), v6?.close()]);
});

beforeEach(() => clearRobotsCache());

/** Every spelling of the loopback server that must be refused without the opt-in. */
function bypassForms(): [string, string][] {
  const p = a.port;
  return [
    ['127.0.0.1', `http://127.0.0.1:${p}/`],
    ['IPv4-mapped dotted', `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv4-mapped hex', `http://[::ffff:7f00:1]:${p}/`],
    ['decimal', `http://2130706433:${p}/`],
    ['hex', `http://0x7f000001:${p}/`],
    ['octal', `http://0177.0.0.1:${p}/`],
    ['short', `http://127.1:${p}/`],
    ['localhost', `http://localhost:${p}/`],
    ['unspecified', `http://0.0.0.0:${p}/`],
    ['IPv6 loopback', `http://[::1]:${v6.port}/`],
  ];
}

describe('bypass forms of a loopback target', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])(
    'form %i: refused by default, fetched with allowPrivate',
    async (i) => {
      const [name, url] = bypassForms()[i]!;
      const server = name === 'IPv6 loopback' ? v6 : a;
      const before = server.hits.length;
      const refused = await guardedFetch(url).catch((e: unknown) => e);
      expect(refused, name).toBeInstanceOf(UnsafeAddressError);
      expect((refused as UnsafeAddressError).retryable).toBe(false);
      expect((refused as Error).message).toMatch(/--allow-private/);
      expect(server.hits.length).toBe(before); // nothing reached the server

      const res = await guardedFetch(url, { allowPrivate: true });
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('hello from loopback');
      expect(server.hits.length).toBe(before + 1);
    },
  );

  it('a name that resolves to loopback is refused by its resolved address', async () => {
    const url = `http://news.example.in:${a.port}/`;
    const err = await guardedFetch(url, { resolve: loopbackResolver }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeAddressError);
    expect((err as Error).message).toMatch(/news\.example\.in resolves to loopback address 127\.0\.0\.1/);
    const res = await guardedFetch(url, { resolve: loopbackResolver, allowPrivate: true });
    expect(res.status).toBe(200);
    expect(a.hits.at(-1)?.host).toBe(`news.example.in:${a.port}`);
  });

  it('a name with one public and one loopback address is refused (every address is checked)', async () => {
    const mixed: Resolver = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const before = a.hits.length;
    await expect(guardedFetch(`http://mixed.example.in:${a.port}/`, { resolve: mixed })).rejects.toThrow(
      UnsafeAddressError,
    );
    expect(a.hits.length).toBe(before);
  });

  it('DNS rebinding: a name vetted as public is checked again at connect time', async () => {
    let calls = 0;
    // First answer public (the registration check, which sends nothing), then loopback.
    const rebinding: Resolver = async () => [
      { address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 },
    ];
    const url = `http://rebind.example.in:${a.port}/`;
    const vetted = await checkUrlTarget(url, {}, rebinding);
    expect(vetted.addresses).toEqual(['93.184.216.34']);
    await expect(guardedFetch(url, { resolve: rebinding })).rejects.toThrow(UnsafeAddressError);
  });
});

describe('redirects', () => {
  it('a redirect from an allowed target to a loopback one is refused at the hop', async () => {
    // Port-exact allowance stands in for "a public site": only server A is allowed, not loopback in general.
    const policy = { allowTargets: [`127.0.0.1:${a.port}`] };
    for (const path of ['/to-b', '/to-b-mapped']) {
      const before = b.hits.length;
      const err = await guardedFetch(`http://127.0.0.1:${a.port}${path}`, { policy }).catch(
        (e: unknown) => e,
      );
      expect(err, path).toBeInstanceOf(UnsafeAddressError);
      expect((err as Error).message).toContain(`:${b.port}/landed`);
      expect(b.hits.length).toBe(before);
    }
    const ok = await guardedFetch(`http://127.0.0.1:${a.port}/to-b`, { allowPrivate: true });
    expect(ok.url).toBe(`http://127.0.0.1:${b.port}/landed`);
    expect(ok.redirects).toEqual([`http://127.0.0.1:${b.port}/landed`]);
    expect(b.hits.at(-1)?.path).toBe('/landed');
  });

  it('stops after maxRedirects and never follows a non-http scheme', async () => {
    const o = { allowPrivate: true, maxRedirects: 3 };
    const loop = await guardedFetch(`http://127.0.0.1:${a.port}/loop`, o).catch((e: unknown) => e);
    expect(loop).toBeInstanceOf(RedirectError);
    expect((loop as RedirectError).code).toBe('too-many-redirects');
    const file = await guardedFetch(`http://127.0.0.1:${a.port}/to-file`, o).catch((e: unknown) => e);
    expect((file as RedirectError).code).toBe('bad-redirect');
    const raw = await guardedFetch(`http://127.0.0.1:${a.port}/to-b`, {
      allowPrivate: true,
      maxRedirects: 0,
    });
    expect(raw.status).toBe(302);
  });
});

describe('caps and headers', () => {
  const o = { allowPrivate: true };
  it('cuts a body over the size cap while streaming, declared or not, decoded size counted', async () => {
    const big = await guardedFetch(`http://127.0.0.1:${a.port}/big`, { ...o, maxBytes: 16 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(big).toBeInstanceOf(FetchTooLargeError);
    expect((big as Error).message).toMatch(/16384-byte limit; retrying will not help/);
    const declared = await guardedFetch(`http://127.0.0.1:${a.port}/declared-big`, o).catch(
      (e: unknown) => e,
    );
    expect(declared).toBeInstanceOf(FetchTooLargeError);
    expect((declared as Error).message).toMatch(/declares 50000000 bytes/);
    await expect(
      guardedFetch(`http://127.0.0.1:${a.port}/bomb`, { ...o, maxBytes: 100_000 }),
    ).rejects.toThrow(FetchTooLargeError);
    const fits = await guardedFetch(`http://127.0.0.1:${a.port}/big`, { ...o, maxBytes: 64 * 1024 });
    expect(fits.body.length).toBe(64 * 1024);
  });

  it('ends a slow response at the time cap with a retryable error', async () => {
    for (const path of ['/stall', '/silent']) {
      const err = await guardedFetch(`http://127.0.0.1:${a.port}${path}`, { ...o, timeoutMs: 300 }).catch(
        (e: unknown) => e,
      );
      expect(err, path).toBeInstanceOf(FetchTimeoutError);
      expect((err as FetchTimeoutError).retryable).toBe(true);
    }
  });

  it("sends the project's User-Agent", async () => {
    await guardedFetch(`http://127.0.0.1:${a.port}/ua`, o);
    expect(a.hits.at(-1)).toMatchObject({ path: '/ua', ua: USER_AGENT });
  });
});

describe('checkUrlTarget', () => {
  it('vets a URL without fetching it', async () => {
    const before = a.hits.length;
    await expect(checkUrlTarget(`http://localhost:${a.port}/hook`)).rejects.toThrow(UnsafeAddressError);
    await expect(checkUrlTarget('http://[::ffff:169.254.169.254]/')).rejects.toThrow(UnsafeAddressError);
    await expect(checkUrlTarget('http://10.0.0.1/hook')).rejects.toThrow(UnsafeAddressError);
    expect((await checkUrlTarget('http://10.0.0.1/hook', { allowPrivate: true })).addresses).toEqual([
      '10.0.0.1',
    ]);
    // Metadata stays refused even for intranet users, by name (as a cloud resolver answers) or address.
    const metadata: Resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(
      checkUrlTarget('http://metadata.google.internal/computeMetadata/v1/', { allowPrivate: true }, metadata),
    ).rejects.toThrow(/link-local address 169\.254\.169\.254; this range is never fetched/);
    await expect(checkUrlTarget('ftp://example.in/x')).rejects.toThrow(BadUrlError);
    await expect(checkUrlTarget('http://no-such-host.invalid/')).rejects.toThrow(FetchFailedError);
    expect(a.hits.length).toBe(before);
  });
});

describe('the crawler client and the source fetcher use the same guard', () => {
  const client = (policy: { allowLoopback?: boolean }) =>
    new CrawlHttpClient({
      policy,
      gate: new HostGate({ perHostConcurrency: 2, delayMs: 0 }),
      userAgent: 'KhabarBot/0.1 (+test)',
      timeoutMs: 5000,
      maxBytes: 1_000_000,
      maxRedirects: 3,
      retryBaseMs: 10,
      maxRetryAfterMs: 100,
      allowUrl: () => undefined,
    });

  it('crawl: the IPv4-mapped form is refused, and allowed with the loopback opt-in', async () => {
    const url = `http://[::ffff:127.0.0.1]:${a.port}/`;
    const err = await client({})
      .fetch(url)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).code).toBe('unsafe-address');
    const redirected = await client({})
      .fetch(`http://localhost:${a.port}/to-b`)
      .catch((e: unknown) => e);
    expect((redirected as RefusedError).code).toBe('unsafe-address');
    expect((await client({ allowLoopback: true }).fetch(url)).statusCode).toBe(200);
  });

  it('analyze/ingest URLs: refused by default, robots.txt honoured, User-Agent sent', async () => {
    const base = `http://127.0.0.1:${a.port}`;
    const opts = { timeoutMs: 5000, maxBytes: 1_000_000 };
    await expect(fetchDocument(`${base}/story`, opts)).rejects.toThrow(UnsafeAddressError);
    const doc = await fetchDocument(`${base}/story`, { ...opts, allowPrivate: true });
    expect(doc.content.toString()).toContain('hello from loopback');
    expect(a.hits.at(-1)).toMatchObject({ path: '/story', ua: USER_AGENT });
    const closed = await fetchDocument(`${base}/closed/story`, { ...opts, allowPrivate: true }).catch(
      (e: unknown) => e,
    );
    expect((closed as { code?: string }).code).toBe('robots-disallowed');
    expect(a.hits.some((h) => h.path === '/closed/story')).toBe(false);
    const ignoring = await fetchDocument(`${base}/closed/story`, {
      ...opts,
      allowPrivate: true,
      respectRobots: false,
    });
    expect(ignoring.url).toBe(`${base}/closed/story`);
  });

  it('an unreachable robots.txt holds the page back for now, and is asked again next time', async () => {
    let robotsAnswers = 0;
    const c = await serve('127.0.0.1', {
      '/robots.txt': (res) => res.writeHead(robotsAnswers++ === 0 ? 503 : 404).end(),
    });
    try {
      const url = `http://127.0.0.1:${c.port}/story`;
      const opts = { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivate: true };
      const first = await fetchDocument(url, opts).catch((e: unknown) => e);
      expect(first).toMatchObject({ code: 'robots-unavailable' });
      expect(isPermanent(first)).toBe(false);
      expect((await fetchDocument(url, opts)).content.toString()).toContain('hello from loopback');
      expect(c.hits.map((h) => h.path)).toEqual(['/robots.txt', '/robots.txt', '/story']);
    } finally {
      await c.close();
    }
  });
});
