/**
 * Decoding of acronyms spelt out with Devanagari letter names (आईएफएसओ → IFSO).
 *
 * Hindi news writes English acronyms by the names of their letters. Rather than listing every
 * acronym, a word is segmented (dynamic programming) into letter names; it is an acronym only if
 * the whole word segments. Ordinary words that happen to segment are guarded against below.
 */
import { plainDevanagari, WordCache } from './text.ts';

// Letter names with their common spelling variants. Keys are in the folded form produced by
// `foldForAcronym` (nukta removed, chandrabindu → anusvara), so ज़ेड and जेड are one entry.
const LETTER_NAMES: Readonly<Record<string, readonly string[]>> = {
  A: ['ए'],
  B: ['बी'],
  C: ['सी'],
  D: ['डी'],
  E: ['ई'],
  F: ['एफ'],
  G: ['जी'],
  H: ['एच', 'एच्'],
  I: ['आई', 'आइ'],
  J: ['जे'],
  K: ['के'],
  L: ['एल'],
  M: ['एम'],
  N: ['एन'],
  O: ['ओ'],
  P: ['पी'],
  Q: ['क्यू', 'क्यु'],
  R: ['आर'],
  S: ['एस'],
  T: ['टी'],
  U: ['यू', 'यु'],
  V: ['वी'],
  W: ['डब्ल्यू', 'डबल्यू', 'डब्लू', 'डबलू', 'डब्ल्यु'],
  X: ['एक्स'],
  Y: ['वाई', 'वाइ', 'वाय'],
  Z: ['जेड', 'जैड'],
};

// Letter name → Latin letter, and the longest name length to bound the DP inner loop.
const NAME_TO_LETTER = new Map<string, string>();
let MAX_NAME = 0;
for (const [letter, names] of Object.entries(LETTER_NAMES)) {
  for (const n of names) {
    NAME_TO_LETTER.set(n, letter);
    MAX_NAME = Math.max(MAX_NAME, n.length);
  }
}

/**
 * Common Hindi words that happen to decode as letters (टीके "vaccines" = T K, बीबी "wife" = B B,
 * ऐसी…). Two-letter decodes are only accepted when not in this list.
 */
const NOT_ACRONYMS = new Set([
  'बीबी',
  'बीवी',
  'सीटी',
  'टीके',
  'जीजी',
  'ओके',
  'ईजी',
  'बीजी',
  'जीजे',
  'एके',
  'केके',
  'डीडी',
  'आईए',
  'ईए',
]);

/** Nukta removed (NFD), chandrabindu folded to anusvara, zero-width joiners dropped. */
export function foldForAcronym(word: string): string {
  // Most words hold no character the folds change: given back as they are, without two normalisations.
  return plainDevanagari(word) ? word : foldByNormalising(word);
}

/** The fold as defined, every step taken (tests hold the shortcut for plain Devanagari to it). */
export function foldByNormalising(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\u093c|\u200c|\u200d/g, '')
    .replace(/\u0901/g, '\u0902')
    .normalize('NFC');
}

const cache = new WordCache<string | null>(20000);

/**
 * Decode a Devanagari word spelt with English letter names into the Latin acronym
 * (`आईएफएसओ` → `IFSO`, `यूएचआईडी` → `UHID`), or `undefined` when the word is not such an acronym.
 *
 * The whole word must segment into letter names, giving at least two letters; a two-letter
 * decode is rejected when the word is a common Hindi word (`टीके`, `बीबी`, …). Single letter names
 * (`सी`, `के`, `जी`) are never acronyms on their own.
 */
export function decodeDevanagariAcronym(word: string): string | undefined {
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const res = decode(word);
  // Bounded memo: decoding runs on every Devanagari token of every article.
  cache.set(word, res ?? null);
  return res;
}

/**
 * {@link decodeDevanagariAcronym} without its memo, for a caller that remembers the answer with the word
 * (the entity stage's word facts): a new word then costs no lookups in a memo that cannot hold it.
 */
export function decodeDevanagariAcronymOnce(word: string): string | undefined {
  return decode(word);
}

function decode(word: string): string | undefined {
  const w = foldForAcronym(word.trim());
  if (w.length < 2 || !/^[\u0900-\u097f]+$/.test(w)) return undefined;
  // best[i] = fewest-letter decoding of w.slice(0, i): longer letter names are preferred, so
  // आई is read as I rather than failing on a bare आ.
  const best: (string | undefined)[] = new Array(w.length + 1).fill(undefined);
  best[0] = '';
  for (let i = 0; i < w.length; i++) {
    const prefix = best[i];
    if (prefix === undefined) continue;
    for (let len = 1; len <= MAX_NAME && i + len <= w.length; len++) {
      const letter = NAME_TO_LETTER.get(w.slice(i, i + len));
      if (!letter) continue;
      const cand = prefix + letter;
      const cur = best[i + len];
      if (cur === undefined || cand.length < cur.length) best[i + len] = cand;
    }
  }
  const out = best[w.length];
  if (!out || out.length < 2) return undefined;
  if (out.length === 2 && NOT_ACRONYMS.has(w)) return undefined;
  return out;
}

/**
 * Acronyms that are job titles or everyday nouns rather than entities (PM, DCP, TV …). They act as
 * person cues (पीएम मोदी) and are not emitted as entities themselves.
 */
export const TITLE_ACRONYMS: ReadonlySet<string> = new Set([
  'PM',
  'CM',
  'DM',
  'SP',
  'SSP',
  'DSP',
  'SHO',
  'DCP',
  'ACP',
  'DGP',
  'IG',
  'DIG',
  'CEO',
  'MD',
  'MLA',
  'MP',
  'LG',
  'CJI',
  'IAS',
  'IPS',
  'SI',
  'ASI',
]);

/** Latin all-caps tokens that are not entities (time zones, clock, everyday words). */
export const NON_ENTITY_ACRONYMS: ReadonlySet<string> = new Set([
  'TV',
  'AC',
  'OK',
  'AM',
  'IST',
  'GMT',
  'UTC',
  'AD',
  'BC',
  'II',
  'III',
  'IV',
  'VI',
  'VII',
  'VIII',
  'IX',
  'XI',
  'XII',
  'NEWS',
  'VS',
  'SUV',
  'SIM',
  'ID',
  'ATM',
  'CCTV',
  'GPS',
  'LPG',
  'CNG',
  'EV',
  'KM',
  'KG',
  'RS',
  'INR',
  'USD',
  'GDP',
  'ICU',
  'MRI',
  'DNA',
  'HIV',
  'AI',
  'VIP',
  'NRI',
  'PPE',
  'OTT',
]);

/** Words after an unknown acronym that make it an identifier (… नंबर, … card) rather than an organisation. */
export const ID_CUES: ReadonlySet<string> = new Set(
  `नंबर नम्बर संख्या कार्ड कोड आईडी पंजीकरण रजिस्ट्रेशन सत्यापन वेरिफिकेशन विवरण प्रमाणपत्र सर्टिफिकेट
   परीक्षा एग्जाम याचिका फॉर्म फार्म दायर
   number no card code id registration verification details certificate exam examination petition
   form forms`
    .split(/\s+/)
    .filter(Boolean),
);
