/**
 * Urdu vs Arabic vs Persian for Arabic-script text.
 *
 * Urdu has letters the other two never use (ٹ ڈ ڑ ں ے ھ ہ), Arabic has letter forms Urdu and Persian
 * replaced (ي ك ة ى), and each language has a handful of unmistakable function words. Those cues settle
 * even a two-word caption; franc restricted to the three candidates adds evidence on longer text.
 */

import { francAll } from 'franc';

/** Arabic-script candidates, as reported (ISO 639-3 macrolanguage codes for Arabic and Persian). */
export type ArabLang = 'urd' | 'ara' | 'fas';

const ARAB_LANGS: readonly ArabLang[] = ['urd', 'ara', 'fas'];

/** franc's codes for the candidates: Standard Arabic `arb`, Iranian Persian `pes`. */
const FRANC_ARAB: Record<string, ArabLang> = { urd: 'urd', arb: 'ara', pes: 'fas' };

/** Letters: ٹ ڈ ڑ ں ے ھ ہ are Urdu-only among the three languages. */
const URDU_LETTERS = /[\u0679\u0688\u0691\u06ba\u06d2\u06be\u06c1]/g;
/** Letters: ي ك ة ى are Arabic forms; Urdu and Persian write ی and ک instead. */
const ARABIC_LETTERS = /[\u064a\u0643\u0629\u0649]/g;

const URDU_WORDS = new Set(
  'ہے ہیں کی کے کا میں نے سے کو اور یہ وہ تھا تھی تھے گیا گئی کر پر بھی نہیں ہو رہا رہی جائے گا گی کہ لیے'.split(
    ' ',
  ),
);
const PERSIAN_WORDS = new Set('است این آن را که از با برای می هم شد های نیز بود کرد'.split(' '));
const ARABIC_WORDS = new Set('في من على إلى أن التي الذي عن هذا هذه مع كان قد لا ما'.split(' '));

/** Scores an Arabic-script text (reduced to its Arabic words) and returns the best language. */
export function scoreArabic(arabText: string, letters: number): { lang: ArabLang; margin: number } {
  const scores: Record<ArabLang, number> = { urd: 0, ara: 0, fas: 0 };
  scores.urd += Math.min(arabText.match(URDU_LETTERS)?.length ?? 0, 4) * 1.5;
  scores.ara += Math.min(arabText.match(ARABIC_LETTERS)?.length ?? 0, 4) * 1.5;
  for (const token of arabText.split(' ')) {
    if (URDU_WORDS.has(token)) scores.urd += 1.5;
    if (PERSIAN_WORDS.has(token)) scores.fas += 1.5;
    if (ARABIC_WORDS.has(token)) scores.ara += 1.5;
    // The definite article is glued to Arabic nouns (الحكومة); Urdu keeps it only in loan phrases.
    if (token.length > 3 && token.startsWith('ال')) scores.ara += 0.3;
  }
  if (letters >= 12) {
    const weight = 3 * Math.min(1, letters / 120);
    for (const [code, score] of francAll(arabText, { only: Object.keys(FRANC_ARAB), minLength: 1 })) {
      scores[FRANC_ARAB[code]] += weight * (score - 1);
    }
  }
  // Urdu first on ties: it is the Arabic-script language of the Indian news this pipeline reads.
  scores.urd += 0.3;
  const ranked = [...ARAB_LANGS].sort((a, b) => scores[b] - scores[a]);
  return { lang: ranked[0], margin: scores[ranked[0]] - scores[ranked[1]] };
}
