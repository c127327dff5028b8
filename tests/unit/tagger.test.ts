/**
 * The trained Hindi tagger: tokenisation, tag/span conversion, training determinism, storage round trip,
 * the fast scoring path against the plain feature-string path, and the committed model on new sentences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/entities/extract.ts';
import { loadGazetteer } from '../../src/entities/gazetteer.ts';
import { parseConll } from '../../src/entities/tagger/conll.ts';
import { sequenceFeatures, shape } from '../../src/entities/tagger/features.ts';
import { loadTagger, TaggerModel, tagEntities, taggerTokens } from '../../src/entities/tagger/index.ts';
import { type TrainSeq, trainPerceptron } from '../../src/entities/tagger/perceptron.ts';
import { allowed, ilnerTagIndex, spansOf, TAGS, tagIndex } from '../../src/entities/tagger/tags.ts';

const gazetteer = loadGazetteer();
const surfaces = (text: string) =>
  tagEntities(text, gazetteer).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

describe('taggerTokens', () => {
  it('splits on spaces and peels sentence punctuation, keeping offsets', () => {
    const text = '(दिल्ली), मुंबई। डॉ. N.Z.A. "गांव" end.';
    const toks = taggerTokens(text);
    expect(toks.map((t) => t.text)).toEqual([
      '(',
      'दिल्ली',
      ')',
      ',',
      'मुंबई',
      '।',
      'डॉ.',
      'N.Z.A.',
      '"',
      'गांव',
      '"',
      'end',
      '.',
    ]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('tags', () => {
  it('maps HiNER tags and turns BIO sequences into spans', () => {
    expect(['O', 'B-PERSON', 'I-LOCATION', 'B-ORGANIZATION', 'B-MISC'].map(tagIndex)).toEqual([
      0, 1, 4, 5, 0,
    ]);
    const seq = ['B-PER', 'I-PER', 'O', 'I-LOC', 'B-ORG', 'B-ORG', 'I-ORG'].map((t) =>
      TAGS.indexOf(t as (typeof TAGS)[number]),
    );
    expect(spansOf(seq)).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 7, type: 'ORG' },
    ]);
    expect(allowed(-1, TAGS.indexOf('I-PER'))).toBe(false);
    expect(allowed(TAGS.indexOf('B-PER'), TAGS.indexOf('I-PER'))).toBe(true);
    expect(allowed(TAGS.indexOf('B-LOC'), TAGS.indexOf('I-PER'))).toBe(false);
  });

  it("maps IL-NER's person, place and organisation tags, and its other types to O", () => {
    expect(['O', 'B-NEP', 'I-NEP', 'B-NEL', 'I-NEL', 'B-NEO', 'I-NEO'].map(ilnerTagIndex)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(['B-NETI', 'I-NETI', 'B-NEN', 'B-NEAR', 'I-NEU'].map(ilnerTagIndex)).toEqual([0, 0, 0, 0, 0]);
    const [s] = parseConll(
      'मुत्थुस्वामी\tB-NEP\nदीक्षितार\tI-NEP\nने\tO\n19वीं\tB-NETI\nसदी\tI-NETI\n',
      ilnerTagIndex,
    );
    expect([...s.gold].map((t) => TAGS[t])).toEqual(['B-PER', 'I-PER', 'O', 'O', 'O']);
  });

  it('reads CoNLL and keeps a peeled danda outside the entity', () => {
    const [s] = parseConll('वह\tO\tO\nदिल्ली।\tB-LOCATION\tB-LOCATION\n');
    expect(s.tokens.map((t) => t.text)).toEqual(['वह', 'दिल्ली', '।']);
    expect([...s.gold].map((t) => TAGS[t])).toEqual(['O', 'B-LOC', 'O']);
  });
});

describe('training', () => {
  // A toy corpus in our own words: the word after श्री is a person, the word before जिले a place.
  const conll = [
    'श्री O\nरमेश B-PERSON\nआए O',
    'श्री O\nसुरेश B-PERSON\nगए O',
    'भिंड B-LOCATION\nजिले O\nमें O',
    'सागर B-LOCATION\nजिले O\nसे O',
    'श्री O\nदिनेश B-PERSON\nबोले O',
    'रीवा B-LOCATION\nजिले O\nका O',
  ]
    .map((s) => s.replace(/ /g, '\t'))
    .join('\n\n');
  const data = parseConll(conll);
  const ids = new Map<string, number>();
  const feats = data.map((s) => sequenceFeatures(s.text, s.tokens));
  const seqs: TrainSeq[] = data.map((s, i) => ({
    gold: s.gold,
    feats: feats[i].map((fs) =>
      Int32Array.from(fs, (f) => {
        if (!ids.has(f)) ids.set(f, ids.size);
        return ids.get(f)!;
      }),
    ),
  }));
  const train = () => trainPerceptron(seqs, ids.size, { epochs: 5, seed: 3 });

  it('is deterministic and learns context', () => {
    const a = train();
    expect([...train().emit]).toEqual([...a.emit]);
    const model = TaggerModel.fromTrained([...ids.keys()], a, false, 0);
    const text = 'श्री महेश आए दतिया जिले में';
    const tags = model.tag(text, taggerTokens(text));
    expect(spansOf(tags).map((s) => s.type)).toEqual(['PER', 'LOC']);
    // The stored form decodes the same.
    const back = TaggerModel.fromStored(model.toStored('test', 'none'));
    expect([...back.tag(text, taggerTokens(text))]).toEqual([...tags]);
  });
});

describe('committed model', () => {
  const model = loadTagger();
  const seed = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'etv-aiims-hi.txt'), 'utf8');

  it('names its source and licence beside the weights', () => {
    const stored = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../src/entities/tagger/tagger.weights'), 'utf8'),
    );
    expect(stored.source).toMatch(/HiNER/);
    expect(stored.source).toMatch(/IL-NER.*CC BY 4\.0/);
    expect(stored.source).toMatch(/pib-hindi-ner train split.*Press Information Bureau/);
    expect(stored.licence).toMatch(/CC BY-SA 4\.0/);
    // The IL-NER-only copies of features are for training alone.
    expect((stored.features as string).split('\n').some((f) => f.startsWith('il:'))).toBe(false);
  });

  it('refuses weights of another format instead of scoring them otherwise than they were trained', () => {
    const stored = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../src/entities/tagger/tagger.weights'), 'utf8'),
    );
    expect(() => TaggerModel.fromStored({ ...stored, format: 'khabar-hindi-tagger/1' })).toThrow(
      /format "khabar-hindi-tagger\/1".*retrain/,
    );
    expect(TaggerModel.fromStored(stored).size).toBe(model.size);
  });

  it('scores with the word cache exactly as with plain feature strings', () => {
    const dev = readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'nlp', 'dev2-entities-hi.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).text as string);
    for (const para of [...seed.split(/\n+/).filter((p) => /[\u0900-\u097f]/.test(p)), ...dev]) {
      const toks = taggerTokens(para);
      const fast = model.scores(para, toks, { gazetteer });
      const plain = model.scoresOf(sequenceFeatures(para, toks, { gazetteer }));
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(plain[i], 3);
    }
  });

  it('finds people and places no rule names in a new sentence', () => {
    const found = surfaces('गांव के सरपंच रामकिशोर बघेल ने बताया कि मुरैना जिले में बाढ़ आई।');
    expect(found).toContain('PER:रामकिशोर बघेल');
    expect(found).toContain('LOC:मुरैना');
  });
});

describe('entity stage with the tagger', () => {
  it('adds names the rules miss and trims a role word a rule took for part of a name', () => {
    const text = 'गांव के सरपंच रामकिशोर बघेल ने बताया कि पोरसा कस्बे में पानी भर गया।';
    const found = extractEntities({ title: '', paragraphs: [{ text, lang: 'hin' }] });
    const by = (c: string) => found.find((e) => e.canonical === c);
    expect(by('Ramkishor Baghel')?.type).toBe('PER');
    expect(by('Ramkishor Baghel')?.mentions[0].surface).toBe('रामकिशोर बघेल');
    expect(by('Porsa')?.type).toBe('LOC');
    for (const e of found) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });
});

describe('word shape', () => {
  /** The shape as first written, a regex test per code point: the model was trained on these values. */
  function byRegex(word: string): string {
    let out = '';
    for (const ch of word) {
      const c = /[\u0900-\u097f]/.test(ch)
        ? 'D'
        : /[A-Z]/.test(ch)
          ? 'A'
          : /[a-z]/.test(ch)
            ? 'a'
            : /\d/.test(ch)
              ? 'N'
              : 'P';
      if (out[out.length - 1] !== c) out += c;
    }
    const len = [...word].length;
    return `${out.slice(0, 4)}${len <= 2 ? 's' : len <= 5 ? 'm' : 'l'}`;
  }

  it('gives the trained shapes: runs of script classes, at most four, and a length bucket by code point', () => {
    expect(shape('एम्स')).toBe('Dm');
    expect(shape('AIIMS-2022')).toBe('APNl');
    expect(shape('a😀b')).toBe('aPam');
    expect(shape('x.Y.z1!')).toBe('aPAPl');
  });

  it('agrees with the regex form on any string, lone surrogates and astral characters included', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'Z', '5', '.', 'क', '्', '😀', '\ud800', '\udc00', 'é', '٣'),
      fc.string({ unit: 'grapheme', maxLength: 1 }),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 14 }), (parts) => {
        const word = parts.join('');
        expect(shape(word)).toBe(byRegex(word));
      }),
      { numRuns: 20000 },
    );
  });
});
