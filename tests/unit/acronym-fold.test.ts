/**
 * The acronym reader's fold (nukta and joiners dropped, candrabindu as anusvara) hands most words back
 * untouched without normalising them: the same result as the full fold on any string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDevanagariAcronym,
  decodeDevanagariAcronymOnce,
  foldByNormalising,
  foldForAcronym,
} from '../../src/entities/acronym.ts';

const units: number[] = [0x200c, 0x200d, 0x41, 0x20, 0xe9];
for (let c = 0x0900; c <= 0x097f; c++) units.push(c);

describe('foldForAcronym', () => {
  it('folds as NFD, the folds and NFC do, on random Devanagari with joiners and a few other characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 10 }), (codes) => {
        const word = String.fromCharCode(...codes);
        expect(foldForAcronym(word)).toBe(foldByNormalising(word));
      }),
      { numRuns: 50000 },
    );
  });

  it('decodes the same with and without the memo', () => {
    const letters = ['आई', 'एफ', 'एस', 'ओ', 'यू', 'एच', 'डी', 'बी', 'सी', 'के', 'टी', 'ज़ेड', 'कर', 'ने', 'ा'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 5 }), (parts) => {
        const word = parts.join('');
        expect(decodeDevanagariAcronymOnce(word)).toBe(decodeDevanagariAcronym(word));
      }),
      { numRuns: 5000 },
    );
    expect(decodeDevanagariAcronymOnce('यूएचआईडी')).toBe('UHID');
  });

  it('still reads nukta spellings and plain ones alike', () => {
    expect(decodeDevanagariAcronym('ज़ेड')).toBe(decodeDevanagariAcronym('जेड'));
    expect(decodeDevanagariAcronym('आईएफएसओ')).toBe('IFSO');
    expect(decodeDevanagariAcronym('टीके')).toBeUndefined();
  });
});
