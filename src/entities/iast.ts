/**
 * Devanagari → IAST for the words the entity stage romanises, one pass over the characters. It gives what
 * `Sanscript.t(prepare(word), 'devanagari', 'iast')` gives (translit.ts's nukta and candra folds, then
 * @indic-transliteration/sanscript), built from Sanscript's own tables, for the letters Hindi news is
 * written in; a word with any other character returns undefined and goes through Sanscript itself.
 * Why not only Sanscript: its general engine (any scheme to any scheme) was a tenth of the Hindi entity
 * stage, because every new Devanagari word is romanised to test it against the name list.
 * tests/unit/iast.test.ts holds the two to the same output. Pure.
 */
import Sanscript from '@indic-transliteration/sanscript';

const NUKTA = 0x093c;
const VIRAMA = 0x094d;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/** Code point → IAST of consonants (without the inherent a), vowel signs and independent vowels. */
const CONSONANT = new Map<number, string>();
const SIGN = new Map<number, string>();
const VOWEL = new Map<number, string>();
/** Marks written after a syllable: anusvara, visarga, candrabindu. */
const MARK = new Map<number, string>();

{
  const dev = Sanscript.schemes.devanagari as Record<string, Record<string, string>>;
  const iast = Sanscript.schemes.iast as Record<string, Record<string, string>>;
  const fill = (into: Map<number, string>, group: string, only?: (cp: number) => boolean) => {
    for (const [letter, roman] of Object.entries(iast[group] ?? {})) {
      const devLetter = dev[group]?.[letter] ?? letter;
      if ([...devLetter].length !== 1) continue;
      const cp = devLetter.codePointAt(0)!;
      if (!only || only(cp)) into.set(cp, roman);
    }
  };
  // The letters Hindi is written in; rarer ones (vocalic l, Dravidian e/o, the Vedic marks) go to Sanscript.
  fill(CONSONANT, 'consonants', (cp) => cp >= 0x0915 && cp <= 0x0939);
  fill(
    SIGN,
    'vowel_marks',
    (cp) => cp >= 0x093e && cp <= 0x094c && cp !== 0x0945 && cp !== 0x0949 && cp !== 0x0946 && cp !== 0x094a,
  );
  fill(
    VOWEL,
    'vowels',
    (cp) => cp >= 0x0905 && cp <= 0x0914 && ![0x090c, 0x090d, 0x090e, 0x0911, 0x0912].includes(cp),
  );
  fill(MARK, 'yogavaahas', (cp) => cp >= 0x0901 && cp <= 0x0903);
  // The nukta letters translit.ts keeps (क़ ख़ ग़ ज़ फ़), as Sanscript spells them.
  for (const cp of [0x0958, 0x0959, 0x095a, 0x095b, 0x095e])
    CONSONANT.set(cp, Sanscript.t(String.fromCodePoint(cp, VIRAMA), 'devanagari', 'iast'));
}

/** What translit.ts's prepare makes of a consonant followed by a nukta (precomposed or not). */
const WITH_NUKTA = new Map<number, number>([
  [0x0915, 0x0958],
  [0x0916, 0x0959],
  [0x0917, 0x095a],
  [0x091c, 0x095b],
  [0x092b, 0x095e],
  [0x0921, 0x0930],
  [0x0922, 0x0930],
]);
/** Precomposed nukta letters: their base (NFD), then WITH_NUKTA. */
const DECOMPOSED = new Map<number, number>([
  [0x0958, 0x0915],
  [0x0959, 0x0916],
  [0x095a, 0x0917],
  [0x095b, 0x091c],
  [0x095c, 0x0921],
  [0x095d, 0x0922],
  [0x095e, 0x092b],
  [0x095f, 0x092f],
  [0x0929, 0x0928],
  [0x0931, 0x0930],
  [0x0934, 0x0933],
]);
/** Candra vowels, folded as prepare folds them: ऑ → ओ, ॉ → ो, ॅ → े. */
const CANDRA = new Map<number, number>([
  [0x0911, 0x0913],
  [0x0949, 0x094b],
  [0x0945, 0x0947],
]);

/** `#` (Sanscript's `##` turns transliteration off and on) and `\\` (its escape): left to Sanscript. */
const SANSCRIPT_SYNTAX = [0x23, 0x5c];
/**
 * What Sanscript writes for the digits and dandas, and for printable ASCII, which it passes on (lower-cased,
 * as sanscriptIast lower-cases): tokens such as `.मांसाहारी`, `डब०` or `क-ख` went to Sanscript for them,
 * a tenth of the words romanised and most of the time spent romanising.
 */
const PASSED = new Map<number, string>([
  ...Array.from({ length: 10 }, (_, d): [number, string] => [0x0966 + d, String(d)]),
  [0x0964, '|'],
  [0x0965, '||'],
  ...Array.from({ length: 0x7f - 0x20 }, (_, k): [number, string] => [
    0x20 + k,
    String.fromCharCode(0x20 + k).toLowerCase(),
  ]).filter(([cp]) => !SANSCRIPT_SYNTAX.includes(cp)),
]);

/**
 * IAST of a Devanagari word, or undefined when it holds a character outside the table (the caller then
 * asks Sanscript).
 */
export function devanagariToIast(word: string): string | undefined {
  let out = '';
  // A consonant waiting for its vowel: the inherent a unless a sign or virama follows.
  let open = false;
  for (let i = 0; i < word.length; i++) {
    let cp = word.charCodeAt(i);
    if (cp === ZWJ || cp === ZWNJ) continue;
    cp = CANDRA.get(cp) ?? cp;
    const base = DECOMPOSED.get(cp);
    let nukta = base !== undefined;
    if (base !== undefined) cp = base;
    // The nukta marks after a letter fold into it (the first decides, the rest are dropped, as in prepare).
    while (word.charCodeAt(i + 1) === NUKTA) {
      nukta = true;
      i++;
    }
    if (nukta) cp = WITH_NUKTA.get(cp) ?? cp;
    const consonant = CONSONANT.get(cp);
    if (consonant !== undefined) {
      if (open) out += 'a';
      out += consonant;
      open = true;
      continue;
    }
    if (cp === VIRAMA) {
      if (!open) return undefined;
      open = false;
      continue;
    }
    const sign = SIGN.get(cp);
    if (sign !== undefined) {
      if (!open) return undefined;
      out += sign;
      open = false;
      continue;
    }
    if (open) {
      out += 'a';
      open = false;
    }
    const vowel = VOWEL.get(cp) ?? MARK.get(cp) ?? PASSED.get(cp);
    if (vowel === undefined) return undefined;
    out += vowel;
  }
  return open ? `${out}a` : out;
}
