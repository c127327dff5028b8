/**
 * The one- and two-word rules of the Hindi date grammar: `आज`/`कल`/`परसों`, `बीते दिन`, `बीती रात`,
 * `पिछले गुरुवार`, `अगले हफ्ते`, `इस साल`, and a month name with a postposition (`नवंबर में`).
 */

import { at, type Hit, isWord, rd } from './grammar-parts.ts';
import { reading, type Tok } from './tokens.ts';

// Singular and oblique forms only: `पिछले सालों में` ("in past years") names no period.
const PERIOD_WORDS: Record<string, 'week' | 'month' | 'year'> = Object.fromEntries(
  (
    [
      ['हफ्ते', 'week'],
      ['हफ़्ते', 'week'],
      ['सप्ताह', 'week'],
      ['महीने', 'month'],
      ['माह', 'month'],
      ['साल', 'year'],
      ['वर्ष', 'year'],
    ] as const
  ).map(([w, u]) => [w.normalize('NFD'), u]),
);
// `बीते दिन`, `गत दिवस`: yesterday in news copy (`अगले दिन` counts from the story's date instead).
const PAST_DAY_WORDS = ['दिन', 'दिवस'];
// A bare Hindi month needs a postposition (or `महीने`): `मई` alone is too often another word's part.
const COMING = ['वाले', 'वाली', 'वाला'];
const MONTH_FOLLOWERS = ['में', 'को', 'से', 'तक', 'के', 'की', 'महीने', 'माह'];

/** A hyphen joins the word to a neighbour (`कल-पुर्जे`, `आज-कल`): a compound, not a date. */
function hyphenated(t: Tok[], i: number): boolean {
  return (i > 0 && t[i]!.gap === 'hyphen') || t[i + 1]?.gap === 'hyphen';
}

/** `आज`, `कल`, `परसों` (not `आज तक`, the channel, nor `कल-पुर्जे`). */
export function deictic(t: Tok[], i: number): Hit | undefined {
  const d = reading(t[i], 'deictic');
  if (!d || hyphenated(t, i) || isWord(t, i + 1, ['तक'])) return undefined;
  // `कल होने वाली बैठक स्थगित कर दी गई`: the meeting is tomorrow's, whatever the main verb says.
  if (d.v && isWord(t, i + 1, ['होने']) && isWord(t, i + 2, COMING))
    return { next: i + 1, parsed: { type: 'deictic', days: -d.v } };
  return { next: i + 1, parsed: { type: 'deictic', days: d.v, ambiguous: d.v !== 0 || undefined } };
}

/** `पिछले गुरुवार`, `अगले हफ्ते`, `इस साल`, `बीते दिन`, `बीती रात`, and `नवंबर में`. */
export function relativeWord(t: Tok[], i: number): Hit | undefined {
  const month = reading(t[i], 'month');
  if (month) {
    // Full names only: an abbreviation (`अक्टू.`) needs a day or a year next to it.
    if (t[i]!.word.endsWith('.') || !at(t, i + 1, false) || !isWord(t, i + 1, MONTH_FOLLOWERS))
      return undefined;
    return { next: i + 1, parsed: { type: 'month', m: month.v } };
  }
  // `आने वाले सोमवार` ("the coming Monday") is `अगले` in two words.
  const coming = t[i]!.word === 'आने' && isWord(t, i + 1, COMING);
  const rel = coming ? { kind: 'rel' as const, v: 1 } : reading(t[i], 'rel');
  if (!rel || hyphenated(t, i)) return undefined;
  if (coming) i++;
  const next = at(t, i + 1, false);
  if (!next) return undefined;
  const wd = reading(next, 'weekday');
  if (wd) {
    const mode = rel.v < 0 ? 'last' : rel.v > 0 ? 'next' : 'default';
    return { next: i + 2, parsed: { type: 'weekday', wd: wd.v, mode } };
  }
  if (rel.v < 0 && PAST_DAY_WORDS.includes(next.word) && !t[i]!.word.startsWith('पिछ'))
    return { next: i + 2, parsed: { type: 'deictic', days: -1 } };
  if (rel.v < 0 && rd(t, i + 1, 'night')) return { next: i + 2, parsed: { type: 'deictic', days: -1 } };
  const unit = PERIOD_WORDS[next.word];
  if (!unit) return undefined;
  return { next: i + 2, parsed: { type: 'period', unit, shift: rel.v }, approximate: unit === 'week' };
}
