/**
 * The one-pass Devanagari → IAST table (src/entities/iast.ts) against the library it stands in for:
 * Sanscript after translit.ts's nukta and candra folds. Same output on every word of the seed story and the
 * Hindi dev texts, on 200,000 random strings of Devanagari code points and printable ASCII, and a word it does not cover is
 * handed back (undefined), never guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devanagariToIast } from '../../src/entities/iast.ts';
import { sanscriptIast } from '../../src/entities/translit.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function fixtureWords(): Set<string> {
  const texts = [readFileSync(join(FIXTURES, 'etv-aiims-hi.txt'), 'utf8')];
  for (const f of readdirSync(join(FIXTURES, 'nlp')))
    texts.push(readFileSync(join(FIXTURES, 'nlp', f), 'utf8'));
  const words = new Set<string>();
  for (const t of texts)
    for (const w of t.match(/[\u0900-\u0963\u0970-\u097f\u200c\u200d]+/g) ?? []) words.add(w);
  return words;
}

describe('Devanagari → IAST table', () => {
  it('spells every Devanagari word of the fixtures as Sanscript does', () => {
    const words = fixtureWords();
    expect(words.size).toBeGreaterThan(1000);
    let covered = 0;
    for (const w of words) {
      const fast = devanagariToIast(w);
      if (fast === undefined) continue;
      covered++;
      expect(fast, w).toBe(sanscriptIast(w));
    }
    // The table is for the common case: nearly every real word goes through it.
    expect(covered / words.size).toBeGreaterThan(0.97);
  });

  it('agrees with Sanscript on 200,000 random strings of Devanagari, or hands the word back', () => {
    const alphabet: number[] = [0x200c, 0x200d];
    for (let c = 0x0900; c <= 0x097f; c++) alphabet.push(c);
    // Printable ASCII (punctuation and digits inside HiNER-style tokens, Latin letters), twice as often.
    for (let c = 0x20; c < 0x7f; c += 1) alphabet.push(c, c);
    let seed = 20261205;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let covered = 0;
    for (let k = 0; k < 200_000; k++) {
      const n = 1 + Math.floor(next() * 7);
      let w = '';
      for (let j = 0; j < n; j++) w += String.fromCharCode(alphabet[Math.floor(next() * alphabet.length)]!);
      const fast = devanagariToIast(w);
      if (fast === undefined) continue;
      covered++;
      if (fast !== sanscriptIast(w))
        expect(fast, [...w].map((c) => c.codePointAt(0)!.toString(16)).join(' ')).toBe(sanscriptIast(w));
    }
    expect(covered).toBeGreaterThan(20_000);
  });

  it('spells nukta letters, candra vowels and joiners as the folds do', () => {
    expect(devanagariToIast('क़ानून')).toBe('qānūna');
    expect(devanagariToIast('क\u093cानून')).toBe('qānūna');
    expect(devanagariToIast('पहाड़')).toBe('pahāra');
    expect(devanagariToIast('डॉक्टर')).toBe('ḍokṭara');
    expect(devanagariToIast('राज\u200dस्थान')).toBe('rājasthāna');
    expect(devanagariToIast('संवाद')).toBe('saṃvāda');
    // Digits, dandas and ASCII as Sanscript writes them, a consonant before them keeping its a.
    expect(devanagariToIast('डब०')).toBe('ḍaba0');
    expect(devanagariToIast('.मांसाहारी')).toBe('.māṃsāhārī');
    expect(devanagariToIast('क-ख')).toBe('ka-kha');
    expect(devanagariToIast('है।')).toBe('hai|');
    expect(devanagariToIast('AIIMS')).toBe('aiims');
    // Outside the table: Sanscript's own syntax (`##`), other scripts, a sign with no consonant.
    expect(devanagariToIast('क##ख')).toBeUndefined();
    expect(devanagariToIast('कé')).toBeUndefined();
    expect(devanagariToIast('ा')).toBeUndefined();
  });
});
