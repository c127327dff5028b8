/**
 * Incident, watch and feed routes over HTTP, run unchanged against both stores (embedded SQLite and
 * Elasticsearch at KHABAR_TEST_ELASTICSEARCH_URL; that suite fails, never skips, without it). The bundled
 * samples go through the real pipeline (in-process driver) and grouping (`processStored`); one AIIMS report
 * is held back and ingested after a watch is created through the API, so its feed has something new.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { apiOptionsFromEnv } from '../../src/api/server.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import { IncidentService, processStored } from '../../src/incidents/service.ts';
import { expandInputs } from '../../src/sources/files.ts';
import { ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { ElasticsearchIncidentStore } from '../../src/store/incidents/es-incident-store.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import type { IncidentStore } from '../../src/store/incidents/types.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { EXAMPLES } from '../helpers/articles.ts';

interface Stores {
  articles: ArticleStore;
  incidents: IncidentStore;
  destroy(): Promise<void>;
}

const HELD_BACK = 'en-indiawire-aiims-ehospital-restored.html';
const FIRST = [
  'en-capitalledger-aiims-outage-day-two.html',
  'en-capitalledger-delhi-power-outage.html',
  'etv-aiims-hi.txt',
  'hi-dainiksamvad-aiims-ifso-case.html',
  'hi-khabarlok-aiims-server-down.html',
  'hi-khabarlok-mumbai-andheri-fire.html',
];

const factories: { name: string; create(): Promise<Stores> }[] = [
  {
    name: 'embedded SQLite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'khabar-api-incidents-'));
      const articles = new SqliteStore(join(dir, 'khabar.db'));
      await articles.init();
      const incidents = new SqliteIncidentStore(join(dir, 'khabar.db'));
      await incidents.init();
      return {
        articles,
        incidents,
        async destroy() {
          await incidents.close();
          await articles.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'Elasticsearch',
    async create() {
      const url = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
      if (!url) {
        throw new Error(
          'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
        );
      }
      const indexPrefix = `test-api-inc-${randomBytes(4).toString('hex')}`;
      const articles = new ElasticsearchStore({ node: url, indexPrefix });
      await articles.init();
      const incidents = new ElasticsearchIncidentStore({ node: url, indexPrefix });
      await incidents.init();
      return {
        articles,
        incidents,
        async destroy() {
          await incidents.deleteIndices();
          await articles.deleteIndices();
          await incidents.close();
          await articles.close();
        },
      };
    },
  },
];

/** Ingest files through the real pipeline, then group what was stored. */
async function ingest(s: Stores, files: string[]): Promise<void> {
  const driver = new InProcessDriver(s.articles);
  try {
    await driver.ingest(
      expandInputs(
        files.map((f) => join(EXAMPLES, f)),
        { timeoutMs: 5000, maxBytes: 32 * 1024 * 1024 },
      ),
    );
  } finally {
    await driver.close();
  }
  await s.articles.refresh();
  await processStored(s.articles, new IncidentService(s.incidents));
}

const json = (r: { body: string }) => JSON.parse(r.body);

/** Well-formed Atom 1.0: the feed element in the Atom namespace with id, title, updated; entries complete. */
function parseAtom(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  // Every & is an entity reference, every < starts markup.
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
  const $ = load(xml, { xml: true });
  const feed = $('feed');
  expect(feed.length).toBe(1);
  expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
  for (const k of ['id', 'title', 'updated']) expect(feed.children(k).text(), k).not.toBe('');
  const entries = $('entry')
    .toArray()
    .map((e) => ({
      id: $(e).children('id').text(),
      title: $(e).children('title').text(),
      lang: $(e).children('title').attr('xml:lang'),
      updated: $(e).children('updated').text(),
      link: $(e).children('link').attr('href'),
    }));
  for (const e of entries) {
    expect(e.id).toMatch(/^urn:khabar:/);
    expect(e.title).not.toBe('');
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
  }
  return entries;
}

for (const factory of factories) {
  describe(`incident routes: ${factory.name}`, () => {
    let s: Stores;
    let app: FastifyInstance;
    let locked: FastifyInstance;
    let aiimsId: string;

    beforeAll(async () => {
      s = await factory.create();
      await ingest(s, FIRST);
      app = await buildApp({ store: s.articles, incidentStore: s.incidents, rateLimit: false, ui: false });
      locked = await buildApp({
        ...apiOptionsFromEnv({ KHABAR_API_KEY: 'test-secret', KHABAR_API_RATE_LIMIT: '0' }),
        store: s.articles,
        incidentStore: s.incidents,
        ui: false,
      });
    });
    afterAll(async () => {
      await app?.close();
      await locked?.close();
      await s?.destroy();
    });

    it('lists incidents with type filter and paging; the AIIMS incident is there', async () => {
      const r = await app.inject('/api/incidents?limit=100');
      expect(r.statusCode).toBe(200);
      const body = json(r);
      expect(body.total).toBe(body.incidents.length);
      expect(body.nextCursor).toBeNull();
      const aiims = body.incidents.find((i: { title: { eng: string } }) => /AIIMS/.test(i.title.eng));
      expect(aiims).toBeDefined();
      aiimsId = aiims.id;
      expect(aiims.type).toBe('cyberattack');
      const cyber = json(await app.inject('/api/incidents?type=cyberattack'));
      expect(cyber.incidents.map((i: { id: string }) => i.id)).toContain(aiimsId);
      for (const i of cyber.incidents) expect(i.type).toBe('cyberattack');
      const page1 = json(await app.inject('/api/incidents?limit=1'));
      expect(page1.incidents).toHaveLength(1);
      if (body.total > 1) {
        const page2 = json(await app.inject(`/api/incidents?limit=1&cursor=${page1.nextCursor}`));
        expect(page2.incidents[0].id).not.toBe(page1.incidents[0].id);
        expect((await app.inject(`/api/incidents?limit=2&cursor=${page1.nextCursor}`)).statusCode).toBe(400);
      }
      expect((await app.inject('/api/incidents?type=meteor')).statusCode).toBe(400);
    });

    it('shows the AIIMS incident with ≥ 4 articles in both languages', async () => {
      const r = await app.inject(`/api/incidents/${aiimsId}`);
      expect(r.statusCode).toBe(200);
      const { incident, feed } = json(r);
      expect(incident.id).toBe(aiimsId);
      expect(incident.articleCount).toBeGreaterThanOrEqual(4);
      expect(incident.sources.length).toBe(incident.articleCount);
      expect(new Set(incident.sources.map((x: { language: string }) => x.language))).toEqual(
        new Set(['hin', 'eng']),
      );
      expect(incident.title.eng).toMatch(/AIIMS/);
      expect(incident.title.hin).toMatch(/एम्स/);
      expect(incident.typeField.claims.length).toBeGreaterThan(0);
      expect(feed).toBe(`/feeds/incidents/${aiimsId}`);
    });

    it('gives the timeline oldest first, from sources in both languages', async () => {
      const r = json(await app.inject(`/api/incidents/${aiimsId}/timeline`));
      expect(r.id).toBe(aiimsId);
      const dates: string[] = r.timeline.map((e: { date: string }) => e.date);
      expect(dates.length).toBeGreaterThanOrEqual(2);
      expect([...dates].sort()).toEqual(dates);
      const langs = new Set(
        r.timeline.flatMap((e: { sources: { language: string }[] }) => e.sources.map((x) => x.language)),
      );
      expect(langs).toEqual(new Set(['hin', 'eng']));
    });

    it('serves an incident Atom feed with its articles', async () => {
      const r = await app.inject(`/feeds/incidents/${aiimsId}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const entries = parseAtom(r.body);
      expect(entries.length).toBeGreaterThanOrEqual(4);
      expect(new Set(entries.map((e) => e.lang))).toEqual(new Set(['hi', 'en']));
    });

    it('answers 404 for unknown incidents and watches', async () => {
      for (const path of [
        '/api/incidents/inc-nope',
        '/api/incidents/inc-nope/timeline',
        '/feeds/incidents/inc-nope',
        '/api/watches/w-nope',
        '/feeds/watches/w-nope',
      ]) {
        const r = await app.inject(path);
        expect(r.statusCode, path).toBe(404);
        expect(json(r).error, path).toBe('not-found');
      }
      expect((await app.inject({ method: 'DELETE', url: '/api/watches/w-nope' })).statusCode).toBe(404);
      expect(
        (await app.inject({ method: 'PUT', url: '/api/watches/w-nope', payload: { query: 'x' } })).statusCode,
      ).toBe(404);
    });

    it('needs the API key for watch writes when KHABAR_API_KEY is set', async () => {
      const none = await locked.inject({ method: 'POST', url: '/api/watches', payload: { query: 'AIIMS' } });
      expect(none.statusCode).toBe(401);
      expect(json(none).error).toBe('unauthorized');
      const wrong = await locked.inject({
        method: 'POST',
        url: '/api/watches',
        payload: { query: 'AIIMS' },
        headers: { 'x-api-key': 'nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect((await locked.inject({ method: 'PUT', url: '/api/watches/w-x', payload: {} })).statusCode).toBe(
        401,
      );
      expect((await locked.inject({ method: 'DELETE', url: '/api/watches/w-x' })).statusCode).toBe(401);
      // Reads stay open.
      expect((await locked.inject('/api/watches')).statusCode).toBe(200);
      expect(json(await locked.inject('/api/watches')).watches).toEqual([]);
    });

    it('creates, lists, replaces and deletes watches; feeds fill when a matching article arrives', async () => {
      const headers = { 'x-api-key': 'test-secret' };
      const bad = await locked.inject({ method: 'POST', url: '/api/watches', headers, payload: {} });
      expect(bad.statusCode).toBe(400);
      const unknown = await locked.inject({
        method: 'POST',
        url: '/api/watches',
        headers,
        payload: { incidentId: 'inc-nope' },
      });
      expect(unknown.statusCode).toBe(400);

      const q = await locked.inject({
        method: 'POST',
        url: '/api/watches',
        headers,
        payload: { query: 'AIIMS', name: 'AIIMS news' },
      });
      expect(q.statusCode).toBe(201);
      const query = json(q);
      expect(query.watch).toMatchObject({ kind: 'query', query: 'AIIMS', name: 'AIIMS news' });
      expect(query.feed).toBe(`/feeds/watches/${query.watch.id}`);
      const inc = json(
        await locked.inject({
          method: 'POST',
          url: '/api/watches',
          headers,
          payload: { incidentId: aiimsId },
        }),
      );
      expect(inc.watch).toMatchObject({ kind: 'incident', incidentId: aiimsId });
      const scratch = json(
        await locked.inject({ method: 'POST', url: '/api/watches', headers, payload: { query: 'scratch' } }),
      );

      const list = json(await app.inject('/api/watches'));
      expect(list.watches.map((w: { watch: { id: string } }) => w.watch.id).sort()).toEqual(
        [query.watch.id, inc.watch.id, scratch.watch.id].sort(),
      );
      expect(json(await app.inject(`/api/watches/${query.watch.id}`)).watch).toEqual(query.watch);

      const put = await locked.inject({
        method: 'PUT',
        url: `/api/watches/${scratch.watch.id}`,
        headers,
        payload: { query: 'fire', lang: 'hin' },
      });
      expect(put.statusCode).toBe(200);
      expect(json(put).watch).toMatchObject({ id: scratch.watch.id, query: 'fire', lang: 'hin' });
      expect(json(await app.inject(`/api/watches/${scratch.watch.id}`)).watch.query).toBe('fire');
      const del = await locked.inject({ method: 'DELETE', url: `/api/watches/${scratch.watch.id}`, headers });
      expect(del.statusCode).toBe(204);
      expect((await app.inject(`/api/watches/${scratch.watch.id}`)).statusCode).toBe(404);

      // Before the new article: valid, empty feeds.
      const empty = await app.inject(`/feeds/watches/${query.watch.id}`);
      expect(empty.headers['content-type']).toMatch(/^application\/atom\+xml/);
      expect(parseAtom(empty.body)).toEqual([]);

      await ingest(s, [HELD_BACK]);
      for (const w of [query.watch, inc.watch]) {
        const r = await app.inject(`/feeds/watches/${w.id}`);
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toMatch(/^application\/atom\+xml/);
        const entries = parseAtom(r.body);
        expect(entries.length, w.id).toBeGreaterThanOrEqual(1);
        expect(
          entries.some((e) => /restores e-hospital/i.test(e.title)),
          w.id,
        ).toBe(true);
      }
      // The held-back report joined the AIIMS incident.
      const after = json(await app.inject(`/api/incidents/${aiimsId}`)).incident;
      expect(after.articleCount).toBeGreaterThanOrEqual(5);
    });

    it('lists the routes in the OpenAPI document', async () => {
      const doc = json(await app.inject('/openapi.json'));
      for (const p of [
        '/api/incidents',
        '/api/incidents/{id}',
        '/api/incidents/{id}/timeline',
        '/api/watches',
      ])
        expect(doc.paths[p]?.get, p).toBeDefined();
      expect(doc.paths['/api/watches'].post).toBeDefined();
      expect(doc.paths['/feeds/watches/{id}'].get).toBeDefined();
      expect(doc.paths['/feeds/incidents/{id}'].get).toBeDefined();
    });
  });
}
