/**
 * High-precision lexical cues for telling Hindi, Marathi and Nepali apart in Devanagari text.
 *
 * Character trigrams (franc) need a few dozen letters before they separate these closely related
 * languages; a single function word such as `है`, `आहे` or `छ` settles a headline. Weights express
 * how exclusive a cue is: 2 means "practically never seen in the other two languages in news text",
 * fractions mark words that are shared (Hindi `को` is also Nepali "who"; Marathi `तो` is also the
 * Hindi particle). Keys are normalised with {@link normalizeDevaToken} when the tables are built, so
 * they may be written with nukta or chandrabindu.
 */

/** Languages decided among for Devanagari text. Bhojpuri, Maithili etc. are folded into Hindi. */
export type DevaLang = 'hin' | 'mar' | 'nep';

/** Per-language weights of one cue. */
export type CueWeights = Partial<Record<DevaLang, number>>;

/**
 * Normalises a Devanagari token for lookup: drops ZWJ/ZWNJ (Nepali `गर्‍यो` is typed both ways),
 * nukta (Hindi news spells `पढ़ें` and `पढें`), and maps chandrabindu to anusvara (`यहाँ` / `यहां`).
 */
export function normalizeDevaToken(token: string): string {
  // Most tokens hold none of these characters: returned as they are, without a new string built.
  let i = 0;
  while (i < token.length && !changesInKey(token.charCodeAt(i))) i++;
  if (i === token.length) return token;
  let out = token.slice(0, i);
  for (; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 0x200c || c === 0x200d || c === 0x093c) continue;
    if (c === 0x0901) {
      out += '\u0902';
    } else if (c >= 0x0958 && c <= 0x095f) {
      // Precomposed nukta letters (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़) map to their base consonants.
      out += '\u0915\u0916\u0917\u091c\u0921\u0922\u092b\u092f'[c - 0x0958];
    } else {
      out += token[i];
    }
  }
  return out;
}

/** A character normalizeDevaToken drops or replaces. */
const changesInKey = (c: number): boolean =>
  c === 0x200c || c === 0x200d || c === 0x093c || c === 0x0901 || (c >= 0x0958 && c <= 0x095f);

const HIN_WORDS = `
  है:2 हैं:2 था:2 थी:2 थे:2 थीं:2 का:0.8 की:0.8 के:1 में:2 से:1.5 ने:1 को:0.6
  पर:0.8 और:2 यह:2 वह:2 नहीं:2 गया:1.5 गई:1.5 गयी:1.5 गए:0.6 किया:1.5 कहा:1.5
  रहा:1.5 रही:1.5 रहे:0.8 लिए:1.2 लिया:1.5 साथ:1 बाद:1 भी:1.5 तक:1.5 जो:0.5 कि:0.3
  हुआ:2 हुई:2 हुए:2 होगा:2 होगी:2 होंगे:2 जाएगा:2 जाएगी:2 लेकिन:2 दिया:1.5 दी:0.6
  सकते:1.5 सकता:1.5 सकती:1.5 वाले:1 वाली:1 वाला:1 अपने:1.5 अपनी:1.5 अपना:1.5
  उन्होंने:2 इस:0.8 उस:1 इन:0.8 उन:0.5 किसी:1.5 कुछ:1.5 मामले:1 बताया:2 दौरान:1.5
  ये:1.5 वो:1.5 क्या:2 क्यों:2 कैसे:2 कब:1.5 यहां:1.5 वहां:1.5 हम:1 आप:0.6 मैं:2
  हूं:2 जब:1.5 तब:1 बीच:1 ओर:1 द्वारा:1.5 सबसे:1.5 बहुत:1.5 अभी:1.5 करने:1.5
  करना:1.5 करें:1.5 करेंगे:2 कर:0.5 लेकर:1.5 तरह:1.5 बारे:1.5 ही:0.3 हो:0.4
  एवं:1.5 तथा:1 रहीं:2 हुईं:2 गईं:2 चुके:1.5 चुका:1.5 चाहिए:2 मुताबिक:1.5 जाते:1
  जाता:1 जाती:1 होता:0.8 होती:0.8 होते:0.8 देखें:1.5 पढ़ें:1.5 अब:0.5 नई:1 बड़ी:1
  बड़ा:1 साल:0.8 लोग:1 लोगों:2 दो:0.8 खबर:0.3 खबरें:1 जुड़ें:1.5 देखिए:1.5
  कराया:1.5 कराएं:1.5 करेगा:2
`;

const MAR_WORDS = `
  आहे:2.5 आहेत:2.5 आहात:2.5 आणि:2.5 नाही:2 होता:0.4 झाला:2 झाली:2 झाले:2
  झाल्याने:2 केले:1.5 केला:1 केली:1.5 केल्या:2 मध्ये:2.5 साठी:2 तर:0.6 पण:1.5
  हे:0.6 या:0.6 त्या:1.2 त्यांनी:2.5 त्यांच्या:2.5 त्याने:2 त्याला:2 यांनी:2.5
  यांच्या:2.5 आता:1.5 असे:1.5 असून:2 आली:1 आले:1 आलेल्या:2 आलेली:2 घेतली:2 गेले:1
  मला:2 तुम्ही:2 आम्ही:2 कुठे:2 काय:1.2 येथे:2 येथील:2 सांगितले:2 म्हणाले:2.5
  म्हणून:2.5 करण्यात:2.5 देण्यात:2.5 जाईल:2 तो:0.4 ती:1 ते:0.8 नवी:1.5 सुरू:1.5
  पुढे:2 वाचा:2 पाहा:2 बातम्या:2.5 बातमी:2.5 अजून:2 लवकरच:2.5 दोन:1.5 पाच:1.5
  एका:1 जण:2 घरी:2 सुमारे:2 होणार:2.5 सुरूच:2.5 माहीत:2 सकाळी:2 दिवस:1.2
  कोणालाही:2.5 पाऊस:2 पोलीस:1.2 आमच्या:2 तुमच्या:2 यांचा:2 यांची:2 त्यांचे:2.5 आपल्या:2 सर्व:0.3
`;

const NEP_WORDS = `
  छ:2.5 छन्:2.5 छैन:2.5 छौं:2.5 हो:0.5 थियो:2.5 थिए:2 भयो:2.5 गर्यो:2.5 गरे:1.2
  गरेको:2.5 भएको:2.5 गर्न:2 गर्ने:2 हुने:2 भने:1.5 पनि:2.5 र:1.5 मा:1.2 लाई:2
  ले:0.4 यो:1.5 त्यो:2 यस:1.5 उनी:2 उनले:2.5 उहां:2 हामी:2.5 तपाईं:2.5 म:1
  मेरो:2.5 तिमी:2.5 के:0.4 गए:0.3 पुगे:1.5 नयां:2 थाहा:2.5 धेरै:2.5 अहिले:2.5
  केही:1.5 कुनै:2.5 सबै:2 बाट:1.5 संग:1.5 पछि:1.5 अघि:1.5 भन्दा:2.5 भन्ने:2.5
  हुन्:2 गरी:1 नै:1.5 अनि:1.5 वटा:2.5 रुपैयां:2 जना:1.2 मात्र:0.3 बिदा:1.5 थप:1.5
  पढ्नुहोस्:2.5 प्रहरी:1.5 जिल्ला:2 गाउं:1.5 जान्छु:2.5 परी:1 गरिनेछ:2.5 फेरि:1.5
`;

/** Parses a `word:weight word:weight ...` table (kept as text so the formatter cannot explode it). */
function parseTable(table: string): [string, number][] {
  return table
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const at = item.lastIndexOf(':');
      return [item.slice(0, at), Number(item.slice(at + 1))];
    });
}

/** Whole-word cue table: normalised token → weights per language. */
export const WORD_CUES: ReadonlyMap<string, CueWeights> = (() => {
  const map = new Map<string, CueWeights>();
  const add = (table: string, lang: DevaLang): void => {
    for (const [word, weight] of parseTable(table)) {
      const key = normalizeDevaToken(word);
      const entry = map.get(key) ?? {};
      entry[lang] = weight;
      map.set(key, entry);
    }
  };
  add(HIN_WORDS, 'hin');
  add(MAR_WORDS, 'mar');
  add(NEP_WORDS, 'nep');
  return map;
})();

/** A cue on how a word ends (attached postpositions and verb endings). */
export interface SuffixCue {
  suffix: string;
  lang: DevaLang;
  weight: number;
  /** Words that end this way but belong to another language (normalised form). */
  except?: ReadonlySet<string>;
}

/*
 * Suffix cues as `suffix:weight`. Marathi and Nepali attach case markers to the noun (`सरकारने`,
 * `सरकारले`, `शहरातील`, `घरमा`), which Hindi writes as separate words — that is what makes these
 * precise. Hindi cues are its oblique plural `-ों` and future endings, absent from the other two.
 */
const MAR_SUFFIXES = `
  च्या:1.5 ांना:1.5 ांनी:1.5 ातील:1.5 ेतील:1.5 ण्यात:1.5 ेलेल्या:1.5 ेलेली:1.5 मध्ये:2 साठी:2
  पर्यंत:1 णार:1.5 ल्या:0.8 ाचा:1 ाची:1 ाचे:1 ांचा:1 ांची:1 ांचे:1 ीचा:0.8 तात:0.8 ईत:1.2 ात:0.3 ेमुळे:1.5
`;
const NEP_SUFFIXES = `
  हरू:2 हरु:2 लाई:2 नुहोस्:2 ेको:1.5 ेका:1.2 ेकी:1.2 छन्:2 ्छ:2 ंछ:2 नेछ:2 ्छु:2 ्यो:1.5 ियो:1.5
  एर:1 ्दै:1.5 सम्म:1.5 देखि:1.5 बाट:1.2 पछि:1.2 को:0.8 ले:0.5 मा:0.6
`;
const HIN_SUFFIXES = `
  ों:1 ीं:0.8 ें:0.5 ेंगे:1.2 ेगा:1.2 ेगी:1.2 ाएं:0.8 ियां:0.8
`;

/** Words that end like a cue but belong to another language, keyed by the suffix they would match. */
const SUFFIX_EXCEPTIONS: Record<string, string> = {
  'ाचा': 'नाचा',
  'ाची': 'प्राची नाची',
  'ाचे': 'नाचे',
  'ात': 'बात रात हालात मुलाकात शुरुआत जात',
  '्छ': 'स्वच्छ इच्छ तुच्छ गुच्छ',
  को: 'इसको उसको इनको उनको आपको मुझको तुझको हमको सबको किसको जिसको रोको मैक्सिको मोरक्को',
  ले: `पहले मामले हमले फैसले अकेले मसले बदले निकले चले मिले वाले केले झाले गेले आले काले घोटाले जिले
    मुकाबले सिलसिले काफिले दाखिले तबादले भले`,
  मा: 'शर्मा वर्मा सीमा बीमा प्रतिमा महिमा आत्मा क्षमा उपमा गरिमा विमा मामा रमा उमा सिनेमा ड्रामा करिश्मा चश्मा',
};

/** Suffix cues grouped by language, longest suffix first, so the most specific match wins. */
export const SUFFIX_CUES_BY_LANG: ReadonlyMap<DevaLang, readonly SuffixCue[]> = (() => {
  const map = new Map<DevaLang, SuffixCue[]>();
  const add = (table: string, lang: DevaLang): void => {
    const list: SuffixCue[] = [];
    for (const [suffix, weight] of parseTable(table)) {
      const exceptions = SUFFIX_EXCEPTIONS[suffix];
      const except = exceptions
        ? new Set(exceptions.split(/\s+/).filter(Boolean).map(normalizeDevaToken))
        : undefined;
      list.push({ suffix: normalizeDevaToken(suffix), lang, weight, except });
    }
    list.sort((a, b) => b.suffix.length - a.suffix.length);
    map.set(lang, list);
  };
  add(HIN_SUFFIXES, 'hin');
  add(MAR_SUFFIXES, 'mar');
  add(NEP_SUFFIXES, 'nep');
  return map;
})();

/**
 * Marathi genitive `-चा/-ची/-चे` glued to a consonant-final stem (`आजचे`, `देशाचा` is covered by the
 * suffix table). Hindi has such endings only after a matra, virama or anusvara (`नीचे`, `बच्चे`,
 * `पहुंचे`), or in three-letter words (`बचा`, `रचा`, `मचा`) which the pattern excludes.
 */
export const MARATHI_GENITIVE = /^.+[\u0915-\u0939]च[\u093e\u0940\u0947]$/;

/** Hindi words that look like {@link MARATHI_GENITIVE} (`लालची` greedy, `चमचा` spoon). */
export const MARATHI_GENITIVE_EXCEPTIONS: ReadonlySet<string> = new Set(['लालची', 'चमचा', 'चमचे', 'चमची']);

/** Marathi-only letters: retroflex LLA `ळ` and eyelash RA `ऱ` (Hindi writes `ल` and `र`). */
export const MARATHI_LETTERS = /[\u0933\u0931]/g;
