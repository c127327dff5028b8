/**
 * Quantities written as digits (ASCII or Devanagari), Hindi or English words, and Hindi fractions
 * (`डेढ़` 1.5, `ढाई` 2.5, `साढ़े सात` 7.5, `सवा दस` 10.25, `पौने नौ` 8.75).
 */

import { alt, EN_NUMBER_SRC, HI_FRACTION_PREFIX, HI_NUMBER_SRC, key, numberWord } from './lexicon.ts';
import { D, digits } from './model.ts';

const FRACTION_PREFIX_SRC = alt(['साढ़े', 'साढे', 'सवा', 'पौने']);
const FRACTION_WORD_SRC = alt(['डेढ़', 'डेढ', 'ढाई']);
const DIGIT_NUM_SRC = `${D}{1,4}(?:\\.${D}+)?`;

/** Regex source for a quantity (no capture groups). */
export const NUM_SRC = `(?:${FRACTION_PREFIX_SRC}\\s+(?:${D}{1,3}|${HI_NUMBER_SRC})|${FRACTION_WORD_SRC}|${DIGIT_NUM_SRC}|${HI_NUMBER_SRC}|(?:${EN_NUMBER_SRC})(?:\\s+and\\s+a\\s+half)?|half\\s+an?|a\\s+couple\\s+of|an?(?:\\s+and\\s+a\\s+half)?)`;

/** Regex source for an hour-like number (no English words, no decimals: `5.30` is hour + minutes). */
export const HOUR_NUM_SRC = `(?:${FRACTION_PREFIX_SRC}\\s+(?:${D}{1,2}|${HI_NUMBER_SRC})|${FRACTION_WORD_SRC}|${D}{1,2}|${HI_NUMBER_SRC})`;

/** Value of a quantity matched by {@link NUM_SRC}; undefined when it is not a number. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.trim().replace(/\s+/g, ' ');
  const lower = s.toLowerCase();
  if (/^half an?$/.test(lower)) return 0.5;
  if (/couple of$/.test(lower)) return 2;
  const half = /^(.+) and a half$/.exec(lower);
  if (half) {
    const base = parseNumber(half[1]);
    return base === undefined ? undefined : base + 0.5;
  }
  const sp = s.indexOf(' ');
  if (sp > 0) {
    const frac = HI_FRACTION_PREFIX[key(s.slice(0, sp))];
    if (frac !== undefined) {
      const base = parseNumber(s.slice(sp + 1));
      return base === undefined ? undefined : base + frac;
    }
  }
  if (/^[0-9\u0966-\u096F]+(?:\.[0-9\u0966-\u096F]+)?$/.test(s)) return digits(s);
  return numberWord(s);
}
