import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWatch } from '../../src/cli/commands/watch.ts';
import type { Article } from '../../src/core/types.ts';
import { digestArticle } from '../../src/incidents/digest.ts';
import { IncidentEngine } from '../../src/incidents/engine.ts';
import { isCopy, linked, lookupKeys } from '../../src/incidents/grouping.ts';
import { minhash, shingles, similarity } from '../../src/incidents/minhash.ts';
import { atomFeed, postWebhook } from '../../src/incidents/notify.ts';
import type { ArticleDigest } from '../../src/incidents/types.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { groupArticles, loadIncidentCorpus } from '../eval/incidents.ts';
import { ROOT } from '../helpers/articles.ts';

let corpus: Map<string, Article>;
const digest = (file: string): ArticleDigest => digestArticle(corpus.get(file)!)!;
beforeAll(() => {
  corpus = loadIncidentCorpus();
});

describe('MinHash', () => {
  it('scores near-copies high and different stories low', () => {
    const a =
      'The servers of the hospital went down on Wednesday morning and patients were registered by hand.';
    const b = `${a} (With PTI inputs)`;
    const c = 'A fire broke out in a seven-storey commercial building in Andheri East on Monday morning.';
    expect(similarity(minhash(shingles(a)), minhash(shingles(b)))).toBeGreaterThan(0.7);
    expect(similarity(minhash(shingles(a)), minhash(shingles(c)))).toBeLessThan(0.1);
  });
});

describe('grouping rules', () => {
  it('recognises syndicated copies across outlets as copies, not confirmations', () => {
    expect(isCopy(digest('aiims22-03-en-indiawire.html'), digest('aiims22-04-en-northerntimes.html'))).toBe(
      true,
    );
    expect(isCopy(digest('aiims22-01-en-capitalledger.html'), digest('aiims22-03-en-indiawire.html'))).toBe(
      false,
    );
  });

  it('links Hindi and English reports of one incident, not the same organisation months later', () => {
    const en = digest('aiims22-01-en-capitalledger.html');
    expect(linked(en, digest('aiims22-02-hi-khabarlok.html'))).toBe(true);
    expect(linked(en, digest('aiims23-01-en-capitalledger.html'))).toBe(false);
    expect(linked(en, digest('protest-01-en-capitalledger.html'))).toBe(false);
  });

  it('joins a follow-up that only says "the accident" to the rail accident of its days and place', () => {
    const restored = digest('odisha-05-en-indiawire.html');
    expect(restored.type).toBe('accident');
    expect(linked(restored, digest('odisha-01-en-indiawire.html'))).toBe(true);
    expect(linked(restored, digest('busaccident-02-en-westcoastherald.html'))).toBe(false);
  });

  it('finds candidates through a bounded key set', () => {
    expect(lookupKeys(digest('aiims22-01-en-capitalledger.html')).length).toBeLessThan(150);
  });
});

describe('incremental grouping', () => {
  it('gives the same incidents in any arrival order, and after a changed article leaves', async () => {
    const odisha = [...corpus].filter(([f]) => f.startsWith('odisha-')).map(([, a]) => a);
    const store = new SqliteIncidentStore(':memory:');
    await store.init();
    const engine = new IncidentEngine(store);
    for (const a of [...odisha].reverse()) await engine.add(a);
    const bridge = corpus.get('odisha-05-en-indiawire.html')!;
    expect((await engine.add(bridge)).status).toBe('unchanged');
    // The restoration story is rewritten into something that is not an incident report: it leaves.
    const rewritten = {
      ...bridge,
      contentHash: 'changed',
      incident: undefined,
      title: 'Weather update',
      paragraphs: [],
    };
    expect((await engine.add(rewritten)).status).toBe('not-incident');
    const { incidents } = await store.listIncidents();
    const now = await store.getIncident(incidents[0]!.id);
    const expected = await groupArticles(odisha.filter((a) => a.id !== bridge.id));
    expect(now).toEqual(expected[0]);
    await store.close();
  });
});

describe('schemas', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  const load = (n: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', n), 'utf8'));

  it('incident records validate against schemas/incident.schema.json', async () => {
    const validate = ajv.compile(load('incident.schema.json'));
    for (const r of await groupArticles([...corpus.values()])) {
      expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('watches validate against schemas/watch.schema.json; bad input is refused', () => {
    const validate = ajv.compile(load('watch.schema.json'));
    for (const w of [
      buildWatch('AIIMS हैक', { lang: 'hin' }),
      buildWatch(undefined, { incident: 'inc-x', webhook: 'http://h/x' }),
    ])
      expect(validate(w), JSON.stringify(validate.errors)).toBe(true);
    expect(() => buildWatch('AIIMS', { incident: 'inc-x' })).toThrow(/either/);
    expect(() => buildWatch(undefined, {})).toThrow(/either/);
    expect(() => buildWatch('x', { webhook: 'ftp://x' })).toThrow(/http/);
    expect(buildWatch('AIIMS', {}).id).toBe(buildWatch('AIIMS', {}, new Date(0)).id);
  });
});

describe('notifications', () => {
  it('writes a well-formed Atom feed with escaped text', () => {
    const w = buildWatch('a < b & c', {});
    const xml = atomFeed(
      w,
      [{ watchId: w.id, articleId: 'x', title: 'R&D <fire>', language: 'eng', at: '2023-01-01T00:00:00Z' }],
      '2023-01-01T00:00:00Z',
    );
    expect(xml).toContain('<title xml:lang="en">R&amp;D &lt;fire&gt;</title>');
    expect(xml).toContain('search: a &lt; b &amp; c');
  });

  it('does not retry a webhook that rejects the payload (4xx)', async () => {
    let calls = 0;
    const srv = createServer((_req, res) => {
      calls++;
      res.writeHead(400).end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    const r = await postWebhook(url, {}, { backoffMs: 5, allowPrivate: true });
    await new Promise<void>((r) => srv.close(() => r()));
    expect(r).toMatchObject({ ok: false, attempts: 1, status: 400 });
    expect(calls).toBe(1);
    // Nobody listening: network errors are retried, then reported.
    expect(await postWebhook(url, {}, { attempts: 2, backoffMs: 5, allowPrivate: true })).toMatchObject({
      ok: false,
      attempts: 2,
    });
  });
});
