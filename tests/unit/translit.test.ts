/**
 * The hand-written romanisation steps against the regular expressions they replaced, which read as the
 * rules: schwa deletion over phoneme units, then one replace per IAST letter and the v → w rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isNameWord,
  isNameWordOnce,
  phoneticKey,
  romanisationSteps,
  transliterateName,
  wordNameKey,
  wordNameKeyOnce,
} from '../../src/entities/translit.ts';

// The name folds are held to their replace chains, which translit.ts keeps for words outside a–z.
const {
  deleteSchwa,
  asciiOf,
  spellingKey,
  spellingKeyByRegex: spellingKeyRef,
  wordPhonetic,
  wordPhoneticByRegex: wordPhoneticRef,
} = romanisationSteps;

const VOWEL_UNITS = new Set(['a', 'ā', 'i', 'ī', 'u', 'ū', 'ṛ', 'e', 'ai', 'o', 'au']);
function unitsRef(iast: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < iast.length; i++) {
    const c = iast[i];
    const next = iast[i + 1];
    if ((c === 'a' && (next === 'i' || next === 'u')) || ('kgcjṭḍtdpb'.includes(c) && next === 'h')) {
      out.push(c + next);
      i++;
    } else out.push(c);
  }
  return out;
}
const isVowel = (u: string | undefined) => u !== undefined && VOWEL_UNITS.has(u);
const isConsonant = (u: string | undefined) =>
  u !== undefined && !isVowel(u) && u !== 'ṃ' && u !== 'ḥ' && /\p{L}/u.test(u);
function deleteSchwaRef(iast: string): string {
  const u = unitsRef(iast);
  const n = u.length;
  const keep = u.map(() => true);
  if (n > 2 && u[n - 1] === 'a' && isConsonant(u[n - 2]) && !isConsonant(u[n - 3])) keep[n - 1] = false;
  for (let i = n - 3; i >= 2; i--) {
    if (u[i] !== 'a' || !keep[i + 2]) continue;
    if (isConsonant(u[i - 1]) && isConsonant(u[i + 1]) && isVowel(u[i + 2]) && isVowel(u[i - 2]))
      keep[i] = false;
  }
  return u.filter((_, i) => keep[i]).join('');
}
const ASCII_MAP: ReadonlyArray<[RegExp, string]> = [
  [/ṃh$/g, 'ngh'],
  [/ṃ(?=[pbm])/g, 'm'],
  [/[ṃṅñṇ]/g, 'n'],
  [/[śṣ]/g, 'sh'],
  [/c(?!h)/g, 'ch'],
  [/ā/g, 'a'],
  [/ī/g, 'i'],
  [/ū/g, 'u'],
  [/ṛ/g, 'ri'],
  [/ṭ/g, 't'],
  [/ḍ/g, 'd'],
  [/ḥ/g, 'h'],
  [/[\u0300-\u036f]/g, ''],
];
function asciiRef(iast: string): string {
  let s = iast;
  for (const [re, to] of ASCII_MAP) s = s.replace(re, to);
  return s.replace(/([aeiou])v(?=a)/g, '$1w').replace(/[^a-z]/g, '');
}

// IAST letters, the letters the rules look at next to them, combining marks, and some the rules ignore.
const LETTERS = [...'aāiīuūṛeoṃḥṅñṇśṣcchkgjṭḍtdpbmvwyrlsnhzxḷ0 \u0301\u0304\u0323A-😀'];
const iastish = fc.array(fc.constantFrom(...LETTERS), { maxLength: 14 }).map((cs) => cs.join(''));

/** `fast` gives what `reference` gives, on `runs` random inputs and on each of `cases`. */
function agrees(
  fast: (s: string) => string,
  reference: (s: string) => string,
  inputs: fc.Arbitrary<string>,
  runs: number,
  cases: string[] = [],
): void {
  fc.assert(
    fc.property(inputs, (s) => {
      expect(fast(s)).toBe(reference(s));
    }),
    { numRuns: runs },
  );
  for (const s of cases) expect(fast(s)).toBe(reference(s));
}

describe('romanisation steps', () => {
  it('delete schwas as the unit-by-unit rule does', () => {
    agrees(deleteSchwa, deleteSchwaRef, iastish, 20000);
  });

  it('spell IAST in plain ASCII as the chain of replaces does', () => {
    agrees(asciiOf, asciiRef, iastish, 20000, [
      'saṃh',
      'kaṃpa',
      'caṃcala',
      'kṛṣṇa',
      'avava',
      'jc\u0301h',
      'ṃ\u0301h',
      'ivā',
    ]);
  });

  it('romanise names as before', () => {
    expect(transliterateName('अरविंद केजरीवाल')).toBe('Arvind Kejriwal');
    expect(transliterateName('जवाहरलाल नेहरू')).toBe('Jawaharlal Nehru');
    expect(transliterateName('कृष्ण')).toBe('Krishna');
  });
});

describe('name folds', () => {
  // The letters the folds look at, often, and a few they pass over; plus, rarely, what is not a–z.
  const latin = fc
    .array(
      fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...'aeiouyhpbmwzqcdgkstrln') },
        fc.constantFrom('A', '-', 'é'),
      ),
      {
        maxLength: 12,
      },
    )
    .map((cs) => cs.join(''));

  it('key spellings as the chain of replaces does', () => {
    agrees(spellingKey, spellingKeyRef, latin, 50000, [
      'ramachandran',
      'mishraa',
      'jaiyant',
      'phoolwati',
      'vijay',
      'iyaa',
      'ayy',
      'eee',
    ]);
  });

  it('key sounds as the chain of replaces does', () => {
    agrees(wordPhonetic, wordPhoneticRef, latin, 50000, [
      'kejriwal',
      'chhaya',
      'shambhu',
      'zaheer',
      'qureshi',
      'sampath',
      'mmmy',
      'eee',
      'bhh',
    ]);
  });

  it('give a word the name key its whole transliteration has', () => {
    const units = fc.constantFrom(...'कखगजटडतदनपबमयरलवसहािीुूेैोौंः़्.()- AZ'.split(''), '\u00a0');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 9 }), (cs) => {
        const w = cs.join('');
        expect(wordNameKey(w)).toBe(phoneticKey(transliterateName(w)));
        expect(wordNameKeyOnce(w)).toBe(wordNameKey(w));
      }),
      { numRuns: 20000 },
    );
    expect(wordNameKey('केजरीवाल')).toBe(phoneticKey('Kejriwal'));
  });
});

describe('name words', () => {
  it('are told apart the same with and without the memo', () => {
    for (const w of ['अरविंद', 'केजरीवाल', 'सरकार', 'मोदी', 'एम्स', 'नई', 'AIIMS', 'राहुल'])
      expect(isNameWordOnce(w), w).toBe(isNameWord(w));
    expect(isNameWord('अरविंद')).toBe(true);
    expect(isNameWord('बताया')).toBe(false);
    const units = fc.constantFrom(...'अआकखगजटडतदनपबमयरलवसहािीुूेैोौंः्.-A'.split(''));
    fc.assert(
      fc.property(fc.array(units, { maxLength: 8 }), (cs) => {
        const w = cs.join('');
        expect(isNameWordOnce(w)).toBe(isNameWord(w));
      }),
      { numRuns: 20000 },
    );
  });
});
