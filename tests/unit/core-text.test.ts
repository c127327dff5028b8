import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpace, ownString, punctToSpace, squash } from '../../src/core/text.ts';
import { WordCache } from '../../src/entities/text.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Characters `\s` matches (and some it does not), to build strings of mixed white space.
const SPACES = [' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\u2028', '\u1680', '\ufeff'];
const OTHERS = ['a', 'अ', '।', '.', '\u200b', '\u00ad', 'x'];

describe('punctToSpace', () => {
  it('gives what replacing every run of punctuation and symbols with one space gives', () => {
    // Punctuation and symbols in several scripts, an emoji (a surrogate pair in \p{S}), lone surrogates.
    const CHARS = [
      'a',
      'अ',
      ' ',
      '.',
      ',',
      '।',
      '“',
      '’',
      '-',
      '—',
      '$',
      '+',
      '©',
      '😀',
      '\ud83d',
      '\ude00',
      '0',
      '\u0301',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(punctToSpace(s)).toBe(s.replace(/[\p{P}\p{S}]+/gu, ' '));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('collapseSpace', () => {
  it('gives what replacing every white-space run with one space gives', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SPACES, ...OTHERS), { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(collapseSpace(s)).toBe(s.replace(/\s+/gu, ' '));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves single spaces alone and folds tabs, NBSP and line ends', () => {
    expect(collapseSpace('a b  c\td\u00a0e\n\nf')).toBe('a b c d e f');
    expect(squash('  Mit\u00adtel\u00adal\u00adter \u200b ist  \n alt ')).toBe('Mittelalter ist alt');
  });
});

describe('ownString', () => {
  it('is equal to the string it copies, also for long slices of a long page', () => {
    const page = `<div class="${'story-body '.repeat(20)}">text</div>`.repeat(1000);
    const cls = page.slice(12, 12 + 200);
    expect(ownString(cls)).toBe(cls);
    expect(ownString('')).toBe('');
    expect(ownString('एम्स')).toBe('एम्स');
  });
});

describe('per-word caches', () => {
  it('do not keep alive the pages their words were cut from', () => {
    const cache = new WordCache<number>(1000);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 60; i++) {
      // A 1 MB page of its own; the cached word is a 20-character slice of it.
      const page = `${i} ${'पृष्ठ '.repeat(20)}${'x'.repeat(1_000_000)}`;
      cache.set(page.slice(0, 20), i);
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 1048576;
    // Held as slices, the 60 pages would keep about 100 MB (two-byte strings) alive.
    expect(grown).toBeLessThan(20);
    expect(cache.get(`5 ${'पृष्ठ '.repeat(20)}`.slice(0, 20))).toBe(5);
  });
});
