/**
 * Language identification stage (pure): paragraph-level {@link detectLanguage} and article-level
 * {@link detectDocumentLanguage}.
 *
 * Plain franc is unreliable on the short lines news pages are full of: it calls Hindi headlines
 * Marathi or Bhojpuri and brand lines Tok Pisin. So the script is decided first by counting letters,
 * the candidates are restricted to the languages of that script that Indian news actually uses, and
 * high-precision lexical cues decide short text, with franc's trigrams as extra evidence on long text.
 */

import { franc, francAll } from 'franc';
import type { LangCode } from '../core/types.ts';
import { scoreArabic } from './arabic.ts';
import { DEVA_LANGS, scoreDevanagari } from './devanagari.ts';
import { scoreLatin } from './latin.ts';
import {
  arabicPart,
  countScripts,
  devanagariPart,
  latinPart,
  MIXED_SCRIPT_SHARE,
  type ScriptLabel,
  scriptLabel,
} from './script.ts';

/** Language of one piece of text. */
export interface LanguageGuess {
  /** ISO 639-3 code (`hin`, `eng`, `mar`, `nep`, `urd`, ...) or `und`. */
  lang: LangCode;
  /** 0..1; about 0.5 means "no real evidence, default or page prior used". */
  confidence: number;
  script: ScriptLabel;
  /** Code-mixed Hindi + English: Devanagari Hindi with ≥ 15% Latin letters, or romanised Hindi with English words. */
  mixed: boolean;
  /** Hindi written in Latin script (`AIIMS ka server hack ho gaya`). */
  romanized: boolean;
}

/** Options of {@link detectLanguage}. */
export interface DetectLanguageOptions {
  /** Page or document language hint (`hi`, `hi-IN`, `hin`, `en`, ...), used when the text is uninformative. */
  prior?: string;
}

/** BCP 47 / ISO 639-1 primary subtags and franc's individual-language codes mapped to what we report. */
const TAG_TO_ISO3: Record<string, string> = {
  hi: 'hin',
  en: 'eng',
  mr: 'mar',
  ne: 'nep',
  ur: 'urd',
  ar: 'ara',
  fa: 'fas',
  bn: 'ben',
  pa: 'pan',
  gu: 'guj',
  ta: 'tam',
  te: 'tel',
  kn: 'kan',
  ml: 'mal',
  or: 'ori',
  as: 'asm',
  sa: 'san',
  npi: 'nep',
  arb: 'ara',
  pes: 'fas',
  pnb: 'pan',
  ory: 'ori',
};

/**
 * Normalises a language tag (`hi-IN`, `en_US`, `HIN`, `npi`) to the ISO 639-3 code this stage
 * reports; returns undefined for empty, `und` or malformed tags.
 */
export function normalizeLangTag(tag: string | undefined | null): LangCode | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und') return undefined;
  return TAG_TO_ISO3[primary] ?? (primary.length === 3 ? primary : undefined);
}

/** Maps a margin between the best and second-best score to a confidence in [0.5, 0.99]. */
function confidenceFromMargin(margin: number): number {
  return Math.min(0.99, 1 - 0.5 * Math.exp(-Math.max(0, margin) * 0.8));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Characters of a Latin paragraph franc reads: trigram ranks settle long before this among the eight
 * candidates (franc's own default is 2,048), and franc's cost grows with every character.
 */
const FRANC_CHARS = 600;

/** Latin-script languages other than English worth reporting for long text without English cues. */
const OTHER_LATIN = ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'nld', 'ind'];

/**
 * Detects the language of one paragraph, title or caption.
 *
 * Never returns a language outside the candidates of the text's script (for Devanagari: hin, mar,
 * nep; Latin: eng, hin (romanised) and, for long text with no English function words, a few major
 * European languages; Arabic: urd, ara, fas). Text in other scripts falls back to plain franc.
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): LanguageGuess {
  const prior = normalizeLangTag(options.prior);
  const counts = countScripts(text);
  const script = scriptLabel(counts);
  const none: LanguageGuess = { lang: 'und', confidence: 0, script, mixed: false, romanized: false };
  if (counts.total === 0) return none;

  if (counts.other > counts.deva + counts.latn + counts.arab) {
    // Bengali, Gurmukhi, Tamil, ...: each script maps to one or two languages, so franc is safe here.
    const guess = normalizeLangTag(franc(text, { minLength: 1 }));
    return guess ? { ...none, lang: guess, confidence: counts.other >= 10 ? 0.8 : 0.6 } : none;
  }

  const devaShare = counts.deva / counts.total;
  const latnShare = counts.latn / counts.total;
  if (counts.arab >= counts.deva && counts.arab >= counts.latn) {
    const { lang, margin } = scoreArabic(arabicPart(text), counts.arab);
    return { ...none, lang, confidence: round(confidenceFromMargin(margin)) };
  }

  const latin = counts.latn > 0 ? scoreLatin(text) : undefined;
  // Devanagari decides when it dominates, and also when it is a real minority (≥ 15%) next to Latin
  // words that are not clearly an English sentence (e.g. `PM Kisan योजना`).
  const useDeva =
    counts.deva >= counts.latn || (devaShare >= MIXED_SCRIPT_SHARE && (latin?.english ?? 0) < 2);
  if (useDeva) {
    const { scores, lexical } = scoreDevanagari(devanagariPart(text), counts.deva, prior);
    const ranked = [...DEVA_LANGS].sort((a, b) => scores[b] - scores[a]);
    const lang = ranked[0];
    const margin = scores[lang] - scores[ranked[1]];
    // With no function word at all (a name, a two-word label) the answer is a default or the prior.
    const confidence =
      lexical === 0 && counts.deva < 20 ? (prior === lang ? 0.6 : 0.5) : confidenceFromMargin(margin);
    const mixed = lang === 'hin' && latnShare >= MIXED_SCRIPT_SHARE;
    return { lang, confidence: round(confidence), script, mixed, romanized: false };
  }

  const scores = latin!;
  const hindiWins =
    scores.hindi >= 1 &&
    (scores.hindi > scores.english || (prior === 'hin' && scores.hindi === scores.english));
  if (hindiWins) {
    return {
      lang: 'hin',
      confidence: round(confidenceFromMargin(scores.hindi - scores.english)),
      script,
      mixed: scores.englishWords > 0 || devaShare >= MIXED_SCRIPT_SHARE,
      romanized: true,
    };
  }
  const mixed = devaShare >= MIXED_SCRIPT_SHARE;
  const europeanCues = scores.other >= 2 && scores.other > scores.english;
  // A long Latin text with (almost) no English or Hindi function word may be another European language;
  // English headlines that long always contain several function words. So may a text with more function
  // words of those languages than English cues (German shares `in`, `was`, `will`, `an` with English).
  const european = (scores.tokens >= 12 && scores.english <= 0.1 * scores.tokens) || europeanCues;
  // Many function words of one language and few of any other settle it without trigrams (most paragraphs
  // of a European page), even beside a word that merely ends like a Hindi verb (Spanish `llega`): Hindi
  // needs a score of 1 to win.
  if (european && scores.otherLanguage && scores.hindi < 1)
    return { lang: scores.otherLanguage, confidence: 0.9, script, mixed, romanized: false };
  if (scores.hindi === 0 && european) {
    // The trigrams decide the rest, English among the candidates; the first FRANC_CHARS letters as well
    // as the whole paragraph would, at a fraction of the cost.
    const ranked = francAll(latinPart(text).slice(0, FRANC_CHARS), { only: OTHER_LATIN, minLength: 1 });
    const [best, bestScore] = ranked[0];
    const second = ranked[1]?.[1] ?? 0;
    if (best !== 'eng' && best !== 'und') {
      const confidence = round(Math.min(0.9, 0.5 + (bestScore - second)));
      return { lang: best, confidence, script, mixed, romanized: false };
    }
  }
  // No English cue at all on a page written in another Latin language (a recipe line on a German page):
  // the page's language, as weakly as the English default below.
  if (scores.english === 0 && prior && prior !== 'eng' && OTHER_LATIN.includes(prior))
    return { lang: prior, confidence: 0.5, script, mixed, romanized: false };
  // No English cue at all (brand lines, bylines, names) → English with low confidence, never a rare language.
  const confidence = scores.english === 0 ? 0.4 : confidenceFromMargin(scores.english - scores.hindi);
  return { lang: 'eng', confidence: round(confidence), script, mixed, romanized: false };
}

/** A paragraph as seen by {@link detectDocumentLanguage}. */
export interface LanguageParagraph {
  text: string;
  lang: LangCode;
  confidence: number;
}

/** Title weight cap in characters: the title counts as a short paragraph, not as much as the body. */
const TITLE_WEIGHT_CAP = 40;

/**
 * Detects the language of a whole document from its already-labelled paragraphs and its title.
 *
 * Each paragraph votes with weight `length × (0.5 + 0.5 × confidence)`, so long confident paragraphs
 * dominate and a stray English caption cannot flip a Hindi article. The title is detected with the
 * body majority as prior and votes like a paragraph of at most {@link TITLE_WEIGHT_CAP} characters.
 * Confidence is the winner's share of the votes times its weighted mean confidence.
 */
export function detectDocumentLanguage(
  paragraphs: readonly LanguageParagraph[],
  title?: string,
): { lang: LangCode; confidence: number } {
  const votes = new Map<LangCode, { weight: number; confSum: number }>();
  let total = 0;
  const vote = (lang: LangCode, confidence: number, length: number): void => {
    if (length <= 0) return;
    const weight = length * (0.5 + 0.5 * confidence);
    total += weight;
    if (lang === 'und') return;
    const entry = votes.get(lang) ?? { weight: 0, confSum: 0 };
    entry.weight += weight;
    entry.confSum += weight * confidence;
    votes.set(lang, entry);
  };
  const best = (): [LangCode, { weight: number; confSum: number }] | undefined =>
    [...votes.entries()].sort((a, b) => b[1].weight - a[1].weight)[0];

  for (const p of paragraphs) vote(p.lang, p.confidence, p.text.trim().length);
  const trimmedTitle = title?.trim() ?? '';
  if (trimmedTitle) {
    const guess = detectLanguage(trimmedTitle, { prior: best()?.[0] });
    vote(guess.lang, guess.confidence, Math.min(trimmedTitle.length, TITLE_WEIGHT_CAP));
  }
  const winner = best();
  if (!winner || total === 0) return { lang: 'und', confidence: 0 };
  const [lang, { weight, confSum }] = winner;
  return { lang, confidence: round((weight / total) * (confSum / weight)) };
}

/** Languages of a document's paragraphs and of the whole: what the language stage gives the later stages. */
export interface DocumentLanguages {
  paragraphs: LanguageGuess[];
  document: { lang: LangCode; confidence: number };
}

/**
 * Labels every paragraph, then the document; paragraphs the text alone could not settle (confidence
 * below 0.6) are read again with the document's language as prior. `declared`: the page's or caller's
 * language tag, the first prior.
 */
export function detectDocumentLanguages(
  paragraphs: readonly string[],
  options: { title?: string; declared?: string } = {},
): DocumentLanguages {
  const first = paragraphs.map((t) => detectLanguage(t, { prior: options.declared }));
  const document = detectDocumentLanguage(
    paragraphs.map((t, i) => ({ text: t, lang: first[i]!.lang, confidence: first[i]!.confidence })),
    options.title,
  );
  return {
    paragraphs: first.map((g, i) =>
      g.confidence < 0.6 ? detectLanguage(paragraphs[i]!, { prior: document.lang }) : g,
    ),
    document,
  };
}
