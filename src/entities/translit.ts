/**
 * Devanagari → plain-ASCII romanisation of names, and a loose phonetic key for matching
 * romanisations against Latin spellings (केजरीवाल ~ Kejriwal).
 */
import { readFileSync } from 'node:fs';
import Sanscript from '@indic-transliteration/sanscript';
import { devanagariToIast } from './iast.ts';
import { WordCache } from './text.ts';

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

const VOWEL_UNITS = new Set(['a', 'ā', 'i', 'ī', 'u', 'ū', 'ṛ', 'e', 'ai', 'o', 'au']);
const ASPIRABLE = 'kgcjṭḍtdpb';

/** Split an IAST word into phoneme units (aspirated consonants and ai/au are one unit). */
function units(iast: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < iast.length; i++) {
    const c = iast[i];
    const next = iast[i + 1];
    if ((c === 'a' && (next === 'i' || next === 'u')) || (ASPIRABLE.includes(c) && next === 'h')) {
      out.push(c + next);
      i++;
    } else out.push(c);
  }
  return out;
}

const isVowel = (u: string | undefined): boolean => u !== undefined && VOWEL_UNITS.has(u);
const isConsonant = (u: string | undefined): boolean =>
  u !== undefined && !isVowel(u) && u !== 'ṃ' && u !== 'ḥ' && /\p{L}/u.test(u);

/**
 * Hindi schwa deletion on an IAST word: the inherent `a` is silent word-finally after a single
 * consonant (कुमार → kumār, but गुप्त → gupta) and in a V C _a_ C V context (केजरीवाल → kejrīvāl,
 * अरविंद → arvind).
 */
function deleteSchwa(iast: string): string {
  const u = units(iast);
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
  let s = deleteSchwa(devanagariToIast(word) ?? sanscriptIast(word));
  for (const [re, to] of ASCII_MAP) s = s.replace(re, to);
  // v between vowels before a is usually spelt w in Latin (केजरीवाल → Kejriwal, जवाहर → Jawahar).
  s = s.replace(/([aeiou])v(?=a)/g, '$1w');
  return s.replace(/[^a-z]/g, '');
}

/**
 * Conventional Latin spellings of Indian name words (names-latin.txt), indexed by a key blind to the
 * inherent vowel: romanisation cannot know whether रामचंद्रन keeps its `a` (Ramachandran in Tamil Nadu,
 * Ramchandra in Bihar), but the spelling papers use can be looked up. Loaded on first use.
 */
let nameIndex: Map<string, string[]> | undefined;

/** Spelling folds that never change a name: ee/i, oo/u, w/v, doubled letters, y/ia endings. */
function spellingKey(word: string): string {
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

/** `spellingKey` without medial a's: the vowel romanisation cannot know (Ramchandran ~ Ramachandran). */
function schwaBlind(word: string): string {
  const k = spellingKey(word);
  return k.length < 3 ? k : k.charAt(0) + k.slice(1, -1).replace(/a/g, '') + k.charAt(k.length - 1);
}

function loadNameIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const text = readFileSync(new URL('./names-latin.txt', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    const name = line.trim().toLowerCase();
    if (!/^[a-z]{3,}$/.test(name)) continue;
    const k = schwaBlind(name);
    const list = index.get(k) ?? [];
    list.push(name);
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
    m = {};
    if (/^[a-z]{3,}$/.test(word)) {
      nameIndex ??= loadNameIndex();
      const candidates = nameIndex.get(schwaBlind(word)) ?? [];
      const key = spellingKey(word);
      m.exact = candidates.includes(word) ? word : candidates.find((c) => spellingKey(c) === key);
      if (candidates.length === 1) m.only = candidates[0];
    }
    nameMatches.set(word, m);
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
  // No listed name word is this long; romanising a megabyte "word" (a mangled og:title read as text) took
  // 4 s of one fuzz input (seed 2026, #5318) for the same answer.
  if (word.length > MAX_NAME_WORD_CHARS) return false;
  if (!/[\u0900-\u097f]/.test(word)) return false;
  let yes = nameWords.get(word);
  if (yes === undefined) {
    const m = nameMatch(romaniseWord(word));
    yes = (m.exact ?? m.only) !== undefined;
    nameWords.set(word, yes);
  }
  return yes;
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
    k = phoneticKey(transliterateName(word));
    nameKeyCache.set(word, k);
  }
  return k;
}
const nameKeyCache = new WordCache<string>(20000);

export function phoneticKey(latin: string): string {
  let k = phoneticKeys.get(latin);
  if (k === undefined) {
    // Folded word by word so that an h starting one word is not read as aspiration of the last.
    k = latin
      .toLowerCase()
      .normalize('NFD')
      .split(/[^a-z]+/)
      .map(wordPhonetic)
      .join('');
    phoneticKeys.set(latin, k);
  }
  return k;
}
// Remembered (bounded): every person and place a rule or the tagger finds is keyed, and names recur.
const phoneticKeys = new WordCache<string>(20000);

function wordPhonetic(w: string): string {
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
