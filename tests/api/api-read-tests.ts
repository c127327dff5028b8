/** API contract, part 1: OpenAPI, search, articles, entities, web UI (see api-contract.ts). */
import { expect, it } from 'vitest';
import type { ApiContext } from './api-contract.ts';

const json = (r: { body: string }) => JSON.parse(r.body);
const marks = (hs: string[]) => [...hs.join(' ').matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

/** Register the read-route tests; `ctx` is filled in by the suite's beforeAll. */
export function readRouteTests(ctx: ApiContext): void {
  it('serves an OpenAPI 3.1 document generated from the route schemas and schemas/', async () => {
    const doc = json(await ctx.app.inject('/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/search',
      '/api/articles/{id}',
      '/api/entities/{name}',
      '/api/export',
      '/health',
      '/ready',
      '/metrics',
    ])
      expect(doc.paths[p]?.get, p).toBeDefined();
    expect(doc.components.schemas.article.properties.paragraphs).toBeDefined();
    expect(doc.components.schemas.article['x-elasticsearch']).toBeUndefined();
    const refs = new Set<string>();
    JSON.stringify(doc, (k, v) => {
      if (k === '$ref') refs.add(v);
      return v;
    });
    for (const r of refs)
      expect(doc.components.schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
    expect(
      doc.paths['/api/articles/{id}'].get.responses['200'].content['application/json'].schema.properties
        .article.$ref,
    ).toBe('#/components/schemas/article');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin'))).toBe(false);
  });

  it('searches across scripts: AIIMS finds the Hindi story and highlights the whole word एम्स, with facets', async () => {
    const r = json(await ctx.app.inject('/api/search?q=AIIMS&limit=50&facets=true'));
    const hindi = r.hits.filter((h: { language: string }) => h.language === 'hin');
    expect(hindi.length).toBeGreaterThanOrEqual(1);
    expect(marks(hindi.flatMap((h: { highlights: string[] }) => h.highlights))).toContain('एम्स');
    expect(r.total).toBe(r.hits.length);
    const langs = Object.fromEntries(
      r.facets.language.map((b: { value: string; count: number }) => [b.value, b.count]),
    );
    expect(langs.hin).toBe(hindi.length);
    expect(langs.eng).toBeGreaterThanOrEqual(1);
    expect(r.facets.entities.map((b: { value: string }) => b.value)).toContain('AIIMS');
    expect(r.facets.published.length).toBeGreaterThan(0);
    expect(r.nextCursor).toBeNull();
  });

  it('filters by language, entity (either script), site and date range', async () => {
    const hin = json(await ctx.app.inject('/api/search?lang=hin&limit=100'));
    expect(hin.total).toBe(ctx.samples.filter((a) => a.language === 'hin').length);
    for (const h of hin.hits) expect(h.language).toBe('hin');
    const ifso = json(await ctx.app.inject(`/api/search?entity=${encodeURIComponent('आईएफएसओ')}&limit=100`));
    expect(ifso.total).toBe(ctx.samples.filter((a) => a.entities.some((e) => e.canonical === 'IFSO')).length);
    const site = ctx.samples.find((a) => a.site)!.site!;
    const bySite = json(await ctx.app.inject(`/api/search?site=${encodeURIComponent(site)}&limit=100`));
    expect(bySite.total).toBe(ctx.samples.filter((a) => a.site === site).length);
    const nov = json(await ctx.app.inject('/api/search?from=2022-11-23&to=2022-11-25&limit=100'));
    expect(nov.total).toBe(
      ctx.samples.filter((a) => a.published && a.published >= '2022-11-23' && a.published < '2022-11-26T')
        .length,
    );
  });

  it('pages with an opaque cursor that is only valid for its own query', async () => {
    const all = json(await ctx.app.inject('/api/search?limit=100'));
    const seen: string[] = [];
    let url = '/api/search?limit=3';
    for (;;) {
      const page = json(await ctx.app.inject(url));
      seen.push(...page.hits.map((h: { id: string }) => h.id));
      if (!page.nextCursor) break;
      url = `/api/search?limit=3&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(all.hits.map((h: { id: string }) => h.id));
    const first = json(await ctx.app.inject('/api/search?limit=3'));
    const other = await ctx.app.inject(`/api/search?limit=3&lang=hin&cursor=${first.nextCursor}`);
    expect(other.statusCode).toBe(400);
    expect(json(other).error).toBe('bad-cursor');
    expect((await ctx.app.inject('/api/search?cursor=%%%garbage')).statusCode).toBe(400);
  });

  it('answers a forged cursor with 400, never a store error', async () => {
    const first = json(await ctx.app.inject('/api/search?limit=3'));
    const real = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
    // The fingerprint is not a secret, so any offset can be written into a well-formed cursor.
    for (const o of [1e300, 2 ** 63, -1, 1.5, '3', null, 10_001, Number.MAX_SAFE_INTEGER]) {
      const forged = Buffer.from(JSON.stringify({ ...real, o })).toString('base64url');
      const r = await ctx.app.inject(`/api/search?limit=3&cursor=${forged}`);
      expect(r.statusCode, String(o)).toBe(400);
      expect(json(r).error).toBe('bad-cursor');
      expect(json(r).message).toMatch(/cursor/);
    }
    const deep = Buffer.from(JSON.stringify({ ...real, o: 20_000 })).toString('base64url');
    expect(json(await ctx.app.inject(`/api/search?limit=3&cursor=${deep}`)).message).toMatch(/export/);
    const ok = Buffer.from(JSON.stringify({ ...real, o: 6 })).toString('base64url');
    expect((await ctx.app.inject(`/api/search?limit=3&cursor=${ok}`)).statusCode).toBe(200);
  });

  it('rejects bad input with clear 4xx errors', async () => {
    for (const [url, code, re] of [
      ['/api/search?limit=1000', 'bad-request', /limit must be <= 100/],
      ['/api/search?limit=0', 'bad-request', /limit must be >= 1/],
      ['/api/search?lang=hindi', 'bad-request', /lang must match pattern/],
      ['/api/search?from=last-tuesday', 'bad-date', /not a date/],
      ['/api/search?q=%21%21%21', 'empty-query', /no searchable words/],
      ['/api/export?format=xml', 'bad-request', /format must be equal to one of/],
    ] as const) {
      const r = await ctx.app.inject(url);
      expect(r.statusCode, url).toBe(400);
      expect(json(r).message, url).toMatch(re);
      if (code !== 'empty-query') expect(json(r).error, url).toBe(code);
    }
    const missing = await ctx.app.inject('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error).toBe('not-found');
    // Query syntax in user text stays text.
    expect(
      (await ctx.app.inject(`/api/search?q=${encodeURIComponent('AIIMS OR {"match_all":{}}')}`)).statusCode,
    ).toBe(200);
  });

  it('gets an article with revisions, the dropped-boilerplate audit and per-paragraph language', async () => {
    const withDropped = ctx.samples.find((a) => a.dropped.length > 0)!;
    const r = json(await ctx.app.inject(`/api/articles/${withDropped.id}`));
    expect(r.article.title).toBe(withDropped.title);
    expect(r.article.paragraphs).toEqual(withDropped.paragraphs);
    expect(r.dropped).toEqual(withDropped.dropped);
    expect(r.paragraphLanguages.map((p: { lang: string }) => p.lang)).toEqual(
      withDropped.paragraphs.map((p) => p.lang),
    );
    const rev = json(await ctx.app.inject(`/api/articles/${ctx.revised.id}`));
    expect(rev.revision).toBe(2);
    expect(rev.revisions.map((x: { revision: number }) => x.revision)).toEqual([1]);
    expect(rev.revisions[0].article.paragraphs[0].text).toContain('eleven hours');
    const none = await ctx.app.inject('/api/articles/no-such-article');
    expect(none.statusCode).toBe(404);
    expect(json(none).message).toMatch(/no article with id "no-such-article"/);
  });

  it('looks up entities by any alias in either script', async () => {
    const hi = json(await ctx.app.inject(`/api/entities/${encodeURIComponent('एम्स')}`));
    expect(hi).toMatchObject({ canonical: 'AIIMS', type: 'ORG' });
    expect(hi.articles).toBe(
      ctx.samples.filter((a) => a.entities.some((e) => e.canonical === 'AIIMS')).length,
    );
    expect(json(await ctx.app.inject('/api/entities/AIIMS')).aliases).toContain('एम्स');
    const unknown = await ctx.app.inject('/api/entities/Nowhere%20Institute');
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error).toBe('unknown-entity');
  });

  it('serves the web UI pages', async () => {
    const page = await ctx.app.inject('/?q=AIIMS');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<mark>एम्स</mark>');
    expect(page.body).toMatch(/id="result-count"[^>]*>\d+ results/);
    expect(page.body).toContain('/api/export?q=AIIMS&amp;format=parquet');
    const hit = ctx.samples.find((a) => a.language === 'hin')!;
    const art = await ctx.app.inject(`/articles/${hit.id}`);
    expect(art.statusCode).toBe(200);
    expect(art.body).toContain('lang="hi"');
    expect((await ctx.app.inject('/articles/none')).statusCode).toBe(404);
    const bad = await ctx.app.inject('/?from=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect((await ctx.app.inject('/ui/style.css')).body).toContain('Noto Sans Devanagari');
    expect((await ctx.app.inject('/incidents')).statusCode).toBe(200);
  });
}
