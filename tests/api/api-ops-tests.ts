/** API contract, part 2: export, limits, auth, CORS, health, metrics, queue dashboard, extension points. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import type { ApiContext } from './api-contract.ts';

const json = (r: { body: string }) => JSON.parse(r.body);

/** Register the operations-route tests; `ctx` is filled in by the suite's beforeAll. */
export function opsRouteTests(ctx: ApiContext): void {
  it('exports JSONL and CSV (with BOM) with provenance, for the same filters as search', async () => {
    const nHin = ctx.samples.filter((a) => a.language === 'hin').length;
    const jsonl = await ctx.app.inject('/api/export?format=jsonl&lang=hin');
    expect(jsonl.headers['content-type']).toMatch(/ndjson/);
    const rows = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(nHin);
    for (const row of rows) {
      expect(row.language).toBe('hin');
      expect(row.provenance.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.provenance.pipelineVersion).toMatch(/^khabar-pipeline\//);
    }
    const csv = await ctx.app.inject('/api/export?format=csv&bom=true&q=AIIMS');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('id,title,language,published');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="khabar-export.csv"/);
    const card = json(await ctx.app.inject('/api/export?card=true&lang=hin'));
    expect(card.records).toBe(nHin);
    expect(card.counts.language).toEqual({ hin: nHin });
    expect(card.schemaVersion).toBe('1');
  });

  it('exports Parquet that DuckDB reads back with the same counts and fields', async () => {
    const r = await ctx.app.inject('/api/export?format=parquet');
    expect(r.statusCode).toBe(200);
    const file = join(ctx.dir, 'api.parquet');
    writeFileSync(file, r.rawPayload);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(
        `SELECT id, title, language, content_hash, revision, paragraph_languages FROM read_parquet('${file}')`,
      )
    ).getRowObjectsJson();
    conn.closeSync();
    db.closeSync();
    expect(rows.length).toBe(await ctx.store.count());
    const a = ctx.samples.find((s) => s.language === 'hin')!;
    const row = rows.find((x) => x.id === a.id)!;
    expect(row).toMatchObject({
      title: a.title,
      language: 'hin',
      content_hash: a.contentHash,
      revision: 1,
    });
    expect(row.paragraph_languages).toEqual(a.paragraphs.map((p) => p.lang));
  });

  it('limits export size and rate, and needs the API key for exports when one is set', async () => {
    const limited = await ctx.extraApp({ apiKey: 'sekret', maxExportRows: 2, exportRateLimit: 4 });
    const key = { 'x-api-key': 'sekret' };
    const noKey = await limited.inject('/api/export?format=jsonl');
    expect(noKey.statusCode).toBe(401);
    expect(json(noKey).message).toMatch(/x-api-key/);
    expect(noKey.headers['www-authenticate']).toMatch(/Basic/);
    expect((await limited.inject({ url: '/api/export', headers: { 'x-api-key': 'wrong' } })).statusCode).toBe(
      401,
    );
    const tooBig = await limited.inject({ url: '/api/export?format=jsonl', headers: key });
    expect(tooBig.statusCode).toBe(413);
    expect(json(tooBig).error).toBe('export-too-large');
    const basic = { authorization: `Basic ${Buffer.from('any:sekret').toString('base64')}` };
    const capped = await limited.inject({ url: '/api/export?format=jsonl&limit=2', headers: basic });
    expect(capped.body.trim().split('\n')).toHaveLength(2);
    // Reads stay open without the key.
    expect((await limited.inject('/api/search?q=AIIMS')).statusCode).toBe(200);
    const last = await limited.inject({ url: '/api/export?format=jsonl&limit=1', headers: key });
    expect(last.statusCode).toBe(429);
    expect(json(last).error).toBe('rate-limited');
  });

  it('parses HTTP Basic credentials strictly', async () => {
    const strict = await ctx.extraApp({ apiKey: 'sekret', exportRateLimit: false });
    // Basic credentials are base64 of user:password, strictly: no colon, bad base64 or another scheme is 401.
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const authorization of [
      `Basic ${b64('sekret')}`,
      `Basic ${b64('sekret')}!`,
      'Basic',
      `Bearer ${b64('any:sekret')}`,
      `Basic ${b64('any:sekret')}x`,
    ]) {
      const r = await strict.inject({ url: '/api/export?format=jsonl&limit=1', headers: { authorization } });
      expect(r.statusCode, authorization).toBe(401);
    }
    const emptyUser = { authorization: `Basic ${b64(':sekret')}` };
    expect(
      (await strict.inject({ url: '/api/export?format=jsonl&limit=1', headers: emptyUser })).statusCode,
    ).toBe(200);
  });

  it('rate-limits every route, and sends no CORS headers unless origins are configured', async () => {
    const strict = await ctx.extraApp({ rateLimit: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await strict.inject('/api/search')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const r = await ctx.app.inject({ url: '/api/search', headers: { origin: 'https://evil.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const cors = await ctx.extraApp({ corsOrigins: ['https://ok.example'] });
    const ok = await cors.inject({ url: '/api/search', headers: { origin: 'https://ok.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://ok.example');
  });

  it('answers health, readiness (store and Redis) and Prometheus metrics', async () => {
    expect(json(await ctx.app.inject('/health'))).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(json(ready).checks).toEqual({ [ctx.kind]: { ok: true }, redis: { ok: true } });
    const noRedis = await ctx.extraApp({ redisUrl: 'redis://127.0.0.1:1' });
    const down = await noRedis.inject('/ready');
    expect(down.statusCode).toBe(503);
    expect(json(down).checks.redis.error).toMatch(/redis-unreachable/);
    const m = await ctx.app.inject('/metrics');
    expect(m.headers['content-type']).toMatch(/text\/plain; version=0.0.4/);
    expect(m.body).toMatch(
      /khabar_http_requests_total\{method="GET",route="\/api\/search",status="200"\} \d+/,
    );
    expect(m.body).toMatch(
      new RegExp(
        `khabar_articles\\{language="hin"\\} ${ctx.samples.filter((a) => a.language === 'hin').length}`,
      ),
    );
  });

  it('mounts the queue dashboard under /admin/queues behind the API key', async () => {
    const guarded = await ctx.extraApp({ redisUrl: ctx.redisUrl, apiKey: 'sekret' });
    expect((await guarded.inject('/admin/queues')).statusCode).toBe(401);
    const ok = await guarded.inject({ url: '/admin/queues', headers: { 'x-api-key': 'sekret' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/<html/i);
    const api = await guarded.inject({
      url: '/admin/queues/api/queues',
      headers: { 'x-api-key': 'sekret' },
    });
    expect(
      json(api)
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['khabar-analyze', 'khabar-fetch', 'khabar-incidents', 'khabar-index']);
    // Without a key, the dashboard is refused unless the listener is loopback-only.
    const open = await ctx.extraApp({ redisUrl: ctx.redisUrl, loopbackOnly: false });
    expect((await open.inject('/admin/queues')).statusCode).toBe(403);
  });

  it('answers 501 on incident and watch routes when the server has no incident store', async () => {
    for (const url of ['/api/incidents', '/api/incidents/x', '/api/incidents/x/timeline', '/api/watches']) {
      const r = await ctx.app.inject(url);
      expect(r.statusCode, url).toBe(501);
    }
  });
}
