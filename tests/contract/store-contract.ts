/**
 * The ArticleStore contract: one suite, run unchanged against every store implementation
 * (tests/contract/store.*.test.ts). Each run gets a fresh, empty store from the factory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { analyzeExamples, syntheticArticle } from '../helpers/articles.ts';

export interface StoreFactory {
  name: string;
  create(): Promise<ArticleStore>;
  destroy?(store: ArticleStore): Promise<void>;
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

export function storeContract(factory: StoreFactory): void {
  describe(`ArticleStore contract: ${factory.name}`, () => {
    let store: ArticleStore;
    let samples: Article[];
    const byTitle = (re: RegExp) => samples.find((a) => re.test(a.title))!;

    beforeAll(async () => {
      store = await factory.create();
      samples = analyzeExamples();
      await store.upsertMany(samples);
      await store.refresh();
    });
    afterAll(async () => {
      await factory.destroy?.(store);
      await store.close();
    });

    it('stores every sample once and reads it back whole', async () => {
      expect(await store.count()).toBe(samples.length);
      const a = samples[0]!;
      const got = await store.get(a.id);
      expect(got?.title).toBe(a.title);
      expect(got?.paragraphs).toEqual(a.paragraphs);
      expect(got?.entities).toEqual(a.entities);
      expect(got?.revision).toBe(1);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('finds Hindi stories that write एम्स for the English query AIIMS, with the Hindi word highlighted', async () => {
      const r = await store.search({ text: 'AIIMS', limit: 50 });
      const hindi = r.hits.filter((h) => h.language === 'hin');
      expect(hindi.length).toBeGreaterThanOrEqual(3);
      const hindiWithoutLatin = hindi.filter(
        (h) =>
          !/AIIMS/.test(
            samples
              .find((s) => s.id === h.id)!
              .paragraphs.map((p) => p.text)
              .join(' '),
          ),
      );
      expect(hindiWithoutLatin.length).toBeGreaterThanOrEqual(1);
      for (const h of hindiWithoutLatin) expect(h.highlights.join(' ')).toContain('<mark>एम्स</mark>');
      expect(r.hits.some((h) => h.language === 'eng')).toBe(true);
      // Words of a multi-word alias ("All India Institute of Medical Sciences") are marked only as a phrase.
      const marks = r.hits.flatMap((h) =>
        [...h.highlights.join(' ').matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!),
      );
      expect(marks).not.toContain('of');
    });

    it('searches Hindi words whole, including inflected forms', async () => {
      const r = await store.search({ text: 'मरीजों', limit: 50 });
      expect(r.total).toBeGreaterThanOrEqual(1);
      for (const h of r.hits) expect(h.language).toBe('hin');
      // Whole words are marked, never a piece cut at a vowel sign.
      const marks = r.hits.flatMap((h) =>
        [...h.highlights.join(' ').matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!),
      );
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m.startsWith('मरीज')).toBe(true);
    });

    it('stems English: "attacks" finds stories that say "attack" or "attacked"', async () => {
      const r = await store.search({ text: 'attacks', lang: 'eng', limit: 50 });
      expect(r.total).toBeGreaterThanOrEqual(1);
      for (const h of r.hits) expect(h.language).toBe('eng');
    });

    it('filters by language, site, entity and date range', async () => {
      const hin = await store.count({ lang: 'hin' });
      const eng = await store.count({ lang: 'eng' });
      expect(hin + eng).toBe(samples.length);
      expect(hin).toBe(samples.filter((a) => a.language === 'hin').length);
      const one = samples.find((a) => a.site)!;
      expect(await store.count({ site: one.site! })).toBe(samples.filter((a) => a.site === one.site).length);
      const ifso = await store.search({ entity: 'आईएफएसओ', limit: 50 });
      const expected = samples
        .filter((a) => a.entities.some((e) => e.canonical === 'IFSO'))
        .map((a) => a.id)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(ifso)).toEqual(expected);
      const nov = await store.search({ from: '2022-11-23', to: '2022-11-25', limit: 50 });
      const inNov = samples.filter(
        (a) => a.published && a.published >= '2022-11-23' && a.published < '2022-11-26T',
      );
      expect(ids(nov)).toEqual(inNov.map((a) => a.id).sort());
    });

    it('ranks title matches first and pages through results', async () => {
      const fire = byTitle(/आग|fire/i);
      const r = await store.search({ text: fire.title.split(/\s+/).slice(0, 3).join(' '), limit: 1 });
      expect(r.hits[0]?.id).toBe(fire.id);
      const all = await store.search({ limit: 100 });
      const page2 = await store.search({ limit: 2, offset: 2 });
      expect(page2.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
      expect(all.total).toBe(samples.length);
    });

    it('re-ingesting the same article updates it and never duplicates it', async () => {
      const a = samples[1]!;
      const again = await store.upsert(a);
      expect(again).toMatchObject({ id: a.id, status: 'unchanged', revision: 1 });
      // Same content under another id (no URL this time): still the same record.
      const noUrl = { ...a, id: 'other-id-same-content', url: undefined, canonicalUrl: undefined };
      expect((await store.upsert(noUrl)).id).toBe(a.id);
      await store.refresh();
      expect(await store.count()).toBe(samples.length);
    });

    it('keeps the earlier revision of a changed article', async () => {
      const a = syntheticArticle({
        n: 1,
        paragraphs: ['The first version of the report said eleven hours.'],
      });
      expect((await store.upsert(a)).status).toBe('created');
      const b = syntheticArticle({
        n: 1,
        paragraphs: ['The corrected report says the outage lasted two weeks.'],
      });
      expect(await store.upsert(b)).toMatchObject({ id: a.id, status: 'updated', revision: 2 });
      await store.refresh();
      const revs = await store.revisions(a.id);
      expect(revs.map((r) => r.revision)).toEqual([1]);
      expect(revs[0]!.article.paragraphs[0]!.text).toContain('eleven hours');
      expect((await store.get(a.id))!.paragraphs[0]!.text).toContain('two weeks');
      const found = await store.search({ text: 'eleven', limit: 10 });
      expect(found.hits.map((h) => h.id)).not.toContain(a.id);
    });

    it('content an article gives up within a batch is a new article for a later one in it', async () => {
      const x = syntheticArticle({ n: 71, paragraphs: ['The ward count was first put at forty.'] });
      expect((await store.upsert(x)).status).toBe('created');
      const changed = syntheticArticle({ n: 71, paragraphs: ['The ward count was later put at fifty.'] });
      // Y carries X's old content under its own id and URL, after X has moved on, in the same batch.
      const y = {
        ...x,
        id: 'contract-y-71',
        url: 'https://example.org/contract-y-71',
        canonicalUrl: undefined,
      };
      const results = await store.upsertMany([changed, y]);
      expect(results).toMatchObject([
        { id: x.id, status: 'updated', revision: 2 },
        { id: y.id, status: 'created', revision: 1 },
      ]);
      expect((await store.get(x.id))!.paragraphs[0]!.text).toContain('fifty');
      expect((await store.get(y.id))!.paragraphs[0]!.text).toContain('forty');
      // And Y is found by its content from now on.
      const copy = { ...x, id: 'contract-copy-71', url: 'https://example.org/contract-copy-71' };
      expect(await store.upsert({ ...copy, canonicalUrl: undefined })).toMatchObject({
        id: y.id,
        status: 'unchanged',
      });
    });

    it('exports every matching article as a stream', async () => {
      const seen: string[] = [];
      for await (const a of store.export({ lang: 'hin' })) seen.push(a.id);
      expect(seen.sort()).toEqual(
        samples
          .filter((a) => a.language === 'hin')
          .map((a) => a.id)
          .sort(),
      );
      let n = 0;
      for await (const a of store.export({ text: 'AIIMS' })) n += a.id ? 1 : 0;
      expect(n).toBe((await store.search({ text: 'AIIMS', limit: 100 })).total);
    });

    it('rejects unusable queries with a clear error', async () => {
      await expect(store.search({ text: '!!! ???' })).rejects.toThrow(/no searchable words/);
      await expect(store.search({ from: 'yesterday-ish' })).rejects.toThrow(/not a date/);
      // Query syntax in user text is just text.
      const r = await store.search({ text: 'AIIMS OR NOT "unclosed' });
      expect(r.total).toBeGreaterThanOrEqual(0);
    });
  });
}
