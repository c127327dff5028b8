/**
 * Building blocks of the Hindi date grammar (grammar.ts): how tokens join into a phrase, numbers
 * composed from words (`उन्नीस सौ बानवे`, `दो हजार पंद्रह`), quantities of a unit, and calendar dates.
 */

import type { Parsed } from './model.ts';
import { type Reading, reading, type Tok, type TokKind } from './tokens.ts';

/** `कुछ दिन`, `कई साल`: read as three units, flagged approximate. */
const VAGUE_AMOUNT = 3;

/** A rule's match: the token after it, its meaning, and whether the amount was approximate. */
export interface Hit {
  next: number;
  parsed: Parsed;
  approximate?: boolean;
}

/** Token j when it continues the phrase (whitespace before it, or one comma when `comma`); j = `first` always does. */
export function at(t: Tok[], j: number, first: boolean, comma = false): Tok | undefined {
  const x = t[j];
  if (!x) return undefined;
  return first || x.gap === 'space' || (comma && x.gap === 'comma') ? x : undefined;
}
/** The reading of `kind` of token j when it continues the phrase. */
export function rd(t: Tok[], j: number, kind: TokKind, first = false, comma = false): Reading | undefined {
  return reading(at(t, j, first, comma), kind);
}
/** Token j continues the phrase and is one of `words` (NFD keys). */
export function isWord(t: Tok[], j: number, words: string[], first = false): boolean {
  const x = at(t, j, first);
  return x !== undefined && words.includes(x.word);
}

/** A number read from one or more tokens; `next` is the token after it. */
export interface Num {
  v: number;
  next: number;
  digitCount: number;
  /** Built from words joined by सौ/हजार (`दो हजार पंद्रह`). */
  compound: boolean;
}

/** A whole number word below 100, not digits (the parts of `उन्नीस सौ बानवे`). */
function small(t: Tok[], j: number): number | undefined {
  const x = at(t, j, false);
  const n = reading(x, 'num');
  return n && !x!.digitCount && Number.isInteger(n.v) && n.v < 100 ? n.v : undefined;
}

/** A number: digits, a word, a fraction prefix plus a number, or words joined by सौ and हजार. */
export function readNumber(t: Tok[], j: number, first: boolean): Num | undefined {
  const a = at(t, j, first);
  if (!a) return undefined;
  const frac = reading(a, 'frac');
  if (frac) {
    const b = readNumber(t, j + 1, false);
    return b && !b.compound ? { ...b, v: b.v + frac.v, digitCount: 0 } : undefined;
  }
  const n = reading(a, 'num');
  if (a.digitCount) return n && { v: n.v, next: j + 1, digitCount: a.digitCount, compound: false };
  if (reading(a, 'hundred')) return { v: 100, next: j + 1, digitCount: 0, compound: false };
  if (!n) return undefined;
  if (!Number.isInteger(n.v) || n.v >= 100) return { v: n.v, next: j + 1, digitCount: 0, compound: false };
  let v = n.v;
  let k = j + 1;
  let compound = false;
  if (rd(t, k, 'thousand')) {
    v *= 1000;
    k++;
    compound = true;
  }
  // `उन्नीस सौ` after a word number, or `दो हजार एक सौ` after a thousand.
  const h = compound ? small(t, k) : v;
  const hk = compound ? k + 1 : k;
  if (h !== undefined && rd(t, hk, 'hundred')) {
    v = (compound ? v : 0) + h * 100;
    k = hk + 1;
    compound = true;
  }
  if (compound) {
    const rest = small(t, k);
    if (rest !== undefined) {
      v += rest;
      k++;
    }
  }
  return { v, next: k, digitCount: 0, compound };
}

/** A day of the month: 1–31, at most two digits, not a compound number. */
export const isDay = (n: Num | undefined): n is Num =>
  n !== undefined && Number.isInteger(n.v) && n.v >= 1 && n.v <= 31 && n.digitCount <= 2 && !n.compound;
/** A year: 1900–2100 in four digits or in words (`उन्नीस सौ बानवे`). */
export const isYear = (n: Num | undefined): n is Num =>
  n !== undefined &&
  Number.isInteger(n.v) &&
  n.v >= 1900 &&
  n.v <= 2100 &&
  (n.digitCount === 4 || n.compound);

/** `तीन दिन`, `डेढ़ साल`, `कुछ हफ्ते`: a quantity of a unit. */
export function quantity(t: Tok[], j: number, first: boolean, comma = false) {
  const x = at(t, j, first, comma);
  if (!x) return undefined;
  const range = reading(x, 'range');
  if (reading(x, 'vague') || range) {
    const u = rd(t, j + 1, 'unit');
    return u && { n: range?.v ?? VAGUE_AMOUNT, unit: u.unit!, next: j + 2, vague: true };
  }
  const n = readNumber(t, j, true);
  if (!n || n.v <= 0) return undefined;
  // `दो-तीन दिन`: two number words joined by a hyphen are a vague amount between them.
  const upper = t[n.next]?.gap === 'hyphen' && !n.compound ? readNumber(t, n.next, true) : undefined;
  if (upper && !upper.compound && upper.v > n.v) {
    const u = rd(t, upper.next, 'unit');
    return u && { n: (n.v + upper.v) / 2, unit: u.unit!, next: upper.next + 1, vague: true };
  }
  const u = rd(t, n.next, 'unit');
  return u && { n: n.v, unit: u.unit!, next: n.next + 1, vague: false };
}

/** `5 मार्च`, `मार्च पाँच, 2016`, `पाँच मार्च उन्नीस सौ बानवे`, `अक्टू. 2019`: a month with a day or a year. */
export function calendarDate(
  t: Tok[],
  j: number,
  first: boolean,
): { m: number; d?: number; y?: number; next: number } | undefined {
  const a = readNumber(t, j, first);
  let m: number;
  let d: number | undefined;
  let k: number;
  if (isDay(a)) {
    const mo = rd(t, a.next, 'month');
    if (!mo) return undefined;
    [m, d, k] = [mo.v, a.v, a.next + 1];
  } else {
    const mo = rd(t, j, 'month', first);
    if (!mo) return undefined;
    m = mo.v;
    k = j + 1;
    const b = readNumber(t, k, false);
    if (isDay(b) && !reading(t[b.next], 'unit')) {
      d = b.v;
      k = b.next;
    }
  }
  // A year may follow after a comma (`मार्च पाँच, 2016`) or after `सन` (`15 अगस्त सन 1947`).
  if (rd(t, k, 'era', false, true)) k++;
  const y = readNumber(t, k, false) ?? (t[k]?.gap === 'comma' ? readNumber(t, k, true) : undefined);
  if (isYear(y)) return { m, d, y: y.v, next: y.next };
  return d === undefined ? undefined : { m, d, next: k };
}
