import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taggerTokens } from '../../src/entities/tagger/tokens.ts';
import { keyByFolds, tokenize, WORD_RE, wordKey } from '../../src/entities/text.ts';

// Letters of several scripts, marks, digits, joiners, a letter beyond the BMP, lone surrogates,
// punctuation HiNER splits off, and white space of several kinds.
const PIECES = [
  'a',
  'Z',
  'é',
  'क',
  'ि',
  '्',
  '़',
  'ं',
  '५',
  '7',
  '\u200c',
  '\u200d',
  '𝒜',
  '😀',
  '\ud835',
  '\udc9c',
  '&',
  '.',
  ',',
  '।',
  '(',
  ')',
  '"',
  '“',
  '”',
  "'",
  '-',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join(''));

describe('entity tokeniser', () => {
  it('finds the words WORD_RE finds, at the same offsets', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const want = [...text.matchAll(WORD_RE)].map((m) => [m[0], m.index]);
        expect(tokenize(text).map((t) => [t.text, t.start])).toEqual(want);
      }),
      { numRuns: 5000 },
    );
  });

  it('cuts a run of letters every 1,000 code points, counting a letter beyond the BMP as one', () => {
    const run = `${'क'.repeat(1500)}${'𝒜'.repeat(700)}`;
    const toks = tokenize(run);
    expect(toks.map((t) => [t.start, t.end])).toEqual([
      [0, 1000],
      [1000, 1500 + 2 * 500],
      [2500, 2900],
    ]);
  });
});

describe('tagger tokeniser', () => {
  it('splits at the white space `\\S+` splits at, peeling punctuation off the ends', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const toks = taggerTokens(text, tokenize(text));
        // Every token lies inside one `\S+` run, and together they cover each run exactly.
        const runs = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
        const covered = runs.map(([s, e]) => toks.filter((t) => t.start >= s && t.end <= e));
        expect(covered.flat()).toEqual(toks);
        covered.forEach((ts, r) => {
          expect(ts.map((t) => text.slice(t.start, t.end)).join('')).toBe(text.slice(runs[r][0], runs[r][1]));
        });
        for (const t of toks) expect(t.text).toBe(text.slice(t.start, t.end));
      }),
      { numRuns: 3000 },
    );
  });

  it('reuses the entity token of a word instead of making another', () => {
    const text = '"एम्स के सर्वर पर हमला," पुलिस ने कहा।';
    const words = tokenize(text);
    const toks = taggerTokens(text, words);
    expect(toks.map((t) => t.text)).toEqual([
      '"',
      'एम्स',
      'के',
      'सर्वर',
      'पर',
      'हमला',
      ',',
      '"',
      'पुलिस',
      'ने',
      'कहा',
      '।',
    ]);
    expect(toks[1]).toBe(words[0]);
    expect(toks[8]).toBe(words.find((w) => w.text === 'पुलिस'));
  });
});

describe('word keys', () => {
  it('fold spellings of one word together: मुम्बई/मुंबई, हिन्दी/हिंदी, ज़/ज, ऑ/ओ', () => {
    expect(wordKey('मुम्बई')).toBe(wordKey('मुंबई'));
    expect(wordKey('हिन्दी')).toBe(wordKey('हिंदी'));
    expect(wordKey('ज़िला')).toBe(wordKey('जिला'));
    expect(wordKey('डॉक्टर')).toBe(wordKey('डोक्टर'));
    expect(wordKey('दिल्ली')).toBe('दिल्ली');
    expect(wordKey('एम्स')).toBe('एंस');
  });

  it('are what the folds give on any mix of Devanagari, joiners and other letters', () => {
    const units: number[] = [0x200c, 0x200d, 0x41, 0xe9, 0x30];
    for (let c = 0x0900; c <= 0x097f; c++) units.push(c);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 8 }), (codes) => {
        const word = String.fromCharCode(...codes);
        expect(wordKey(word)).toBe(keyByFolds(word));
      }),
      { numRuns: 50000 },
    );
  });
});
