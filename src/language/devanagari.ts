/**
 * Hindi / Marathi / Nepali decision for Devanagari text.
 *
 * Lexical cues (function words, attached case markers, Marathi-only letters) carry short text;
 * franc's trigram model, restricted to the three candidates, adds evidence that grows with length.
 * Bhojpuri, Maithili, Magahi and Sanskrit are deliberately not candidates: on news text franc
 * proposes them for short Hindi lines far more often than they really occur, so they collapse to
 * Hindi.
 */

import { francAll } from 'franc';
import {
  type DevaLang,
  MARATHI_GENITIVE,
  MARATHI_GENITIVE_EXCEPTIONS,
  MARATHI_LETTERS,
  normalizeDevaToken,
  SUFFIX_CUES_BY_LANG,
  WORD_CUES,
} from './devanagari-cues.ts';

/** Devanagari candidate languages, in tie-break order (Hindi first: the pipeline's main language). */
export const DEVA_LANGS: readonly DevaLang[] = ['hin', 'mar', 'nep'];

/** franc calls Nepali `npi` (the individual language); we report the macrolanguage `nep`. */
const FRANC_DEVA = ['hin', 'mar', 'npi'];

/** Lexical margin above which franc is not consulted (it is worth at most 3 points, see below). */
const LEXICAL_DECISIVE_MARGIN = 6;

/** franc sees at most this many characters: enough trigrams to decide, bounded cost on long paragraphs. */
const FRANC_MAX_CHARS = 400;

/** Result of scoring one Devanagari text. */
export interface DevaScores {
  /** Combined evidence per language (lexical + trigram + prior). */
  scores: Record<DevaLang, number>;
  /** Sum of lexical cue weights over all languages; 0 means the text had no function words at all. */
  lexical: number;
}

/** Lexical cue score per language for a Devanagari text (tokens separated by non-letters). */
export function lexicalScores(devaText: string): Record<DevaLang, number> {
  const scores: Record<DevaLang, number> = { hin: 0, mar: 0, nep: 0 };
  for (const raw of devaText.split(' ')) {
    if (!raw) continue;
    const token = normalizeDevaToken(raw);
    const word = WORD_CUES.get(token);
    if (word) {
      // A known function word is decisive on its own; its suffix would only double count.
      for (const lang of DEVA_LANGS) scores[lang] += word[lang] ?? 0;
      continue;
    }
    // `च्या` is Marathi anywhere in a word, also before a further case ending (`आमच्याशी`).
    if (token.includes('च्या') || (MARATHI_GENITIVE.test(token) && !MARATHI_GENITIVE_EXCEPTIONS.has(token))) {
      scores.mar += 1.5;
      continue;
    }
    for (const lang of DEVA_LANGS) {
      for (const cue of SUFFIX_CUES_BY_LANG.get(lang) ?? []) {
        // The stem must be at least two code units so a bare postposition is not read as a suffix.
        if (token.length < cue.suffix.length + 2 || !token.endsWith(cue.suffix)) continue;
        if (cue.except?.has(token)) break;
        scores[lang] += cue.weight;
        break;
      }
    }
  }
  const marathiLetters = devaText.match(MARATHI_LETTERS)?.length ?? 0;
  scores.mar += Math.min(marathiLetters, 3) * 1.5;
  return scores;
}

/**
 * Trigram evidence from franc restricted to the three candidates, scaled so it is worth little on a
 * headline and about as much as a couple of function words on a full paragraph.
 */
function trigramScores(devaText: string, letters: number): Record<DevaLang, number> {
  const out: Record<DevaLang, number> = { hin: 0, mar: 0, nep: 0 };
  if (letters < 12) return out;
  const weight = 3 * Math.min(1, letters / 120);
  for (const [code, score] of francAll(devaText, { only: FRANC_DEVA, minLength: 1 })) {
    const lang: DevaLang = code === 'npi' ? 'nep' : (code as DevaLang);
    if (lang in out) out[lang] = weight * (score - 1);
  }
  return out;
}

/**
 * Scores a Devanagari text (already reduced to its Devanagari words) for Hindi, Marathi and Nepali.
 * `prior` nudges the decision toward the page language when it is one of the candidates; a small
 * constant bias toward Hindi breaks remaining ties (proper-noun-only titles are Hindi in this corpus).
 */
export function scoreDevanagari(devaText: string, letters: number, prior?: string): DevaScores {
  const lexical = lexicalScores(devaText);
  const ranked = [...DEVA_LANGS].sort((a, b) => lexical[b] - lexical[a]);
  // franc costs ~0.2 ms per paragraph, most of the stage's budget; when the function words already
  // decide by a wide margin (typical for full paragraphs) the trigrams could not change the answer.
  const decided = lexical[ranked[0]] - lexical[ranked[1]] >= LEXICAL_DECISIVE_MARGIN;
  const trigram = decided ? undefined : trigramScores(devaText.slice(0, FRANC_MAX_CHARS), letters);
  const scores: Record<DevaLang, number> = { hin: 0, mar: 0, nep: 0 };
  let lexicalTotal = 0;
  for (const lang of DEVA_LANGS) {
    lexicalTotal += lexical[lang];
    scores[lang] = lexical[lang] + (trigram?.[lang] ?? 0);
  }
  scores.hin += 0.3;
  if (prior === 'hin' || prior === 'mar' || prior === 'nep') scores[prior] += 0.8;
  return { scores, lexical: lexicalTotal };
}
