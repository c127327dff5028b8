/**
 * Alias pairs learned from the article itself: a name followed by its other-script form or its
 * acronym in parentheses — "आईएफएसओ (IFSO)", "दक्षिणी दिल्ली जिला पुलिस(South Delhi District Police)",
 * "All India Institute of Medical Sciences (AIIMS)".
 */
import type { EntityType } from '../core/types.ts';
import { entryFor, type Gazetteer } from './gazetteer.ts';
import { LOC_HEADS, NAME_BOUNDARY, ORG_HEADS } from './lexicon.ts';
import { makeSpan, type Span, tokenAt } from './match.ts';
import { joinable, type Token, tokenize } from './text.ts';

/** Result of alias learning in one text: new mentions and pairs of canonicals to unify. */
export interface LearnedAliases {
  spans: Span[];
  links: Array<[string, string]>;
}

const LATIN_ACRONYM = /^[A-Z][A-Za-z0-9&-]{1,7}$/;
const CONNECTORS = new Set(['of', 'and', '&', 'for', 'the', 'in', 'on', 'de']);

/** Type guess for an unknown Latin name from its head words (ORG when nothing says otherwise). */
function guessType(name: string): EntityType {
  const toks = tokenize(name);
  if (toks.some((t) => ORG_HEADS.has(t.key))) return 'ORG';
  if (toks.some((t) => LOC_HEADS.has(t.key))) return 'LOC';
  return 'ORG';
}

/** Up to `n` Devanagari words ending just before `end`, stopping at postpositions and punctuation. */
function devanagariBefore(
  text: string,
  tokens: Token[],
  end: number,
  n: number,
): [number, number] | undefined {
  let p = tokenAt(tokens, end) - 1;
  if (p < 0 || !/^[\s\u00a0]*$/.test(text.slice(tokens[p].end, end))) return undefined;
  const last = p;
  while (p >= 0 && last - p < n && tokens[p].deva && !NAME_BOUNDARY.has(tokens[p].key)) {
    if (p < last && !joinable(text.slice(tokens[p].end, tokens[p + 1].start), tokens[p])) break;
    p--;
  }
  return p === last ? undefined : [p + 1, last];
}

/**
 * Schwartz–Hearst style long form: walk back over the Latin words before the parenthesis matching
 * the acronym's letters to word initials (connectors such as "of"/"and" are skipped).
 */
function latinLongForm(
  text: string,
  tokens: Token[],
  end: number,
  acronym: string,
): [number, number] | undefined {
  const letters = acronym.replace(/[^A-Z]/g, '');
  let p = tokenAt(tokens, end) - 1;
  if (p < 0 || letters.length < 2 || !/^\s*$/.test(text.slice(tokens[p].end, end))) return undefined;
  const last = p;
  let q = letters.length - 1;
  while (p >= 0 && q >= 0 && last - p < letters.length + 4) {
    const t = tokens[p];
    if (t.deva || (p < last && !joinable(text.slice(t.end, tokens[p + 1].start), t))) return undefined;
    if (CONNECTORS.has(t.key) && p !== last) p--;
    else if (t.text[0] === letters[q] && /^[A-Z]/.test(t.text)) {
      q--;
      p--;
    } else return undefined;
  }
  return q < 0 ? [p + 1, last] : undefined;
}

/**
 * Find "X (Y)" / "X(Y)" pairs in one text. `spans` are the resolved mentions of that text.
 * Pairs of two different gazetteer entities are never linked; an acronym in brackets after a
 * place or person (a "(PTI)" dateline credit) is ignored.
 */
export function learnAliases(text: string, tokens: Token[], spans: Span[], gaz: Gazetteer): LearnedAliases {
  const out: LearnedAliases = { spans: [], links: [] };
  const taken = (s: number, e: number): boolean =>
    [...spans, ...out.spans].some((k) => s < k.end && k.start < e);
  for (const m of text.matchAll(/\(([^()\n]{1,80})\)/g)) {
    const open = m.index ?? 0;
    const raw = m[1];
    const is = open + 1 + (raw.length - raw.trimStart().length);
    const ie = open + 1 + raw.trimEnd().length;
    const inner = text.slice(is, ie);
    if (!inner || !/^[A-Z\u0900-\u097f]/.test(inner)) continue;
    const innerLatin = /^[A-Z]/.test(inner);
    const innerAcronym = LATIN_ACRONYM.test(inner) && /[A-Z].*[A-Z]/.test(inner);
    const beforeEnd = text.slice(0, open).trimEnd().length;
    const m1 = spans.find((s) => s.end === beforeEnd);
    const m2 = spans.find((s) => s.start === is && s.end === ie);
    if (m1 && m2) {
      if (m1.entry && m2.entry && m1.entry !== m2.entry) continue;
      if (innerAcronym && (m1.type === 'LOC' || m1.type === 'PER') && !m2.entry) continue;
      if (m1.canonical !== m2.canonical) out.links.push([m1.canonical, m2.canonical]);
      continue;
    }
    if (m1 && !m2 && innerLatin && tokenize(inner).length <= 6) {
      if (innerAcronym && (m1.type === 'LOC' || m1.type === 'PER')) continue;
      // A decoded acronym must spell the same letters as the Latin one in brackets.
      if (innerAcronym && m1.source === 'acronym' && m1.canonical !== inner && !m1.entry) continue;
      const known = entryFor(inner, gaz);
      if (known && m1.entry && known !== m1.entry) continue;
      if (taken(is, ie)) continue;
      out.spans.push(
        makeSpan(text, is, ie, m1.type, known?.canonical ?? inner, 'learned', known ?? m1.entry),
      );
      out.links.push([m1.canonical, known?.canonical ?? inner]);
      continue;
    }
    if (m1) continue;
    // No mention before the bracket: find the other form from the words themselves.
    let range: [number, number] | undefined;
    if (innerLatin && innerAcronym) range = latinLongForm(text, tokens, beforeEnd, inner);
    // A Hindi long form is only taken for a multi-word Latin name, whose word count bounds it;
    // for an acronym the extent of the Hindi expansion cannot be told.
    if (!range && innerLatin && !innerAcronym)
      range = devanagariBefore(text, tokens, beforeEnd, tokenize(inner).length);
    if (!range) continue;
    const s = tokens[range[0]].start;
    const e = tokens[range[1]].end;
    if (taken(s, e)) continue;
    const entry = m2?.entry ?? entryFor(inner, gaz);
    const canonical = m2?.canonical ?? entry?.canonical ?? inner;
    const type = m2?.type ?? entry?.type ?? guessType(innerAcronym ? text.slice(s, e) : inner);
    out.spans.push(makeSpan(text, s, e, type, canonical, 'learned', entry));
    if (!m2 && !taken(is, ie)) out.spans.push(makeSpan(text, is, ie, type, canonical, 'learned', entry));
  }
  return out;
}
