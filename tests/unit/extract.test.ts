/**
 * Extract + clean on every fixture page and bundled sample, checked against the hand-written
 * expectations in tests/fixtures/pages/expected.json and examples/expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaccard, NEAR_DUPLICATE_THRESHOLD, shingles, sortedJaccardAtLeast } from '../../src/clean/dedup.ts';
import { InputError } from '../../src/core/errors.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { EXAMPLES, ROOT } from '../helpers/articles.ts';

interface Expectation {
  format: string;
  title?: string;
  published?: string | null;
  canonical?: string | null;
  language?: string;
  body?: {
    uniqueParagraphs: number;
    uniqueParagraphsAfterNearDedup?: number;
    nearDuplicates?: { first: string; second: string }[];
    paragraphsStartWith: string[];
    mustNotContain: string[];
  };
  uniqueParagraphs?: number;
}

const PAGES = join(ROOT, 'tests/fixtures/pages');

function cases(dir: string): [string, Expectation][] {
  const { files } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    files: Record<string, Expectation>;
  };
  return Object.entries(files).filter(([, e]) => e.format === 'html' || e.format === 'text');
}

describe.each([
  ['fixture pages', PAGES],
  ['bundled samples', EXAMPLES],
])('extract and clean: %s', (_, dir) => {
  it.each(cases(dir))('%s', (file, exp) => {
    const content = readFileSync(join(dir, file));
    const run = () => analyze({ content, format: exp.format === 'text' ? 'text' : 'html' });
    const expected = exp.body!.uniqueParagraphsAfterNearDedup ?? exp.body!.uniqueParagraphs;
    if (expected === 0) {
      expect(run).toThrow(/no article text/);
      return;
    }
    const a = run();
    expect(a.title).toBe(exp.title);
    if (exp.published) expect(a.published).toBe(exp.published);
    else expect(a.published).toBeUndefined();
    if (exp.canonical) expect(a.canonicalUrl).toBe(new URL(exp.canonical).toString());
    expect(a.language).toBe(exp.language);
    expect(a.paragraphs.map((p) => p.text.slice(0, 60))).toHaveLength(expected);
    // Of each near-duplicate pair only the first is kept.
    const seconds = new Set((exp.body!.nearDuplicates ?? []).map((d) => d.second));
    exp
      .body!.paragraphsStartWith.filter((s) => !seconds.has(s))
      .forEach((start, i) => {
        expect(
          a.paragraphs.some((p) => p.text.startsWith(start)),
          `paragraph starting "${start}" (#${i})`,
        ).toBe(true);
      });
    const body = a.paragraphs.map((p) => p.text).join('\n');
    for (const bad of exp.body!.mustNotContain) expect(body).not.toContain(bad);
  });
});

describe('bad input gives a clear error, never a crash or a hang', () => {
  it('refuses binary files', () => {
    const bin = readFileSync(join(PAGES, 'binary.bin'));
    expect(() => analyze({ content: bin })).toThrow(InputError);
    expect(() => analyze({ content: bin })).toThrow(/binary \(PNG image\)/);
    expect(() => analyze({ content: Buffer.from([0x41, 0x00, 0x42, 0x43]) })).toThrow(/NUL/);
  });

  it('decodes a legacy windows-1252 page by its declared charset', () => {
    const a = analyze({ content: readFileSync(join(PAGES, 'hi-legacy-windows1252-en.html')) });
    const body = a.paragraphs.map((p) => p.text).join(' ');
    expect(a.title).toContain('’');
    expect(body).toMatch(/Café/);
    expect(body).not.toMatch(/\ufffd|Ã/);
  });

  it('prefers valid UTF-8 over a declared single-byte charset', () => {
    const a = analyze({ content: readFileSync(join(PAGES, 'hi-shift-declared-mismatch.html')) });
    expect(a.title).toMatch(/^एम्स/);
    expect(a.paragraphs.map((p) => p.text).join(' ')).not.toContain('à¤');
  });

  it('reads UTF-16 with a BOM', () => {
    const a = analyze({ content: readFileSync(join(PAGES, 'hi-utf16.html')) });
    expect(a.language).toBe('hin');
    expect(a.paragraphs.length).toBe(3);
  });

  it('handles a 20 MB page in bounded time and refuses one over the limit', () => {
    // 5,000 distinct paragraphs (pseudo-random word sequences, so no two are near-duplicates), repeated.
    const vocab =
      'दिल्ली बिजली कटौती इलाकों लोगों परेशानी अस्पतालों जनरेटर अधिकारियों सड़क पानी बारिश स्कूल बच्चों किसान फसल बाजार दाम पुलिस जांच अदालत फैसला सरकार योजना मंत्री बयान चुनाव मतदान रेल यात्री'.split(
        ' ',
      );
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const paras = Array.from({ length: 5000 }, (_, i) => {
      const ws = Array.from({ length: 24 }, () => vocab[rand() % vocab.length]);
      return `<p>खबर ${i}: ${ws.join(' ')}.</p>`;
    });
    const para = (i: number) => paras[i]!;
    const parts: string[] = ['<html lang="hi"><head><title>बड़ा पन्ना</title></head><body><article>'];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const p = para(i % 5000);
      parts.push(p);
      size += Buffer.byteLength(p);
    }
    parts.push('</article></body></html>');
    const html = Buffer.from(parts.join(''));
    expect(html.length).toBeGreaterThan(20 * 1024 * 1024);
    const a = analyze({ content: html, maxBytes: 32 * 1024 * 1024 });
    // The page repeats 5,000 distinct paragraphs; each is kept once.
    expect(a.paragraphs.length).toBe(5000);
    expect(() => analyze({ content: html, maxBytes: 8 * 1024 * 1024 })).toThrow(/over the 8 MB limit/);
  }, 120_000);

  it('an empty input has no article text', () => {
    expect(() => analyze({ content: '' })).toThrow(/no article text/);
    expect(() => analyze({ content: '<html><body><nav><a href="/">Home</a></nav></body></html>' })).toThrow(
      /no article text/,
    );
  });
});

describe('near-duplicate check', () => {
  it('the early-exit Jaccard is the plain Jaccard whenever that reaches the threshold, and -1 otherwise', () => {
    const words = fc.array(fc.constantFrom('नदी', 'बाढ़', 'camp', 'river', 'boat', 'गांव', 'relief', 'पानी'), {
      maxLength: 30,
    });
    // The deduper's form: the sets as sorted arrays of distinct numbers (ids shared by the pair).
    const asSorted = (set: Set<string>, ids: Map<string, number>) =>
      Float64Array.from([...set].map((x) => ids.get(x) ?? ids.set(x, ids.size).get(x)!)).sort();
    const atLeast = (x: string[], y: string[], t: number) => {
      const ids = new Map<string, number>();
      return sortedJaccardAtLeast(asSorted(shingles(x), ids), asSorted(shingles(y), ids), t);
    };
    fc.assert(
      fc.property(words, words, fc.double({ min: 0.05, max: 1, noNaN: true }), (a, b, t) => {
        const plain = jaccard(shingles(a), shingles(b));
        expect(atLeast(a, b, t)).toBe(plain >= t ? plain : -1);
      }),
      { numRuns: 2000 },
    );
    // A paragraph with one word changed is a near-duplicate of the original.
    const p = 'relief camps in jajpur stay open for another week as the river stays high'.split(' ');
    const q = [...p];
    q[3] = 'kendrapara';
    const sim = atLeast(p, q, NEAR_DUPLICATE_THRESHOLD);
    expect(sim).toBe(jaccard(shingles(p), shingles(q)));
    expect(sim).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    // Two unrelated sentences are not.
    const r =
      'the district collector said schools would reopen on monday after the flood waters receded'.split(' ');
    expect(atLeast(p, r, NEAR_DUPLICATE_THRESHOLD)).toBe(-1);
    expect(atLeast(p, p, NEAR_DUPLICATE_THRESHOLD)).toBe(1);
  });
});
