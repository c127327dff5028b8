/**
 * Devanagari → plain-ASCII romanisation of names, and a loose phonetic key for matching
 * romanisations against Latin spellings (केजरीवाल ~ Kejriwal).
 */
import { readFileSync } from 'node:fs';
import Sanscript from '@indic-transliteration/sanscript';
import { WHITE_SPACE } from '../core/text.ts';
import { devanagariToIast } from './iast.ts';
import { WordCache, type WordFacts } from './text.ts';

// Nukta consonants: Sanscript handles the precomposed ones (क़ ज़ फ़) but not ड़/ढ़, which Hindi
// pronounces as flapped r; and candra o/e (ऑ, ॉ, ॅ) are not in its Devanagari table.
function prepare(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\u0915\u093c/g, '\u0958')
    .replace(/\u0916\u093c/g, '\u0959')
    .replace(/\u0917\u093c/g, '\u095a')
    .replace(/\u091c\u093c/g, '\u095b')
    .replace(/\u092b\u093c/g, '\u095e')
    .replace(/[\u0921\u0922]\u093c/g, '\u0930')
    .replace(/\u093c/g, '')
    .replace(/\u0911/g, '\u0913')
    .replace(/\u0949/g, '\u094b')
    .replace(/\u0945/g, '\u0947')
    .replace(/\u200c|\u200d/g, '');
}

/** IAST of a Devanagari word through Sanscript, after the folds above (what iast.ts's table stands in for). */
export function sanscriptIast(word: string): string {
  return Sanscript.t(prepare(word), 'devanagari', 'iast').toLowerCase();
}

/** Character codes of the Latin letters the hand-written passes below look for. */
const A = 0x61;
const B = 0x62;
const E = 0x65;
const F = 0x66;
const H = 0x68;
const I = 0x69;
const J = 0x6a;
const K = 0x6b;
const M = 0x6d;
const N = 0x6e;
const O = 0x6f;
const P = 0x70;
const Q = 0x71;
const U = 0x75;
const V = 0x76;
const W = 0x77;
const Y = 0x79;
const Z = 0x7a;

const OTHER = 0;
const VOWEL = 1;
const CONSONANT = 2;
/** The kind of a unit of one UTF-16 character, plus one (0: not asked yet): see unitKind. */
const UNIT_KINDS = new Uint8Array(65536);
const SINGLE_VOWELS = 'aāiīuūṛeo';

/** Kind of a one-character phoneme unit: a vowel, a consonant (any other letter but ṃ and ḥ), or other. */
function unitKind(c: number): number {
  let k = UNIT_KINDS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k =
      1 +
      (SINGLE_VOWELS.includes(ch)
        ? VOWEL
        : ch !== 'ṃ' && ch !== 'ḥ' && /\p{L}/u.test(ch)
          ? CONSONANT
          : OTHER);
    UNIT_KINDS[c] = k;
  }
  return k - 1;
}

/** Consonants an h after makes one aspirated unit: k g c j ṭ ḍ t d p b. */
const ASPIRABLE = new Set([...'kgcjṭḍtdpb'].map((c) => c.charCodeAt(0)));

// Per phoneme unit of the word being read: where it starts, its kind, whether it is a lone a, and whether
// it is dropped. Grown as needed, never shrunk (words are short).
let unitStart = new Int32Array(64);
let unitKindOf = new Uint8Array(64);
let unitIsA = new Uint8Array(64);
let unitDrop = new Uint8Array(64);

/**
 * Hindi schwa deletion on an IAST word: the inherent `a` is silent word-finally after a single
 * consonant (कुमार → kumār, but गुप्त → gupta) and in a V C _a_ C V context (केजरीवाल → kejrīvāl,
 * अरविंद → arvind). Read over phoneme units (an aspirated consonant, ai and au are one unit), by character
 * code, without a string per unit: tests/unit/translit.test.ts holds it to the unit-by-unit rule.
 */
function deleteSchwa(iast: string): string {
  const len = iast.length;
  if (unitStart.length <= len) {
    const size = 2 * (len + 1);
    unitStart = new Int32Array(size);
    unitKindOf = new Uint8Array(size);
    unitIsA = new Uint8Array(size);
    unitDrop = new Uint8Array(size);
  }
  let n = 0;
  for (let i = 0; i < len; i++, n++) {
    const c = iast.charCodeAt(i);
    const next = i + 1 < len ? iast.charCodeAt(i + 1) : -1;
    unitStart[n] = i;
    unitDrop[n] = 0;
    unitIsA[n] = 0;
    if (c === A && (next === I || next === U)) {
      unitKindOf[n] = VOWEL;
      i++;
    } else if (next === H && ASPIRABLE.has(c)) {
      unitKindOf[n] = CONSONANT;
      i++;
    } else {
      unitKindOf[n] = unitKind(c);
      unitIsA[n] = c === A ? 1 : 0;
    }
  }
  unitStart[n] = len;
  const kind = unitKindOf;
  let dropped = false;
  if (n > 2 && unitIsA[n - 1] && kind[n - 2] === CONSONANT && kind[n - 3] !== CONSONANT) {
    unitDrop[n - 1] = 1;
    dropped = true;
  }
  for (let i = n - 3; i >= 2; i--) {
    if (!unitIsA[i] || unitDrop[i + 2]) continue;
    if (
      kind[i - 1] === CONSONANT &&
      kind[i + 1] === CONSONANT &&
      kind[i + 2] === VOWEL &&
      kind[i - 2] === VOWEL
    ) {
      unitDrop[i] = 1;
      dropped = true;
    }
  }
  if (!dropped) return iast;
  // A dropped unit is one character (a lone a): the word is its pieces between them.
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    if (!unitDrop[i]) continue;
    out += iast.slice(from, unitStart[i]);
    from = unitStart[i]! + 1;
  }
  return out + iast.slice(from);
}

/** Plain-ASCII spellings of IAST letters (ṃ and c depend on the next letter: see asciiOf). */
const ASCII_OF: Readonly<Record<string, string>> = {
  ṅ: 'n',
  ñ: 'n',
  ṇ: 'n',
  ś: 'sh',
  ṣ: 'sh',
  ā: 'a',
  ī: 'i',
  ū: 'u',
  ṛ: 'ri',
  ṭ: 't',
  ḍ: 'd',
  ḥ: 'h',
};

/**
 * An IAST word in plain lowercase ASCII, in two passes over its characters: ṃ as ngh at the end before h,
 * m before p, b or m, else n; ś ṣ as sh; c not before h as ch; long vowels, ṛ and the retroflexes plain;
 * combining marks dropped. Then v between a vowel and a as w (केजरीवाल → Kejriwal, जवाहर → Jawahar),
 * judged before what is not a-z is dropped. tests/unit/translit.test.ts holds it to the regex chain it
 * replaces (one replace per rule: a fifth of romanising a word).
 */
function asciiOf(iast: string): string {
  let s = '';
  const n = iast.length;
  for (let i = 0; i < n; i++) {
    const c = iast[i];
    const next = iast[i + 1];
    if (c === 'ṃ') {
      if (next === 'h' && i + 2 === n) {
        s += 'ngh';
        i++;
      } else s += next === 'p' || next === 'b' || next === 'm' ? 'm' : 'n';
    } else if (c === 'c') s += next === 'h' ? 'c' : 'ch';
    else {
      const code = c.charCodeAt(0);
      if (code >= 0x300 && code <= 0x36f) continue;
      s += ASCII_OF[c] ?? c;
    }
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === 'v' && s[i + 1] === 'a' && 'aeiou'.includes(s[i - 1] || '_')) out += 'w';
    else if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

const wordCache = new WordCache<string>(20000);

// Letter names used as initials (एम श्रीनिवास → M Srinivas) are written as the bare letter.
const INITIALS: Readonly<Record<string, string>> = {
  एम: 'm',
  एस: 's',
  के: 'k',
  वी: 'v',
  जे: 'j',
  पी: 'p',
  डी: 'd',
  आर: 'r',
  बी: 'b',
  सी: 'c',
  एन: 'n',
  जी: 'g',
  एल: 'l',
  टी: 't',
  ए: 'a',
};

// Established Latin spellings that rule-based romanisation gets wrong (वर्मा is Verma, not Varma).
const SPELLINGS: Readonly<Record<string, string>> = {
  वर्मा: 'verma',
  सक्सेना: 'saxena',
  चौधरी: 'chaudhary',
  मोहम्मद: 'mohammad',
  मुहम्मद: 'muhammad',
  लक्ष्मी: 'laxmi',
  शेख: 'sheikh',
  सिद्धू: 'sidhu',
  ढिल्लों: 'dhillon',
  चटर्जी: 'chatterjee',
  बनर्जी: 'banerjee',
  मुखर्जी: 'mukherjee',
  रेड्डी: 'reddy',
  चौहान: 'chauhan',
  राठौर: 'rathore',
  कौर: 'kaur',
  राव: 'rao',
};

/** Romanise one Devanagari word to plain lowercase ASCII. */
function romaniseWord(word: string): string {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const out = INITIALS[word] ?? SPELLINGS[word] ?? romanise(word);
  wordCache.set(word, out);
  return out;
}

function romanise(word: string): string {
  return asciiOf(deleteSchwa(devanagariToIast(word) ?? sanscriptIast(word)));
}

/** The romanisation steps and name folds, for tests: schwa deletion, plain ASCII, spelling and phonetic keys. */
export const romanisationSteps = {
  deleteSchwa,
  asciiOf,
  spellingKey,
  spellingKeyByRegex,
  wordPhonetic,
  wordPhoneticByRegex,
};

/**
 * Conventional Latin spellings of Indian name words (names-latin.txt), indexed by a key blind to the
 * inherent vowel: romanisation cannot know whether रामचंद्रन keeps its `a` (Ramachandran in Tamil Nadu,
 * Ramchandra in Bihar), but the spelling papers use can be looked up. Loaded on first use.
 */
let nameIndex: Map<string, ListedName[]> | undefined;

/** A listed spelling and its spellingKey (computed once, not at every lookup). */
interface ListedName {
  name: string;
  key: string;
}

/** Spelling folds that never change a name: ee/i, oo/u, w/v, doubled letters, y/ia endings. */
function spellingKey(word: string): string {
  // In order: ee → i, oo → u, w → v, ph → f, iy before a → i, ay → ai, a final y → i, runs of a letter as one.
  let n = toCodes(word);
  if (n < 0) return spellingKeyByRegex(word);
  n = pairToOne(n, E, E, I);
  n = pairToOne(n, O, O, U);
  oneToOne(n, W, V);
  n = pairToOne(n, P, H, F);
  n = iyBeforeA(n);
  n = pairToOne(n, A, Y, -1);
  if (n > 0 && codes[n - 1] === Y) codes[n - 1] = I;
  return fromCodes(collapseRuns(n));
}

/** {@link spellingKey} as the replaces that define it, for words with a character outside a–z. */
function spellingKeyByRegex(word: string): string {
  return word
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/iy(?=a)/g, 'i')
    .replace(/ay/g, 'ai')
    .replace(/y$/, 'i')
    .replace(/([a-z])\1+/g, '$1');
}

// The name folds (spellingKey, wordPhonetic) as passes over the word's letters in a scratch array: each
// was a chain of eight to eleven regex replaces, run for every new word the rules look at. Each pass does
// what its replace does (left to right, matches not overlapping) on a word of a–z letters only;
// tests/unit/translit.test.ts holds both to the replaces.
let codes = new Uint8Array(64);

/** Copy the word's letters into `codes`; -1 when it holds anything but a–z. */
function toCodes(word: string): number {
  const n = word.length;
  if (codes.length < n) codes = new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c < A || c > Z) return -1;
    codes[i] = c;
  }
  return n;
}

function fromCodes(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(codes[i]!);
  return out;
}

/** Every `xy` as `to` (-1: as `x` followed by i, the ay → ai fold). */
function pairToOne(n: number, x: number, y: number, to: number): number {
  let out = 0;
  for (let i = 0; i < n; ) {
    if (codes[i] === x && i + 1 < n && codes[i + 1] === y) {
      if (to < 0) {
        codes[out++] = x;
        codes[out++] = I;
      } else codes[out++] = to;
      i += 2;
    } else codes[out++] = codes[i++]!;
  }
  return out;
}

function oneToOne(n: number, x: number, to: number): void {
  for (let i = 0; i < n; i++) if (codes[i] === x) codes[i] = to;
}

/** `iy` before an a as i (the a stays). */
function iyBeforeA(n: number): number {
  let out = 0;
  for (let i = 0; i < n; ) {
    if (codes[i] === I && codes[i + 1] === Y && i + 2 < n && codes[i + 2] === A) {
      codes[out++] = I;
      i += 2;
    } else codes[out++] = codes[i++]!;
  }
  return out;
}

/** An h after b c d g j k l m n p r s t v z dropped. */
function dropAspiration(n: number): number {
  let out = 0;
  for (let i = 0; i < n; ) {
    const c = codes[i]!;
    codes[out++] = c;
    i += i + 1 < n && codes[i + 1] === H && ASPIRATED.has(c) ? 2 : 1;
  }
  return out;
}
const ASPIRATED = new Set([...'bcdgjklmnprstvz'].map((c) => c.charCodeAt(0)));

/** m before p or b as n. */
function nasalBeforeLabial(n: number): void {
  for (let i = 0; i + 1 < n; i++)
    if (codes[i] === M && (codes[i + 1] === P || codes[i + 1] === B)) codes[i] = N;
}

/** A run of one letter as that letter once. */
function collapseRuns(n: number): number {
  let out = 0;
  for (let i = 0; i < n; i++) if (out === 0 || codes[out - 1] !== codes[i]) codes[out++] = codes[i]!;
  return out;
}

/** A spellingKey without medial a's: the vowel romanisation cannot know (Ramchandran ~ Ramachandran). */
function schwaBlind(k: string): string {
  return k.length < 3 ? k : k.charAt(0) + k.slice(1, -1).replace(/a/g, '') + k.charAt(k.length - 1);
}

function loadNameIndex(): Map<string, ListedName[]> {
  const index = new Map<string, ListedName[]>();
  const text = readFileSync(new URL('./names-latin.txt', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    const name = line.trim().toLowerCase();
    if (!/^[a-z]{3,}$/.test(name)) continue;
    const key = spellingKey(name);
    const k = schwaBlind(key);
    const list = index.get(k) ?? [];
    list.push({ name, key });
    index.set(k, list);
  }
  return index;
}

/**
 * A romanised word's listed spellings: `exact` agrees with it up to spelling folds (the word itself when
 * listed), `only` is the one listed spelling that agrees up to medial a's, when there is just one.
 * Remembered per word (bounded): the checks run on every token.
 */
interface NameMatch {
  exact?: string;
  only?: string;
}
const nameMatches = new WordCache<NameMatch>(20000);

function nameMatch(word: string): NameMatch {
  let m = nameMatches.get(word);
  if (m === undefined) {
    m = matchName(word);
    nameMatches.set(word, m);
  }
  return m;
}

/** {@link nameMatch} without its memo. */
function matchName(word: string): NameMatch {
  const m: NameMatch = {};
  if (/^[a-z]{3,}$/.test(word)) {
    nameIndex ??= loadNameIndex();
    const key = spellingKey(word);
    const candidates = nameIndex.get(schwaBlind(key)) ?? [];
    m.exact = candidates.some((c) => c.name === word) ? word : candidates.find((c) => c.key === key)?.name;
    if (candidates.length === 1) m.only = candidates[0].name;
  }
  return m;
}

/** The conventional spelling of a romanised name word: its listed spelling, else the word itself. */
function conventionalSpelling(romanised: string): string {
  const m = nameMatch(romanised);
  return m.exact ?? m.only ?? romanised;
}

/** Whether a Latin word is a listed Indian given name or surname (names-latin.txt), up to spelling folds. */
export function isListedName(word: string): boolean {
  return nameMatch(word.toLowerCase()).exact !== undefined;
}

/** Longer than any listed name word (the longest in names-latin.txt has 15 letters). */
const MAX_NAME_WORD_CHARS = 40;

/** Whether a Devanagari word is spelled like a listed Indian given name or surname (names-latin.txt). */
export function isNameWord(word: string): boolean {
  if (!mayBeNameWord(word)) return false;
  let yes = nameWords.get(word);
  if (yes === undefined) {
    yes = spelledLikeName(word);
    nameWords.set(word, yes);
  }
  return yes;
}

/**
 * {@link isNameWord} without its memo, for a caller that remembers the answer with the word (the entity
 * stage's word facts): a new word then costs no lookups in memos that cannot hold it.
 */
export function isNameWordOnce(word: string): boolean {
  return mayBeNameWord(word) && spelledLikeName(word);
}

/** Devanagari and no longer than a listed name word; anything else is answered without romanising. */
function mayBeNameWord(word: string): boolean {
  // No listed name word is this long; romanising a megabyte "word" (a mangled og:title read as text) took
  // 4 s of one fuzz input (seed 2026, #5318) for the same answer.
  return word.length <= MAX_NAME_WORD_CHARS && /[\u0900-\u097f]/.test(word);
}

/**
 * isNameWord of a word, remembered in its facts when it has them (the entity stage's per-word memo), else
 * asked of isNameWord's own memo.
 */
export function nameWordOf(word: string, facts: WordFacts | undefined): boolean {
  if (!facts) return isNameWord(word);
  facts.nameWord ??= isNameWordOnce(word);
  return facts.nameWord;
}

function spelledLikeName(word: string): boolean {
  // Not through nameMatch's memo: two words seldom romanise alike, and the callers remember the word.
  const m = matchName(romaniseWord(word));
  return (m.exact ?? m.only) !== undefined;
}
// isNameWord's answers: the rules and the tagger's features ask it of every Devanagari token.
const nameWords = new WordCache<boolean>(20000);

/**
 * Romanise a Devanagari name to title-cased plain ASCII: `अरविंद केजरीवाल` → `Arvind Kejriwal`.
 * Latin words in the input are kept as they are. `person`: spell each word as papers spell Indian
 * names (`नारायणन` → `Narayanan`, not `Naraynan`).
 */
export function transliterateName(name: string, options: { person?: boolean } = {}): string {
  return name
    .split(/[\s\u00a0]+/)
    .filter(Boolean)
    .map((w) => {
      const clean = w.replace(/[.()]/g, '');
      let r = clean;
      if (/[\u0900-\u097f]/.test(clean)) {
        r = romaniseWord(clean);
        if (options.person && r.length >= 3 && !INITIALS[clean]) r = conventionalSpelling(r);
      }
      return r.charAt(0).toUpperCase() + r.slice(1);
    })
    .filter(Boolean)
    .join(' ');
}

/**
 * Loose phonetic key of a Latin-script name, so that different romanisations compare equal:
 * case, spaces, doubled letters, aspiration (h after a consonant), w/v, ee/i, oo/u, e/a, final y
 * are all folded. `Arvind Kejriwal` and `Aravind Kejarival` share a key.
 */
/** `phoneticKey(transliterateName(word))` for one word, remembered (a bounded cache, like the words'). */
export function wordNameKey(word: string): string {
  let k = nameKeyCache.get(word);
  if (k === undefined) {
    k = wordNameKeyOnce(word);
    nameKeyCache.set(word, k);
  }
  return k;
}

/**
 * {@link wordNameKey} without its memo, for a caller that remembers the key with the word (the entity
 * stage's word facts): a new word then costs no lookups in a memo that cannot hold it.
 */
export function wordNameKeyOnce(word: string): string {
  // Not through phoneticKey's memo: the callers remember the word, and a lookup of the new Latin string
  // there (hashing it, a miss in two generations) cost more than computing its key. A token (one
  // Devanagari word) romanises to a–z alone, whose key is its wordPhonetic: the split, case and join of
  // transliterateName and computePhoneticKey change nothing there.
  return oneDevanagariWord(word)
    ? wordPhonetic(romaniseWord(NAME_MARKS.test(word) ? word.replace(NAME_MARKS_G, '') : word))
    : computePhoneticKey(transliterateName(word));
}
const nameKeyCache = new WordCache<string>(20000);
/** No white space, and a Devanagari letter: transliterateName romanises such a word whole. */
function oneDevanagariWord(word: string): boolean {
  let deva = false;
  for (let i = 0; i < word.length; i++) {
    // White space as transliterateName splits on it (`\s`, which takes in the no-break space).
    if (WHITE_SPACE.unitsAt(word, i) > 0) return false;
    const c = word.charCodeAt(i);
    if (c >= 0x0900 && c <= 0x097f) deva = true;
  }
  return deva;
}
/** What transliterateName strips from a word before romanising it. */
const NAME_MARKS = /[.()]/;
const NAME_MARKS_G = /[.()]/g;

export function phoneticKey(latin: string): string {
  let k = phoneticKeys.get(latin);
  if (k === undefined) {
    k = computePhoneticKey(latin);
    phoneticKeys.set(latin, k);
  }
  return k;
}

function computePhoneticKey(latin: string): string {
  // Folded word by word so that an h starting one word is not read as aspiration of the last.
  return latin
    .toLowerCase()
    .normalize('NFD')
    .split(/[^a-z]+/)
    .map(wordPhonetic)
    .join('');
}
// Remembered (bounded): every person and place a rule or the tagger finds is keyed, and names recur.
const phoneticKeys = new WordCache<string>(20000);

function wordPhonetic(w: string): string {
  // In order: a final y → i, ee → i, oo → u, ph → f, h after a consonant dropped, w → v, z → j, q → k,
  // e → a, m before p or b → n, runs of a letter as one.
  let n = toCodes(w);
  if (n < 0) return wordPhoneticByRegex(w);
  if (n > 0 && codes[n - 1] === Y) codes[n - 1] = I;
  n = pairToOne(n, E, E, I);
  n = pairToOne(n, O, O, U);
  n = pairToOne(n, P, H, F);
  n = dropAspiration(n);
  oneToOne(n, W, V);
  oneToOne(n, Z, J);
  oneToOne(n, Q, K);
  oneToOne(n, E, A);
  nasalBeforeLabial(n);
  return fromCodes(collapseRuns(n));
}

/** {@link wordPhonetic} as the replaces that define it, for words with a character outside a–z. */
function wordPhoneticByRegex(w: string): string {
  return w
    .replace(/y$/, 'i')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/ph/g, 'f')
    .replace(/([bcdgjklmnprstvz])h/g, '$1')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/e/g, 'a')
    .replace(/m(?=[pb])/g, 'n')
    .replace(/([a-z])\1+/g, '$1');
}
