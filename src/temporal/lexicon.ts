/**
 * Word lists for temporal extraction in Hindi and English: numbers, months, weekdays, units.
 *
 * Everything here is plain data plus two helpers that turn word lists into regex alternations and
 * lookup keys. Devanagari has two encodings for nukta letters (precomposed `ड़` U+095C vs `ड` + `़`
 * U+093C; NFC even prefers the decomposed one), and news sites use both, so every word is expanded to
 * both spellings in regexes and looked up by its NFD form.
 */

/** Duration / offset units. */
export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/**
 * NFD lookup key, so precomposed and decomposed nukta spellings (and English case) find the same entry.
 */
export function key(word: string): string {
  return word.normalize('NFD').toLowerCase();
}

// Precomposed nukta letters; NFD splits them, so regexes must accept both spellings.
const NUKTA_PRECOMPOSED: [string, string][] = [
  ['\u0921\u093C', '\u095C'],
  ['\u0922\u093C', '\u095D'],
  ['\u0915\u093C', '\u0958'],
  ['\u0916\u093C', '\u0959'],
  ['\u0917\u093C', '\u095A'],
  ['\u091C\u093C', '\u095B'],
  ['\u092B\u093C', '\u095E'],
];

/** Regex-escape a word and let spaces match any run of whitespace. */
function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/**
 * Alternation source for a word list: both nukta encodings, longest first so `घंटों` wins over `घंटे`
 * prefixes and `more than` over `more`.
 */
export function alt(words: string[]): string {
  const forms = new Set<string>();
  for (const w of words) {
    const nfd = w.normalize('NFD');
    forms.add(nfd);
    let pre = nfd;
    for (const [d, p] of NUKTA_PRECOMPOSED) pre = pre.split(d).join(p);
    forms.add(pre);
  }
  return `(?:${[...forms]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|')})`;
}

/** Hindi cardinal numbers 1–100 with the spelling variants seen in news copy. */
const HI_NUMBERS: Record<string, number> = {};
// Index + 1 is the value; `/` separates spellings. One decade per line.
const HI_NUMBER_TEXT = `
एक दो तीन चार पांच/पाँच छह/छः/छ:/छै सात आठ नौ दस
ग्यारह बारह तेरह चौदह पंद्रह/पन्द्रह सोलह सत्रह अठारह/अट्ठारह उन्नीस बीस
इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस/अठाईस उनतीस तीस
इकतीस/इकत्तीस बत्तीस तैंतीस/तेंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस/उनचालीस चालीस
इकतालीस बयालीस तैंतालीस चवालीस/चौवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास
इक्यावन बावन तिरेपन/तिरपन चौवन/चौव्वन पचपन छप्पन सत्तावन अट्ठावन/अठावन उनसठ साठ
इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर
इकहत्तर बहत्तर/बहात्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी/उनासी अस्सी
इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे
इक्यानबे/इक्यानवे बानबे/बानवे तिरानबे/तिरानवे चौरानबे/चौरानवे पंचानबे/पंचानवे छियानबे/छियानवे सत्तानबे/सत्तानवे अट्ठानबे/अट्ठानवे/अठानवे निन्यानबे/निन्यानवे सौ
`;
const HI_NUMBER_LIST: [number, string][] = HI_NUMBER_TEXT.trim()
  .split(/\s+/)
  .map((w, i) => [i + 1, w.replace(/\//g, ' ')]);
for (const [n, words] of HI_NUMBER_LIST) for (const w of words.split(' ')) HI_NUMBERS[key(w)] = n;

/** Hindi fractional number words used alone (`डेढ़ घंटे` = 1.5 h). */
export const HI_FRACTIONS: Record<string, number> = { [key('डेढ़')]: 1.5, [key('डेढ')]: 1.5, [key('ढाई')]: 2.5 };
/** Hindi fraction prefixes applied to the next number (`साढ़े सात` = 7.5, `पौने नौ` = 8.75). */
export const HI_FRACTION_PREFIX: Record<string, number> = {
  [key('साढ़े')]: 0.5,
  [key('साढे')]: 0.5,
  [key('सवा')]: 0.25,
  [key('पौने')]: -0.25,
};

const EN_NUMBER_LIST = [
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen',
  'seventeen eighteen nineteen',
].join(' ');
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60 };
const EN_NUMBERS: Record<string, number> = { a: 1, an: 1, couple: 2, dozen: 12 };
EN_NUMBER_LIST.split(' ').forEach((w, i) => {
  EN_NUMBERS[w] = i;
});
for (const [w, n] of Object.entries(EN_TENS)) EN_NUMBERS[w] = n;

/** Look up a (possibly compound, `twenty-four`) number word in Hindi or English; undefined when unknown. */
export function numberWord(word: string): number | undefined {
  const k = key(word);
  if (k in HI_NUMBERS) return HI_NUMBERS[k];
  if (k in HI_FRACTIONS) return HI_FRACTIONS[k];
  const lower = word.toLowerCase();
  if (lower in EN_NUMBERS) return EN_NUMBERS[lower];
  const parts = lower.split(/[-\s]+/);
  if (parts.length === 2 && parts[0] in EN_TENS && parts[1] in EN_NUMBERS && EN_NUMBERS[parts[1]] < 10) {
    return EN_TENS[parts[0]] + EN_NUMBERS[parts[1]];
  }
  return undefined;
}

/** Regex source matching one Hindi number word (1–100). */
export const HI_NUMBER_SRC = alt(HI_NUMBER_LIST.flatMap(([, w]) => w.split(' ')));
/** Regex source matching one English number word, including `twenty-four` and `twenty four`. */
export const EN_NUMBER_SRC = `(?:(?:${alt(Object.keys(EN_TENS))})(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|${alt(
  EN_NUMBER_LIST.split(' '),
)})`;

/** Month names → month number (1–12). Short English forms take an optional dot. */
const MONTH_LIST: [number, string][] = [
  [1, 'जनवरी january jan'],
  [2, 'फरवरी फ़रवरी february feb'],
  [3, 'मार्च march mar'],
  [4, 'अप्रैल अप्रेल april apr'],
  [5, 'मई may'],
  [6, 'जून june jun'],
  [7, 'जुलाई july jul'],
  [8, 'अगस्त august aug'],
  [9, 'सितंबर सितम्बर september sept sep'],
  [10, 'अक्टूबर अक्तूबर अक्टूबर october oct'],
  [11, 'नवंबर नवम्बर november nov'],
  [12, 'दिसंबर दिसम्बर december dec'],
];
const MONTHS: Record<string, number> = {};
for (const [n, words] of MONTH_LIST) for (const w of words.split(' ')) MONTHS[key(w)] = n;
const MONTH_WORDS = MONTH_LIST.flatMap(([, w]) => w.split(' '));
// English abbreviations take an optional dot (`Nov.`); full names do not, so `24th November.` keeps the
// sentence-final dot out of the surface.
const MONTH_ABBR = MONTH_WORDS.filter((w) => /^[a-z]{3,4}$/.test(w) && w !== 'june' && w !== 'july');
/** Regex source for any month name (Hindi or English, full or abbreviated with optional dot). */
export const MONTH_SRC = `(?:${alt(MONTH_ABBR)}\\.?(?![a-z])|${alt(MONTH_WORDS.filter((w) => !MONTH_ABBR.includes(w)))})`;
/** Month number for a month name (trailing dot allowed); undefined when unknown. */
export function monthNumber(word: string): number | undefined {
  return MONTHS[key(word.replace(/\.$/, ''))];
}

/** Weekday names → JS weekday number (0 = Sunday). */
const WEEKDAY_LIST: [number, string][] = [
  [0, 'रविवार इतवार sunday'],
  [1, 'सोमवार monday'],
  [2, 'मंगलवार tuesday'],
  [3, 'बुधवार wednesday'],
  [4, 'गुरुवार बृहस्पतिवार वीरवार thursday'],
  [5, 'शुक्रवार friday'],
  [6, 'शनिवार saturday'],
];
const WEEKDAYS: Record<string, number> = {};
for (const [n, words] of WEEKDAY_LIST) for (const w of words.split(' ')) WEEKDAYS[key(w)] = n;
/** Regex source for a full weekday name (abbreviations like `Sat`/`Wed` are English verbs, so excluded). */
export const WEEKDAY_SRC = alt(WEEKDAY_LIST.flatMap(([, w]) => w.split(' ')));
/** Weekday number (0 = Sunday) for a weekday name; undefined when unknown. */
export function weekdayNumber(word: string): number | undefined {
  return WEEKDAYS[key(word)];
}

/** Unit words. Hindi oblique/plural forms are listed because news copy uses them all (`घंटे`, `घंटों`). */
const UNIT_LIST: [Unit, string][] = [
  ['second', 'सेकंड सेकेंड सेकण्ड second seconds secs sec'],
  ['minute', 'मिनट मिनटों minute minutes mins min'],
  ['hour', 'घंटे घंटा घंटों घण्टे घण्टा घण्टों hour hours hrs hr'],
  ['day', 'दिन दिनों दिवस day days'],
  ['week', 'हफ्ते हफ्ता हफ्तों हफ़्ते हफ़्ता हफ़्तों सप्ताह सप्ताहों week weeks fortnight fortnights'],
  ['month', 'महीने महीना महीनों माह month months'],
  ['year', 'साल सालों वर्ष वर्षों बरस year years'],
];
const UNITS: Record<string, Unit> = {};
for (const [u, words] of UNIT_LIST) for (const w of words.split(' ')) UNITS[key(w)] = u;
/** Regex source for any unit word. */
export const UNIT_SRC = alt(UNIT_LIST.flatMap(([, w]) => w.split(' ')));
/** Unit for a unit word; `fortnight` counts as two weeks via {@link unitMultiplier}. */
export function unitOf(word: string): Unit | undefined {
  return UNITS[key(word)];
}
/** Extra multiplier a unit word carries (`fortnight` = 2 weeks). */
export function unitMultiplier(word: string): number {
  return /^fortnights?$/i.test(word) ? 2 : 1;
}

/** Words that make a quantity approximate or a bound (`करीब`, `about`, `over`, `more than`). */
export const APPROX_PREFIX_SRC = alt([
  'करीब',
  'क़रीब',
  'करीबन',
  'लगभग',
  'तकरीबन',
  'तक़रीबन',
  'अनुमानित',
  'कम से कम',
  'कम-से-कम',
  'about',
  'around',
  'nearly',
  'almost',
  'approximately',
  'approx.',
  'roughly',
  'some',
  'over',
  'more than',
  'less than',
  'under',
  'close to',
  'up to',
  'at least',
  'just over',
  'just under',
  'well over',
  'upwards of',
]);
/** Hindi postpositional approximators (`11 घंटे से ज्यादा`, `सात बजे के आसपास`). */
export const APPROX_SUFFIX_SRC = alt([
  'से ज्यादा',
  'से ज़्यादा',
  'से अधिक',
  'से ऊपर',
  'से कम',
  'के करीब',
  'के क़रीब',
  'के आसपास',
  'के आस-पास',
]);
