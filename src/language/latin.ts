/**
 * English vs romanised Hindi for Latin-script text.
 *
 * Trigram models are useless here: romanised Hindi has no standard spelling and franc maps short
 * brand lines to Tok Pisin or Scots. Function words are what differ — `hai`, `ka`, `mein`, `gaya`
 * versus `the`, `of`, `was` — so both sides are scored lexically. Proper nouns (Delhi, Bharat,
 * Gandhi) are shared by both languages and carry no weight.
 */
import { forEachLatinWord } from './script.ts';

/** Romanised Hindi cue words. Words that are also English (`main`, `log`, `jab`) get low weights. */
const HINDI_ROMAN = `
  hai:2 hain:2 hoon:2 hu:1 hun:1 ka:1 ki:1 ke:1 ko:1 mein:1.5 me:0.4 se:1 ne:1 nahi:2 nahin:2
  nhi:2 gaya:1.5 gayi:1.5 gaye:1.5 gai:1 ho:1 kar:1 karna:1.5 karne:1.5 karein:1.5 karo:1.5
  raha:1.5 rahi:1.5 rahe:1.5 tha:1.5 thi:1.5 aur:1.5 bhi:1.5 yeh:1.5 ye:1 woh:1.5 wo:1 kya:1.5
  kyun:1.5 kyon:1.5 kaise:1.5 kab:1 kahan:1.5 hoga:1.5 hogi:1.5 honge:1.5 diya:1.5 kiya:1.5
  liya:1.5 ab:0.5 abhi:1.5 tak:1 par:0.5 pe:0.5 sab:1 sabko:1.5 bahut:1.5 bahot:1.5 kuch:1.5
  koi:1.5 kaha:1.5 bola:1 log:0.4 logon:1.5 unhone:2 unka:1.5 uska:1.5 iska:1.5 apne:1.5
  apna:1.5 apni:1.5 wala:1.5 wali:1.5 wale:1.5 jayega:1.5 jaayega:1.5 karenge:1.5 sakte:1.5
  sakta:1.5 hua:1.5 hui:1.5 hue:1.5 toh:1 ji:0.7 bhai:1 yaar:1.5 mat:0.4 mera:1.5 meri:1.5
  mere:1.5 tera:1.5 teri:1.5 humne:1.5 hum:0.5 tum:1 aap:1.5 aapko:1.5 mujhe:2 tujhe:2
  humein:1.5 baat:1 din:0.4 saal:1 dekho:1.5 dekhne:1.5 chal:0.7 chalo:1.5 chalte:1.5
  chalein:1.5 lekin:2 agar:1.5 jab:0.5 phir:1.5 fir:0.7 sirf:1.5 wahan:1.5 yahan:1.5
  pehle:1.5 baad:1.5 saath:1.5 liye:1.5 naya:1.5 nayi:1.5 hota:1.5 hoti:1.5 hote:1.5 jata:1.5
  jaata:1.5 jati:1.5 theek:1.5 thik:1.5 kal:0.7 aaj:1 aa:0.7 jao:1.5 jaa:1 pata:0.7 main:0.5
  kaun:1.5 kisi:1.5 kis:1 isko:1.5 usko:1.5 unko:1.5 inko:1.5 daam:1 wajah:1.5 sach:1
  badhiya:1.5 accha:1.5 acha:1.5 achha:1.5 kaam:1 ghar:1 paani:1 khabar:1 taaza:1 kiye:1.5
  diye:1.5 lagne:1.5 lagi:1 laga:1 chali:1 chala:1 gayi:1.5 rahenge:1.5 mareez:1 pareshan:1
  jeetega:1.5 badhega:1.5 baar:1 desh:0.7 aage:1 kanoon:1 naye:1 hoke:1.5 hokar:1.5 wahi:1.5
  aapka:1.5 aapki:1.5 aapke:1.5 hamara:1.5 humara:1.5 hamari:1.5 humari:1.5 tumhara:1.5
  tumhari:1.5 unki:1.5 unke:1.5 uski:1.5 uske:1.5 iski:1.5 iske:1.5 inka:1.5 inki:1.5 mujhko:1.5
  bilkul:1.5 sahi:1 dhanyavaad:1.5 dhanyawad:1.5 shukriya:1.5 arre:1.5 arey:1.5 haan:1.5 nahin:2
  matlab:1.5 zaroor:1.5 jaroor:1.5 zyada:1.5 jyada:1.5 thoda:1.5 kaafi:1.5 kafi:1 sabhi:1.5
`;

/** English function words and very common news/interface words. `is` and `us` are also Hindi. */
const ENGLISH = `
  the:2 a:0.7 an:1 of:1.5 to:1 in:0.7 is:0.7 are:1.5 was:1.5 were:1.5 and:1.5 for:1.5 on:1
  with:1.5 by:1 at:1 from:1.5 as:1 that:1.5 this:1.5 it:1 be:1 has:1.5 have:1.5 had:1.5
  will:1.5 would:1.5 not:1 after:1.5 over:1 its:1.5 their:1.5 said:1.5 says:1.5 his:1.5
  her:1 he:1 she:1.5 they:1.5 we:1 you:1.5 i:0.3 or:1 but:1.5 which:1.5 who:1.5 what:1.5
  how:1.5 new:1 more:1 up:0.7 into:1.5 about:1.5 than:1.5 been:1.5 can:1 could:1.5 also:1.5
  our:1.5 your:1.5 all:1 no:0.3 out:1 us:0.5 one:1 two:1 three:1 amid:1.5 under:1 against:1.5
  during:1.5 before:1 per:0.7 cent:1 today:1 now:1 here:1 read:1 watch:1 click:1 follow:1
  share:0.7 sign:1 latest:1 news:1 live:0.7 updates:1 top:0.7 photo:0.7 image:1 breaking:1
  trending:1 subscribe:1 policy:1 terms:1 use:1 rights:1 reserved:1 related:1 advertisement:1
  load:1 stories:1 weather:1 rains:1 attack:1 probe:1 fire:0.7 stock:1 market:0.7 down:0.5
  vs:0.5 story:1 opinion:1 sports:1 world:1 business:1 home:0.7 contact:1 privacy:1
`;

/**
 * English content words common in code-mixed Hindi (`server`, `hack`, `video`). They do not vote for
 * English — romanised Hindi borrows them freely — but they mark a romanised line as code-mixed.
 */
const ENGLISH_LOANS = new Set(
  `server hack hacked video social media viral police case office train trains late match phone
  school bank call share otp doctor doctors rally crypto hackers pass data leak app online website
  system update news hospital party market petrol diesel power mobile internet account password
  link message team company report court station flight ticket job jobs price cricket film movie
  down up free sir madam please sorry thanks thank ok okay good bad time`
    .split(/\s+/)
    .filter(Boolean),
);

function parseTable(table: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of table.split(/\s+/)) {
    if (!item) continue;
    const at = item.lastIndexOf(':');
    map.set(item.slice(0, at), Number(item.slice(at + 1)));
  }
  return map;
}

const HINDI_CUES = parseTable(HINDI_ROMAN);
const ENGLISH_CUES = parseTable(ENGLISH);

/** Romanised-Hindi verb endings (future, polite imperative) that English words do not have. */
const HINDI_ENDINGS = /(?:enge|engi|ega|egi|ayein|aayein|iye|iyega|kar)$/;
/** English words that happen to end like Hindi verbs. */
const HINDI_ENDING_EXCEPTIONS = new Set([
  'challenge',
  'revenge',
  'avenge',
  'omega',
  'vega',
  'bar',
  'car',
  'star',
]);

/**
 * Function words of the other Latin-script languages the detector reports (German, French, Spanish,
 * Portuguese, Italian, Dutch, Indonesian) that are not also English or romanised-Hindi words: German
 * shares `in`, `an`, `was`, `will`, `also`, `so` with English, so by English cues alone a German
 * paragraph often scored as English. Counted only in lowercase, since names (Das, De, La, Van) are
 * capitalised. A word some of these languages share (`que`, `con`, `il`) is listed under each.
 */
const OTHER_FUNCTION_WORDS_BY_LANGUAGE: Record<string, string> = {
  deu: `der das und ist nicht sich ein eine einen einem einer mit auf für von zu den dem des auch wir ich
    sie wird werden sind nach bei aus noch oder aber wie über nur dass daß kann sein zum zur im vom
    mehr durch wenn dann schon uns ihr ihre haben wurde diese dieser eines gibt sehr`,
  spa: 'el los las que del por con para una es su sus como más pero fue este esta también muy',
  fra: 'les et est du pour dans qui sur pas au avec cette sont il elle nous vous ils mais être été que',
  por: 'os dos em um uma não com ao na mais foi que',
  ita: 'della delle gli sono anche più nel alla è con una il',
  nld: 'het een van niet zijn voor op met ook maar wordt',
  ind: 'yang dan ini itu dengan untuk tidak dari dalam akan pada juga ada',
};

/** Function word → the languages it belongs to. */
const OTHER_FUNCTION_WORDS = new Map<string, string[]>();
for (const [lang, words] of Object.entries(OTHER_FUNCTION_WORDS_BY_LANGUAGE))
  for (const w of words.split(/\s+/).filter(Boolean))
    OTHER_FUNCTION_WORDS.set(w, [...(OTHER_FUNCTION_WORDS.get(w) ?? []), lang]);

/**
 * Function words of one language at least this many, and this many times those of any other: the text
 * is in that language without asking trigrams. On the paragraphs of 990 real pages that reach the
 * trigram step, this settles 69% of them and disagrees with franc on 2 of those 7,227 (franc reading
 * German as Dutch or English on short lines).
 */
const FUNCTION_WORDS_DECIDE = 5;
const FUNCTION_WORDS_LEAD = 3;

/** Lexical evidence for one Latin-script text. */
export interface LatinScores {
  hindi: number;
  english: number;
  /** English content words and English function words seen: the text contains English. */
  englishWords: number;
  /** Lowercase function words of another Latin-script language ({@link OTHER_FUNCTION_WORDS}). */
  other: number;
  /** The language those function words clearly point to (FUNCTION_WORDS_DECIDE, FUNCTION_WORDS_LEAD). */
  otherLanguage?: string;
  tokens: number;
}

/** Scores the Latin words of a text (see forEachLatinWord) for English vs romanised Hindi. */
export function scoreLatin(text: string): LatinScores {
  let hindi = 0;
  let english = 0;
  let englishWords = 0;
  let other = 0;
  let tokens = 0;
  let byLanguage: Map<string, number> | undefined;
  forEachLatinWord(text, (raw) => {
    tokens++;
    const langs = OTHER_FUNCTION_WORDS.get(raw);
    if (langs) {
      other++;
      byLanguage ??= new Map();
      for (const l of langs) byLanguage.set(l, (byLanguage.get(l) ?? 0) + 1);
    }
    const lower = raw.toLowerCase();
    const token = lower.includes("'") || lower.includes('’') ? lower.replace(/['’]s$/, '') : lower;
    const h = HINDI_CUES.get(token) ?? 0;
    const e = ENGLISH_CUES.get(token) ?? 0;
    hindi += h;
    english += e;
    if (
      e > 0 ||
      ENGLISH_LOANS.has(token) ||
      (h === 0 && /(?:ing|tion|ed|ly)$/.test(token) && token.length > 4)
    ) {
      englishWords++;
    }
    if (
      h === 0 &&
      e === 0 &&
      token.length > 4 &&
      HINDI_ENDINGS.test(token) &&
      !HINDI_ENDING_EXCEPTIONS.has(token)
    ) {
      hindi += 0.7;
    }
  });
  return { hindi, english, englishWords, other, tokens, otherLanguage: leadingLanguage(byLanguage) };
}

/** The language with FUNCTION_WORDS_DECIDE function words or more, FUNCTION_WORDS_LEAD times any other's. */
function leadingLanguage(counts: Map<string, number> | undefined): string | undefined {
  if (!counts) return undefined;
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const [lang, n] of counts) {
    if (n > first) {
      second = first;
      first = n;
      best = lang;
    } else if (n > second) second = n;
  }
  return first >= FUNCTION_WORDS_DECIDE && first >= FUNCTION_WORDS_LEAD * second ? best : undefined;
}
