/**
 * Elasticsearch store at scale and under failure: bulk indexing, rejected documents, retried items,
 * concurrent writers, reindexing behind the alias, point-in-time export, cross-script entity search.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import type { Article } from '../../src/core/types.ts';
import { BulkWriteError, ElasticsearchStore } from '../../src/store/elasticsearch/es-store.ts';
import { MAPPING_VERSION } from '../../src/store/elasticsearch/mapping.ts';
import { syntheticArticle } from '../helpers/articles.ts';

const url = process.env.KHABAR_TEST_ELASTICSEARCH_URL;
if (!url) {
  throw new Error(
    'KHABAR_TEST_ELASTICSEARCH_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Elasticsearch), or point it at an Elasticsearch 8.x node',
  );
}

const prefix = () => `test-es-${randomBytes(4).toString('hex')}`;
const BULK = 2000;

const aiimsHindi = (n: number): Article =>
  syntheticArticle({
    n,
    lang: 'hin',
    site: 'hindi.example.in',
    title: 'दिल्ली के अस्पताल में सर्वर ठप',
    paragraphs: ['एम्स में लगातार दूसरे दिन सर्वर ठप रहा, मरीजों को परेशानी हुई।', 'अस्पताल ने कागज़ पर पंजीकरण शुरू किया।'],
    entities: [
      {
        canonical: 'AIIMS',
        type: 'ORG',
        aliases: ['AIIMS', 'एम्स'],
        mentions: [{ paragraph: 0, start: 0, end: 4, surface: 'एम्स' }],
      },
    ],
  });

/**
 * A writer whose first bulk request waits for `meanwhile` (another writer's move) before it goes out: the
 * window between a write plan's reads and its bulk, made certain. `ran()` says whether it came.
 */
function writerWithRace(
  real: Client,
  prefix: string,
  meanwhile: () => Promise<void>,
): { writer: ElasticsearchStore; ran: () => boolean } {
  let injected = false;
  const racing = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'bulk') return Reflect.get(target, prop, receiver);
      return async (req: unknown) => {
        if (!injected) {
          injected = true;
          await meanwhile();
        }
        return real.bulk(req as never);
      };
    },
  }) as Client;
  return {
    writer: new ElasticsearchStore({ node: url as string, client: racing, indexPrefix: prefix }),
    ran: () => injected,
  };
}

describe('Elasticsearch store', () => {
  let store: ElasticsearchStore;
  const stores: ElasticsearchStore[] = [];
  const open = async (options: Partial<ConstructorParameters<typeof ElasticsearchStore>[0]> = {}) => {
    const s = new ElasticsearchStore({ node: url, indexPrefix: prefix(), ...options });
    await s.init();
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    store = await open();
  });
  /** The content-hash pointer of `a`'s content names `owner`, and a copy of it under a new id is `owner`. */
  const expectContentOwner = async (a: Article, owner: string) => {
    const pointer = await store.client.get<{ articleId: string }>({
      index: store.hashesAlias,
      id: a.contentHash,
    });
    expect(pointer._source?.articleId).toBe(owner);
    const copy = { ...a, id: `copy-of-${a.id}`, url: `https://example.org/copy-of-${a.id}` };
    expect(await store.upsert(copy)).toMatchObject({ id: owner, status: 'unchanged' });
  };
  afterAll(async () => {
    for (const s of stores) {
      await s.deleteIndices().catch(() => undefined);
      await s.close();
    }
  });

  it('init is idempotent and creates versioned indices behind aliases', async () => {
    await store.init();
    expect(await store.currentArticlesIndex()).toBe(`${store.prefix}-articles-v${MAPPING_VERSION}`);
    expect(await store.indices()).toEqual(
      [
        `${store.prefix}-articles-v${MAPPING_VERSION}`,
        `${store.prefix}-hashes-v1`,
        `${store.prefix}-revisions-v1`,
      ].sort(),
    );
    // Revisions and hashes are read by id in real time, never searched: no refresh on a timer.
    const settings = await store.client.indices.getSettings({ index: `${store.prefix}-*` });
    const interval = (name: string) => settings[name]?.settings?.index?.refresh_interval;
    expect(interval(`${store.prefix}-hashes-v1`)).toBe('-1');
    expect(interval(`${store.prefix}-revisions-v1`)).toBe('-1');
    // Articles are searched: refreshed every 5 s (ingest and the incidents stage refresh when they must).
    expect(interval(`${store.prefix}-articles-v${MAPPING_VERSION}`)).toBe('5s');
  });

  it('initialises beside another process: an alias it creates meanwhile is not a name clash', async () => {
    // Two workers start at once. Writer A finds no alias; before A looks further, B creates the indices and
    // aliases. A must take B's layout, not call the alias an index in its way (that crashed a worker).
    const p = prefix();
    const other = new ElasticsearchStore({ node: url, indexPrefix: p });
    stores.push(other);
    let raced = false;
    const real = store.client;
    const indices = new Proxy(real.indices, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'existsAlias') return typeof value === 'function' ? value.bind(target) : value;
        return async (req: { name: string }) => {
          const found = await target.existsAlias(req);
          if (!raced) {
            raced = true;
            await other.init();
          }
          return found;
        };
      },
    });
    const racing = new Proxy(real, {
      get: (target, prop, receiver) => (prop === 'indices' ? indices : Reflect.get(target, prop, receiver)),
    }) as Client;
    const a = new ElasticsearchStore({ node: url, client: racing, indexPrefix: p });
    await a.init();
    expect(raced).toBe(true);
    expect(await a.indices()).toEqual(await other.indices());
    expect(await a.currentArticlesIndex()).toBe(`${p}-articles-v${MAPPING_VERSION}`);
  });

  it(`bulk-indexes ${BULK} articles in bounded requests, exactly once`, async () => {
    const articles = Array.from({ length: BULK }, (_, n) =>
      syntheticArticle({ n, site: n % 2 ? 'odd.example.in' : 'even.example.in' }),
    );
    const results = await store.upsertMany(articles);
    expect(results).toHaveLength(BULK);
    expect(results.every((r) => r.status === 'created' && r.revision === 1)).toBe(true);
    await store.refresh();
    expect(await store.count()).toBe(BULK);
    expect(await store.count({ site: 'odd.example.in' })).toBe(BULK / 2);
    // The same batch again: nothing new, no revision.
    const again = await store.upsertMany(articles.slice(0, 600));
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(['unchanged']));
    await store.refresh();
    expect(await store.count()).toBe(BULK);
  });

  it('reports documents Elasticsearch rejects by id and stores the others', async () => {
    const good = [10_001, 10_002, 10_003].map((n) => syntheticArticle({ n }));
    // A field conflict: `site` is a keyword, this one is an object.
    const bad = { ...syntheticArticle({ n: 10_004 }), site: { nested: true } } as unknown as Article;
    const err = await store.upsertMany([good[0]!, bad, good[1]!, good[2]!]).catch((e) => e);
    expect(err).toBeInstanceOf(BulkWriteError);
    expect(err.message).toContain(bad.id);
    expect(err.failures.map((f: { id: string }) => f.id)).toEqual([bad.id]);
    expect(err.failures[0].status).toBe(400);
    expect(err.outcomes[1]).toBeInstanceOf(InputError);
    expect(
      err.outcomes.filter((o: unknown) => !(o instanceof Error)).map((o: { status: string }) => o.status),
    ).toEqual(['created', 'created', 'created']);
    await expect(store.upsert(bad)).rejects.toThrow(
      new RegExp(`${bad.id}.*(mapper|document)_parsing_exception`),
    );
    await store.refresh();
    expect(await store.get(bad.id)).toBeUndefined();
    for (const g of good) expect((await store.get(g.id))?.title).toBe(g.title);
    // The rejected article's content-hash pointer went in the same bulk and was stored; it names an
    // article that does not exist, so the same content under another id is a new article, not a match.
    const pointer = await store.client.get<{ articleId: string }>({
      index: store.hashesAlias,
      id: bad.contentHash,
    });
    expect(pointer._source?.articleId).toBe(bad.id);
    const fixed = { ...bad, id: 'fixed-10004', site: 'example.in' } as Article;
    expect(await store.upsert(fixed)).toMatchObject({ id: 'fixed-10004', status: 'created' });
    expect((await store.get('fixed-10004'))?.contentHash).toBe(bad.contentHash);
  });

  it('never lets the pointer of a rejected article replace one another writer stored meanwhile', async () => {
    // Writer A reads (no pointer for the content), then writer B stores the same content before A's bulk
    // goes out; A's article is rejected. B's pointer must stand: a later copy of the content is B's article.
    const b = syntheticArticle({ n: 10_777 });
    const a = { ...b, id: 'rejected-10777', site: { nested: true } } as unknown as Article;
    const real = store.client;
    const { writer, ran } = writerWithRace(real, store.prefix, async () => {
      await store.upsert(b);
    });
    await expect(writer.upsert(a)).rejects.toThrow(/rejected-10777/);
    expect(ran()).toBe(true);
    await expectContentOwner(b, b.id);
  });

  it('claims back a pointer that a rejected article took meanwhile', async () => {
    // The mirror image: writer B's article with the same content is rejected but its pointer is stored
    // between writer A's read and A's bulk. A's pointer create meets B's (409); B's names no article, so
    // A's article must get the pointer, or later copies of the content would be stored as new articles.
    const a = syntheticArticle({ n: 10_888 });
    const b = { ...a, id: 'rejected-10888', site: { nested: true } } as unknown as Article;
    const real = store.client;
    const { writer, ran } = writerWithRace(real, store.prefix, async () => {
      await expect(store.upsert(b)).rejects.toThrow(/rejected-10888/);
      const taken = await real.get<{ articleId: string }>({ index: store.hashesAlias, id: a.contentHash });
      expect(taken._source?.articleId).toBe(b.id);
    });
    expect(await writer.upsert(a)).toMatchObject({ id: a.id, status: 'created' });
    expect(ran()).toBe(true);
    await expectContentOwner(a, a.id);
  });

  it('retries items rejected with 429 with backoff', async () => {
    let calls = 0;
    const sizes: number[] = [];
    const real = store.client;
    const flaky = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop !== 'bulk') return Reflect.get(target, prop, receiver);
        return async (req: { operations: unknown[] }) => {
          calls++;
          sizes.push(req.operations.length / 2);
          if (calls > 1) return real.bulk(req as never);
          const n = req.operations.length / 2;
          const item = {
            status: 429,
            error: { type: 'es_rejected_execution_exception', reason: 'queue full' },
          };
          return {
            errors: true,
            took: 1,
            items: Array.from({ length: n }, () => ({ create: item, index: item })),
          };
        };
      },
    }) as Client;
    const s = new ElasticsearchStore({
      node: url,
      client: flaky,
      indexPrefix: store.prefix,
      bulk: { backoffMs: 10 },
    });
    const a = syntheticArticle({ n: 20_001 });
    expect(await s.upsert(a)).toMatchObject({ id: a.id, status: 'created' });
    // The article and its content-hash pointer share one request: rejected once, then both retried.
    expect(sizes).toEqual([2, 2]);
    expect((await store.get(a.id))?.id).toBe(a.id);
    // The pointer was stored: the same content under another id is the same article.
    expect(await s.upsert({ ...a, id: 'other-id', url: 'https://example.org/other' })).toMatchObject({
      id: a.id,
      status: 'unchanged',
    });
  });

  it('dedupes by content in real time and keeps every revision under concurrent writers', async () => {
    const a = syntheticArticle({ n: 30_001, paragraphs: ['First text of the story.'] });
    expect((await store.upsert(a)).status).toBe('created');
    // No refresh in between: the content-hash lookup is a real-time get.
    const copy = { ...a, id: 'copy-without-url', url: undefined, canonicalUrl: undefined };
    expect(await store.upsert(copy)).toMatchObject({ id: a.id, status: 'unchanged', revision: 1 });
    const other = await open({ indexPrefix: store.prefix });
    const versions = Array.from({ length: 6 }, (_, i) =>
      syntheticArticle({ n: 30_001, paragraphs: [`Version ${i} of the story.`] }),
    );
    const results = await Promise.all(versions.map((v, i) => (i % 2 ? store : other).upsert(v)));
    expect(results.map((r) => r.revision).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
    const revs = await store.revisions(a.id);
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(revs[0]!.article.paragraphs[0]!.text).toBe('First text of the story.');
    expect((await store.get(a.id))?.revision).toBe(7);
    stores.splice(stores.indexOf(other), 1);
    await other.close();
  });

  it('finds a Hindi article that writes एम्स for the query AIIMS, highlights it, and counts facets', async () => {
    const h = aiimsHindi(40_001);
    await store.upsert(h);
    await store.refresh();
    const r = await store.search({ text: 'AIIMS', limit: 10, facets: true });
    const hit = r.hits.find((x) => x.id === h.id);
    expect(hit).toBeDefined();
    expect(hit!.language).toBe('hin');
    expect(hit!.highlights.join(' ')).toContain('<mark>एम्स</mark>');
    expect(r.facets?.language).toEqual([{ value: 'hin', count: 1 }]);
    expect(r.facets?.entities).toEqual([{ value: 'AIIMS', count: 1 }]);
    expect(r.facets?.published).toEqual([{ value: '2022-11', count: 1 }]);
    expect((await store.search({ entity: 'एम्स' })).hits.map((x) => x.id)).toEqual([h.id]);
    expect((await store.search({ text: 'मरीज' })).hits.map((x) => x.id)).toEqual([h.id]);
    // Query syntax is text.
    expect((await store.search({ text: 'site:* OR (AIIMS' })).total).toBe(0);
  });

  it('exports every document exactly once through a point in time, and closes it on early exit', async () => {
    const total = await store.count();
    const seen = new Set<string>();
    let n = 0;
    for await (const a of store.export()) {
      seen.add(a.id);
      n++;
    }
    expect(n).toBe(total);
    expect(seen.size).toBe(total);
    const contexts = async () => {
      const stats = await store.client.indices.stats({
        index: await store.currentArticlesIndex(),
        metric: 'search',
      });
      return stats._all.total?.search?.open_contexts ?? 0;
    };
    const before = await contexts();
    for await (const _ of store.export()) break;
    expect(await contexts()).toBe(before);
  });

  it('reindexes to a new mapping version and swaps the alias, keeping every document', async () => {
    await store.refresh();
    const before = await store.count();
    const sample = syntheticArticle({ n: 7 });
    const r = await store.reindexTo(MAPPING_VERSION + 1);
    expect(r).toEqual({
      from: `${store.prefix}-articles-v${MAPPING_VERSION}`,
      to: `${store.prefix}-articles-v${MAPPING_VERSION + 1}`,
      documents: before,
    });
    expect(await store.currentArticlesIndex()).toBe(r.to);
    const meta = await store.client.indices.getMapping({ index: r.to });
    expect(meta[r.to]!.mappings._meta).toMatchObject({ mappingVersion: MAPPING_VERSION + 1 });
    expect(await store.count()).toBe(before);
    expect((await store.get(sample.id))?.title).toBe(sample.title);
    expect((await store.search({ text: 'AIIMS' })).total).toBe(1);
    // Writes now go to the new index, with revisions as before.
    const changed = syntheticArticle({ n: 7, paragraphs: ['A corrected report.'] });
    expect(await store.upsert(changed)).toMatchObject({ status: 'updated', revision: 2 });
    await store.refresh();
    expect(await store.count()).toBe(before);
    expect((await store.client.count({ index: r.to })).count).toBe(before);
    // Idempotent, and the old index can go.
    expect((await store.reindexTo(MAPPING_VERSION + 1)).to).toBe(r.to);
  });
});
