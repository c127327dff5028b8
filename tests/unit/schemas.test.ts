import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import {
  buildIndexPlan,
  loadArticleSchema,
  MAPPING_VERSION,
  toIndexDocument,
} from '../../src/store/elasticsearch/mapping.ts';
import { analyzeExamples, ROOT, syntheticArticle } from '../helpers/articles.ts';

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));

function makeAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addKeyword('x-elasticsearch');
  return ajv;
}

describe('schemas/article.schema.json', () => {
  const validate = makeAjv().compile<Article>(schema('article.schema.json'));
  let samples: Article[];
  beforeAll(() => {
    samples = analyzeExamples();
  });

  it('accepts every analysed bundled sample', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
    for (const a of samples) {
      const ok = validate(a);
      expect(ok, `${a.title}: ${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
    }
  });

  it('accepts synthetic articles, including optional parts', () => {
    const a = syntheticArticle({ n: 7, lang: 'hin', paragraphs: ['एम्स का सर्वर ठप रहा।'] });
    expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
    const full: Article = {
      ...a,
      author: 'संवाददाता',
      publishedSource: 'meta[article:published_time]',
      fetchedAt: '2022-11-24T10:05:00Z',
      dropped: [
        { text: 'यह भी पढ़ें', reason: 'related-link' },
        { text: 'x', reason: 'near-duplicate', duplicateOf: 0, similarity: 0.93 },
      ],
      entities: [
        {
          canonical: 'AIIMS',
          type: 'ORG',
          aliases: ['AIIMS', 'एम्स'],
          mentions: [
            { paragraph: 0, start: 0, end: 4, surface: 'एम्स' },
            { paragraph: null, start: 0, end: 4, surface: 'एम्स' },
          ],
          partOf: 'Ministry of Health',
        },
      ],
      temporal: [
        {
          paragraph: 0,
          start: 5,
          end: 10,
          surface: 'बुधवार',
          kind: 'date',
          value: '2022-11-23',
          approximate: false,
          resolution: 'weekday-before-reference',
        },
      ],
      incident: {
        type: 'cyberattack',
        typeEvidence: [
          {
            value: 'ransomware',
            sentence: 'एम्स का सर्वर ठप रहा।',
            location: { paragraph: 0, start: 0, end: 20 },
          },
        ],
        duration: { value: 'PT11H', sentence: 's', location: { paragraph: 0, start: 0, end: 1 } },
        responders: [],
        impact: [],
        legalActions: [],
        locations: [],
      },
    };
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects records that drift from the type', () => {
    const a = syntheticArticle({ n: 8 });
    expect(validate({ ...a, unknownField: 1 })).toBe(false);
    expect(validate({ ...a, contentHash: 'not-a-hash' })).toBe(false);
    expect(validate({ ...a, dropped: [{ text: 'x', reason: 'boring' }] })).toBe(false);
    expect(
      validate({
        ...a,
        entities: [
          {
            canonical: 'X',
            type: 'ORG',
            aliases: [],
            mentions: [{ paragraph: 0, start: 0, end: 1, surface: 'X', extra: true }],
          },
        ],
      }),
    ).toBe(false);
    const { title: _, ...noTitle } = a;
    expect(validate(noTitle)).toBe(false);
  });
});

describe('schemas/job.schema.json', () => {
  const validate = makeAjv().compile(schema('job.schema.json'));
  it('accepts text and base64 payloads and rejects malformed ones', () => {
    expect(
      validate({ source: 'examples/a.html', content: '<p>x</p>', format: 'html', url: 'https://x.in/a' }),
    ).toBe(true);
    expect(
      validate({
        source: 'a.bin',
        content: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'),
        contentEncoding: 'base64',
      }),
    ).toBe(true);
    expect(validate({ source: 'a.bin', content: 'not base64!', contentEncoding: 'base64' })).toBe(false);
    expect(validate({ source: 'a', content: 'x', format: 'pdf' })).toBe(false);
    expect(validate({ content: 'x' })).toBe(false);
  });
});

describe('Elasticsearch mapping generated from the schema', () => {
  const plan = buildIndexPlan();
  const props = (plan.mappings as { properties: Record<string, Record<string, unknown>> }).properties;

  it('has per-language text fields with the right analysers', () => {
    expect(plan.version).toBe(MAPPING_VERSION);
    expect(plan.textFields).toEqual({
      title: ['title_hin', 'title_eng', 'title_other'],
      body: ['body_hin', 'body_eng', 'body_other'],
    });
    expect(props.body_hin).toMatchObject({ type: 'text', analyzer: 'khabar_hindi' });
    expect(props.body_eng).toMatchObject({ type: 'text', analyzer: 'khabar_english' });
    expect(props.body_other).toMatchObject({ type: 'text', analyzer: 'khabar_other' });
    expect(props.title_hin).toMatchObject({ type: 'text', analyzer: 'khabar_hindi' });
    const analysis = (plan.settings.analysis as { analyzer: Record<string, { filter: string[] }> }).analyzer;
    expect(analysis.khabar_hindi!.filter).toEqual(
      expect.arrayContaining(['indic_normalization', 'hindi_normalization', 'hindi_stem']),
    );
    expect(analysis.khabar_english!.filter).toContain('porter_stem');
  });

  it('has keyword, date and bookkeeping fields, keeps the article unindexed, and is strict', () => {
    for (const f of [
      'id',
      'site',
      'language',
      'entities',
      'entity_keys',
      'part_of_keys',
      'paragraph_languages',
      'contentHash',
      'incident_type',
    ]) {
      expect(props[f], f).toMatchObject({ type: 'keyword' });
    }
    expect(props.published).toMatchObject({ type: 'date' });
    expect(props.revision).toMatchObject({ type: 'integer' });
    expect(props.doc).toEqual({ type: 'object', enabled: false });
    expect(props.dropped).toBeUndefined();
    expect(props.temporal).toBeUndefined();
    expect((plan.mappings as { dynamic: string }).dynamic).toBe('strict');
    // The root annotation configures the index and is not itself a field.
    for (const k of Object.keys(props)) expect(k).toMatch(/^[A-Za-z][A-Za-z_]*$/);
  });

  it('builds documents with text split by paragraph language', () => {
    const a = syntheticArticle({
      n: 3,
      lang: 'hin',
      paragraphs: ['एम्स का सर्वर ठप रहा।', 'AIIMS servers were down.'],
    });
    a.paragraphs[1]!.lang = 'eng';
    a.paragraphs.push({ index: 2, text: 'मुंबई में आग लागली.', lang: 'mar', langConfidence: 0.7 });
    a.entities = [
      { canonical: 'IFSO', type: 'ORG', aliases: ['IFSO', 'आईएफएसओ'], mentions: [], partOf: 'Delhi Police' },
    ];
    const doc = toIndexDocument(plan, a, { revision: 2, ingestedAt: 'i', updatedAt: 'u' });
    expect(doc).toMatchObject({
      id: a.id,
      title_hin: a.title,
      body_hin: ['एम्स का सर्वर ठप रहा।'],
      body_eng: ['AIIMS servers were down.'],
      body_other: ['मुंबई में आग लागली.'],
      paragraph_languages: ['hin', 'eng', 'mar'],
      entities: ['IFSO'],
      entity_keys: ['entifso'],
      part_of_keys: ['entdelhipolice'],
      entity_aliases: ['IFSO', 'आईएफएसओ'],
      revision: 2,
      doc: a,
    });
    expect(doc.title_eng).toBeUndefined();
    // Every field of the document is mapped (the index is strict).
    for (const k of Object.keys(doc)) expect(props[k], k).toBeDefined();
  });

  it('reads the schema file at run time and rejects conflicting annotations', () => {
    const s = structuredClone(loadArticleSchema());
    (s.properties!.site as Record<string, unknown>)['x-elasticsearch'] = { field: 'language', type: 'text' };
    expect(() => buildIndexPlan(s)).toThrow(/mapped twice/);
  });
});
