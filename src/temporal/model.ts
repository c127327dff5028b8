/**
 * Internal shapes shared by the temporal rules, the resolver and the extractor.
 */

import type { Unit } from './lexicon.ts';

/** Part of the day named next to a clock time; decides how a 12-hour number maps to 24 hours. */
export type PartOfDay = 'morning' | 'noon' | 'evening' | 'night' | 'am' | 'pm';

/** What a matched expression means before it is resolved against the reference and the sentence. */
export type Parsed =
  /** A calendar date; missing parts come from the reference (closest past unless the clause is future). */
  | { type: 'date'; y?: number; m?: number; d: number }
  /** A month (`नवंबर 2022`, `नवंबर में`); year from the reference when missing. */
  | { type: 'month'; y?: number; m: number }
  | { type: 'weekday'; wd: number; mode: 'default' | 'last' | 'next' }
  /** `आज`, `yesterday`; `ambiguous` means the sign follows the tense (`कल`, `परसों`). */
  | { type: 'deictic'; days: number; ambiguous?: boolean }
  /** `पिछले हफ्ते`, `this month`, `next year`. */
  | { type: 'period'; unit: 'week' | 'month' | 'year'; shift: number }
  /** `दो दिन पहले` (dir −1), `three weeks later` (dir +1). */
  | { type: 'offset'; n: number; unit: Unit; dir: -1 | 1 }
  /** Clock time as minutes after midnight (≥ 1440 = midnight ending the day); `offset` when a zone was written. */
  | { type: 'time'; minuteOfDay: number; offset?: number }
  /** `करीब 11 घंटे`; `trailing` for `पिछले 24 घंटे` (a span ending at the reference). */
  | { type: 'duration'; n: number; unit: Unit; trailing?: boolean }
  /** A year on its own (`सन दो हजार पंद्रह`). */
  | { type: 'year'; y: number }
  /**
   * `अगले महीने के आखिरी शुक्रवार`: the n-th (−1 = last) weekday of a month, given by name (`m`, `y`) or
   * as a shift from the reference month.
   */
  | { type: 'nth-weekday'; n: number; wd: number; shift: number; m?: number; y?: number }
  /** `अगले महीने की 5 तारीख` (unit month: day d), `पिछले साल 5 मार्च` (unit year: month m, day d). */
  | { type: 'rel-date'; unit: 'month' | 'year'; shift: number; m?: number; d?: number }
  /** `पिछले हफ्ते मंगलवार`: a weekday of the week `shift` weeks from the reference week (Monday first). */
  | { type: 'week-weekday'; shift: number; wd: number }
  /**
   * `3 साल 2 महीने पहले`, `उससे एक दिन पहले`, `अब से तीन दिन में`, `उसी दिन` (no parts). `from`: the
   * reference; `previous`: the last date resolved earlier in the text (else the reference); `sentence`:
   * a date earlier in the sentence when counting forward (`दो दिन बाद`), else the reference.
   */
  | {
      type: 'offsets';
      parts: { n: number; unit: Unit }[];
      dir: -1 | 1;
      from: 'reference' | 'previous' | 'sentence';
      vague?: boolean;
    };

/** One rule match: a span of the segment text and its meaning. */
export interface Candidate {
  start: number;
  end: number;
  parsed: Parsed;
  approximate: boolean;
  /** Tie-break between equally long overlapping matches (higher wins). */
  priority: number;
  /** Where the match came from when not a local rule (`chrono`). */
  source?: string;
}

/** A regex rule: `build` turns a match into a candidate meaning, or rejects it. */
export interface Rule {
  name: string;
  re: RegExp;
  priority: number;
  /**
   * Cheap pre-checks that must all match somewhere in the text before the full rule runs. The full
   * rules start with lookbehinds and optional prefixes, which defeats the regex engine's literal
   * scanning; a plain keyword test per paragraph is ~10x cheaper and skips most rules on most text.
   */
  gate: RegExp[];
  build(m: RegExpExecArray, text: string): { parsed: Parsed; approximate?: boolean } | undefined;
}

/** Letter/mark/digit-aware word boundaries: `\b` does not work for Devanagari in JS regexes. */
export const L = '(?<![\\p{L}\\p{M}\\p{N}])';
export const R = '(?![\\p{L}\\p{M}\\p{N}])';
/** One ASCII or Devanagari digit. */
export const D = '[0-9\u0966-\u096F]';

/** Parse ASCII or Devanagari digits (`२०२२` → 2022). */
export function digits(s: string): number {
  return Number(s.replace(/[\u0966-\u096F]/g, (c) => String(c.charCodeAt(0) - 0x0966)));
}

/** Gate: any digit. */
export const DIGIT = /[0-9\u0966-\u096F]/;
/** Gate: a unit stem (see `UNIT_LIST` in the lexicon). */
export const UNIT_GATE =
  /मिनट|घंट|घण्ट|दिन|दिवस|हफ्त|हफ़्त|हफ़्त|सप्ताह|महीन|माह|साल|वर्ष|बरस|सेक|sec|min|hour|hr|day|week|fortnight|month|year/i;
/** Gate: a month stem. */
export const MONTH_GATE =
  /जनवरी|फ़?रवरी|फ़रवरी|मार्च|अप्र|मई|जून|जुलाई|अगस्त|सितम्बर|सितंबर|अक्[टत]ूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
