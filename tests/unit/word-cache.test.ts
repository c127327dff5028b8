import { describe, expect, it } from 'vitest';
import { clearWordCaches } from '../../src/core/word-cache.ts';
import { taggerTokens } from '../../src/entities/tagger/index.ts';
import { tokenize, WordCache, wordFacts } from '../../src/entities/text.ts';

describe('WordCache (bounded per-word memo of the entity stage)', () => {
  it('keeps words in steady use across a turnover and forgets the rest', () => {
    const c = new WordCache<number>(3);
    for (const [i, w] of ['a', 'b', 'c'].entries()) c.set(w, i);
    c.set('d', 3); // young is full: a, b, c become the old generation
    expect(c.get('a')).toBe(0); // found in the old generation and moved back
    c.set('e', 4);
    c.set('f', 5); // young (d, a, e) full again: b and c are dropped
    expect(c.get('b')).toBeUndefined();
    expect(c.get('c')).toBeUndefined();
    expect(c.get('a')).toBe(0);
    expect(c.get('f')).toBe(5);
  });

  it('never holds more than twice its limit, however many words pass', () => {
    const c = new WordCache<number>(10);
    for (let i = 0; i < 10_000; i++) c.set(`w${i}`, i);
    let held = 0;
    for (let i = 0; i < 10_000; i++) if (c.get(`w${i}`) !== undefined) held++;
    expect(held).toBeLessThanOrEqual(20);
  });

  it('does not keep a word longer than any real one', () => {
    const c = new WordCache<number>(10);
    c.set('क'.repeat(500), 1);
    expect(c.get('क'.repeat(500))).toBeUndefined();
  });

  it("can all be emptied at once, the stages' own caches too (a bench round starts cold)", () => {
    const a = new WordCache<number>(10);
    const b = new WordCache<string>(10);
    a.set('x', 1);
    b.set('y', 'z');
    const before = wordFacts('मुम्बई');
    expect(wordFacts('मुम्बई')).toBe(before); // remembered
    expect(clearWordCaches()).toBeGreaterThanOrEqual(3);
    expect(a.get('x')).toBeUndefined();
    expect(b.get('y')).toBeUndefined();
    expect(a.size + b.size).toBe(0);
    // The entity stage's per-word facts are worked out afresh: an equal record, not the remembered one.
    const after = wordFacts('मुम्बई');
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });
});

describe('word facts shared by the tokenisers', () => {
  it('gives one record per Devanagari word, with its folded key', () => {
    const [a, b] = tokenize('मुम्बई मुम्बई');
    expect(a!.facts).toBe(b!.facts);
    expect(a!.key).toBe(wordFacts('मुंबई').key);
  });

  it("lets the tagger's tokens take their facts from the entity tokens of the same text", () => {
    const text = 'दिल्ली पुलिस ने बताया, "जांच जारी है।"';
    const entity = tokenize(text);
    const tagger = taggerTokens(text, entity);
    for (const t of tagger) {
      const same = entity.find((e) => e.start === t.start && e.end === t.end);
      if (same) expect(t.facts).toBe(same.facts);
    }
    expect(tagger.map((t) => t.text)).toEqual(taggerTokens(text).map((t) => t.text));
  });
});
