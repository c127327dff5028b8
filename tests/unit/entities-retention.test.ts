import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/entities/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A word of its own for each `k` (letters for its digits, and one the per-word caches remember: not
 * ASCII), so no two articles share it. */
const wordFor = (k: number): string => `Peñ${[...String(k)].map((d) => 'abcdefghij'[Number(d)]).join('')}`;

describe('entity stage memory', () => {
  it('keeps no article alive through the aliases it learned', () => {
    // One article: a name whose acronym it defines (a learned alias), and 1 MB of text after it.
    const article = (k: number) => {
      const text = `The Sundarpur Rural Development Board (SRDB) met ${wordFor(k)} on Monday. ${' '.repeat(1_000_000)}.`;
      return extractEntities({ title: '', paragraphs: [{ text, lang: 'eng' }] });
    };
    // The acronym is learned from the text, or this test tests nothing.
    expect(article(0).find((e) => e.canonical === 'SRDB')?.aliases).toContain(
      'Sundarpur Rural Development Board',
    );
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 1; k <= 40; k++) article(k);
    gc();
    // 40 articles of 1 MB each: 40 MB held if the per-word caches kept them.
    expect((process.memoryUsage().heapUsed - before) / 1048576).toBeLessThan(10);
  });
});
