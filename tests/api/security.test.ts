/**
 * Safe defaults of the HTTP server (issue 15): webhook targets vetted at registration, webhook URLs kept
 * from unauthenticated reads, CSRF tokens on the UI's form posts, the queue dashboard's Host check,
 * forged incident cursors, and `serve` refusing a non-loopback address without an API key. Embedded
 * store; Redis is the real one the test runner starts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiOptions, buildApp } from '../../src/api/app.ts';
import { encodeCursor } from '../../src/api/http.ts';
import { isLoopbackHost, startServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/core/config.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { testRedisUrl } from './api-contract.ts';

const KEY = 'sekret';
const json = (r: { body: string }) => JSON.parse(r.body);

let dir: string;
let articles: SqliteStore;
let incidents: SqliteIncidentStore;
const apps: FastifyInstance[] = [];
const app = async (o: Partial<ApiOptions> = {}) => {
  const a = await buildApp({ store: articles, incidentStore: incidents, rateLimit: false, ...o });
  apps.push(a);
  return a;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-security-'));
  articles = new SqliteStore(join(dir, 'khabar.db'));
  await articles.init();
  incidents = new SqliteIncidentStore(articles.db);
  await incidents.init();
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await articles.close();
  rmSync(dir, { recursive: true, force: true });
});

const PRIVATE_TARGETS = [
  'http://127.0.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::ffff:127.0.0.1]:8080/hook',
  'http://[::1]/hook',
  'http://localhost:9000/hook',
  'http://0.0.0.0/hook',
  'http://2130706433/hook',
  'http://0x7f000001/hook',
  'http://10.0.0.1/hook',
  'http://metadata.google.internal/computeMetadata/v1/',
];

describe('webhook registration', () => {
  it('refuses loopback, private, link-local and metadata targets in every spelling', async () => {
    const a = await app({ apiKey: KEY });
    for (const webhook of PRIVATE_TARGETS) {
      const r = await a.inject({
        method: 'POST',
        url: '/api/watches',
        headers: { 'x-api-key': KEY },
        payload: { query: 'AIIMS', webhook },
      });
      expect(r.statusCode, webhook).toBe(400);
      expect(json(r).error, webhook).toBe('bad-webhook');
    }
    expect(await incidents.listWatches()).toEqual([]);
    // A public address is accepted (an IP literal: the test machine has no outside DNS).
    const ok = await a.inject({
      method: 'POST',
      url: '/api/watches',
      headers: { 'x-api-key': KEY },
      payload: { query: 'AIIMS', webhook: 'https://93.184.215.14/hook?token=t0ps3cret' },
    });
    expect(ok.statusCode).toBe(201);
    expect(json(ok).watch.allowPrivate).toBeUndefined();
  });

  it('takes loopback and private webhooks with the opt-in, but never link-local or metadata', async () => {
    const a = await app({ apiKey: KEY, allowPrivateWebhooks: true });
    const post = (webhook: string) =>
      a.inject({
        method: 'POST',
        url: '/api/watches',
        headers: { 'x-api-key': KEY },
        payload: { query: 'opt-in', webhook },
      });
    for (const webhook of ['http://127.0.0.1:9/hook', 'http://[::1]:9/hook', 'http://10.0.0.1/hook']) {
      const r = await post(webhook);
      expect(r.statusCode, webhook).toBe(201);
      expect(json(r).watch.allowPrivate).toBe(true);
    }
    for (const webhook of ['http://169.254.169.254/', 'http://metadata.google.internal/'])
      expect((await post(webhook)).statusCode, webhook).toBe(400);
  });
});

describe('webhook URLs in reads', () => {
  it('shows them only with the API key; others see scheme and host', async () => {
    const a = await app({ apiKey: KEY });
    const list = json(await a.inject('/api/watches'));
    const pub = list.watches.find(
      (w: { webhookOrigin?: string }) => w.webhookOrigin === 'https://93.184.215.14',
    );
    expect(pub).toBeDefined();
    expect(pub.watch.webhook).toBeUndefined();
    expect(JSON.stringify(list)).not.toMatch(/t0ps3cret|\/hook/);
    const one = await a.inject(`/api/watches/${pub.watch.id}`);
    expect(one.body).not.toContain('t0ps3cret');
    expect(json(one).webhookOrigin).toBe('https://93.184.215.14');
    const keyed = json(
      await a.inject({ url: `/api/watches/${pub.watch.id}`, headers: { 'x-api-key': KEY } }),
    );
    expect(keyed.watch.webhook).toBe('https://93.184.215.14/hook?token=t0ps3cret');
    const wrong = await a.inject({ url: '/api/watches', headers: { 'x-api-key': 'nope' } });
    expect(wrong.body).not.toContain('t0ps3cret');
  });

  it('without a key, shows them only on a loopback-only server', async () => {
    expect((await (await app()).inject('/api/watches')).body).not.toContain('t0ps3cret');
    expect((await (await app({ loopbackOnly: true })).inject('/api/watches')).body).toContain('t0ps3cret');
  });
});

describe('web UI form posts', () => {
  it('need the CSRF token of the page they came from', async () => {
    const a = await app({ loopbackOnly: true });
    const page = await a.inject('/watches');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeDefined();
    const setCookie = String(page.headers['set-cookie']);
    expect(setCookie).toMatch(/_csrf=.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const form = (body: string, headers: Record<string, string> = {}) =>
      a.inject({
        method: 'POST',
        url: '/watches',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: body,
      });
    // A cross-site post has neither the cookie nor the token; a forged token does not match the cookie.
    expect((await form('query=csrf+test')).statusCode).toBe(403);
    expect((await form('query=csrf+test', { cookie })).statusCode).toBe(403);
    expect((await form(`query=csrf+test&_csrf=${encodeURIComponent(token!)}`)).statusCode).toBe(403);
    expect((await form('query=csrf+test&_csrf=forged', { cookie })).statusCode).toBe(403);
    expect((await incidents.listWatches()).some((w) => w.query === 'csrf test')).toBe(false);
    const ok = await form(`query=csrf+test&_csrf=${encodeURIComponent(token!)}`, { cookie });
    expect(ok.statusCode).toBe(201);
    expect((await incidents.listWatches()).some((w) => w.query === 'csrf test')).toBe(true);
  });
});

describe('queue dashboard', () => {
  it('answers only to the configured host names (DNS rebinding)', async () => {
    const a = await app({
      redisUrl: testRedisUrl(),
      loopbackOnly: true,
      allowedHosts: ['localhost', '127.0.0.1', '::1'],
    });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST'])
      expect((await a.inject({ url: '/admin/queues', headers: { host } })).statusCode, host).toBe(200);
    for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example']) {
      const r = await a.inject({ url: '/admin/queues', headers: { host } });
      expect(r.statusCode, host).toBe(421);
    }
  });
});

describe('incident cursors', () => {
  it('answers a forged cursor with 400', async () => {
    const a = await app();
    // Any real cursor for the same query carries its fingerprint (the route's key); forge the offset.
    const real = encodeCursor({ type: undefined, from: undefined, to: undefined, l: 20 }, 20);
    expect((await a.inject(`/api/incidents?cursor=${real}`)).statusCode).toBe(200);
    const fingerprinted = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
    for (const o of [1e300, -5, 2.5, 99_999]) {
      const c = Buffer.from(JSON.stringify({ ...fingerprinted, o })).toString('base64url');
      const r = await a.inject(`/api/incidents?cursor=${c}`);
      expect(r.statusCode, String(o)).toBe(400);
      expect(json(r).error).toBe('bad-cursor');
    }
  });
});

describe('serve', () => {
  it('refuses a non-loopback address without an API key unless --insecure', async () => {
    expect(['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.org'].some(isLoopbackHost)).toBe(false);
    const config = loadConfig({ KHABAR_DB: join(dir, 'serve.db') });
    await expect(startServer(config, { host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /KHABAR_API_KEY.*--insecure/,
    );
    const cli = spawnSync(
      process.execPath,
      ['bin/khabar.mjs', 'serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'serve.db')],
      { encoding: 'utf8', env: { ...process.env, KHABAR_API_KEY: undefined }, timeout: 60_000 },
    );
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/refusing to serve on 0\.0\.0\.0 without KHABAR_API_KEY/);
    expect(cli.stderr).toMatch(/--insecure/);
  });
});
