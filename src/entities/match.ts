/**
 * Candidate spans, gazetteer longest-match over tokens, and overlap resolution.
 */
import type { EntityType } from '../core/types.ts';
import type { AliasPattern, Gazetteer, GazetteerEntry } from './gazetteer.ts';
import { joinable, stripAttachedSuffix, type Token } from './text.ts';

/** Where a candidate came from; decides precedence when candidates overlap. */
export type SpanSource = 'gazetteer' | 'learned' | 'acronym' | 'rule' | 'nlp';

/** A candidate mention inside one text (title or paragraph). */
export interface Span {
  start: number;
  end: number;
  surface: string;
  type: EntityType;
  /** Canonical name proposed for this mention (may be unified with others later). */
  canonical: string;
  source: SpanSource;
  entry?: GazetteerEntry;
  partOf?: string;
}

// Ranks for overlap resolution: compromise's word lists ('nlp') only fill gaps left by the rest.
const RANK: Record<SpanSource, number> = { learned: 4, gazetteer: 4, acronym: 3, rule: 2, nlp: 0 };

/** Build a span for `text.slice(start, end)`. */
export function makeSpan(
  text: string,
  start: number,
  end: number,
  type: EntityType,
  canonical: string,
  source: SpanSource,
  entry?: GazetteerEntry,
): Span {
  const s: Span = { start, end, surface: text.slice(start, end), type, canonical, source };
  if (entry) {
    s.entry = entry;
    if (entry.partOf) s.partOf = entry.partOf;
  }
  return s;
}

function tokenMatches(p: AliasPattern, j: number, tok: Token, last: boolean): number | undefined {
  // Returns the number of UTF-16 units of `tok` that belong to the match, or undefined.
  if (p.caseSensitive ? tok.text === p.raw[j] : tok.key === p.keys[j]) return tok.text.length;
  if (last && tok.deva && !p.caseSensitive) {
    // A Hindi case suffix glued to the last word (दिल्लीमें): match the stem, leave the suffix out.
    const st = stripAttachedSuffix(tok.key);
    if (st && st.stem === p.keys[j] && tok.text.endsWith(st.suffix))
      return tok.text.length - st.suffix.length;
  }
  return undefined;
}

function excluded(gaz: Gazetteer, entry: GazetteerEntry, tokens: Token[], i: number, n: number): boolean {
  const ex = gaz.excludes.get(entry);
  if (!ex) return false;
  for (const phrase of ex) {
    for (let s = i + n - phrase.length; s <= i; s++) {
      if (s < 0 || s + phrase.length > tokens.length) continue;
      if (phrase.every((k, q) => tokens[s + q].key === k)) return true;
    }
  }
  return false;
}

function tryPattern(text: string, tokens: Token[], i: number, p: AliasPattern): number | undefined {
  const n = p.keys.length;
  if (i + n > tokens.length) return undefined;
  let end = -1;
  for (let j = 0; j < n; j++) {
    const tok = tokens[i + j];
    if (j > 0) {
      const sep = text.slice(tokens[i + j - 1].end, tok.start);
      if (sep !== p.seps[j - 1] && !joinable(sep, tokens[i + j - 1])) return undefined;
    }
    const len = tokenMatches(p, j, tok, j === n - 1);
    if (len === undefined) return undefined;
    end = tok.start + len;
  }
  if (p.requireCapital && !/[A-Z]/.test(text[tokens[i].start])) return undefined;
  if (p.tail && text.startsWith(p.tail, end)) end += p.tail.length;
  return end;
}

/** The aliases that may start at a token: by its key, and (Devanagari) one-word ones by its stem. */
function candidatesAt(tok: Token, gaz: Gazetteer): AliasPattern[] | undefined {
  let cands = gaz.byFirstKey.get(tok.key);
  if (tok.deva) {
    const st = stripAttachedSuffix(tok.key);
    const more = st ? gaz.byFirstKey.get(st.stem)?.filter((p) => p.keys.length === 1) : undefined;
    if (more?.length) cands = [...(cands ?? []), ...more];
  }
  return cands;
}

/**
 * All gazetteer matches in a tokenised text: at each token the longest alias starting there.
 * Overlaps between positions are left for {@link resolveOverlaps}.
 */
export function matchGazetteer(text: string, tokens: Token[], gaz: Gazetteer, source: SpanSource): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const f = tok.facts;
    let cands: AliasPattern[] | undefined;
    // A function of the word (its key and script) and the gazetteer: remembered with the word's facts,
    // unless the gazetteer is one article's (the cache would keep it, and the page its aliases were cut
    // from, alive: 20 whole pages after a run over extraction-dev).
    if (f && f.gazOwner === gaz) cands = f.gazCands as AliasPattern[] | undefined;
    else {
      cands = candidatesAt(tok, gaz);
      if (f && !gaz.perArticle) {
        f.gazCands = cands;
        f.gazOwner = gaz;
      }
    }
    if (!cands) continue;
    for (const p of cands) {
      const end = tryPattern(text, tokens, i, p);
      if (end === undefined) continue;
      if (excluded(gaz, p.entry, tokens, i, p.keys.length)) continue;
      out.push(makeSpan(text, tok.start, end, p.entry.type, p.entry.canonical, source, p.entry));
      break;
    }
  }
  return out;
}

/**
 * Keep a non-overlapping subset: higher-ranked sources first, then longer spans (so
 * दक्षिणी दिल्ली जिला पुलिस beats दिल्ली पुलिस beats दिल्ली), then earlier ones. Rule-based spans
 * and gazetteer spans share a tier ordered by length, so a longer rule span (Punjab National Bank
 * as a capitalised ORG run) can beat a shorter gazetteer hit inside it.
 */
export function resolveOverlaps(spans: Span[]): Span[] {
  const sorted = [...spans].sort(
    (a, b) =>
      tier(b) - tier(a) ||
      b.end - b.start - (a.end - a.start) ||
      RANK[b.source] - RANK[a.source] ||
      a.start - b.start,
  );
  const kept: Span[] = [];
  for (const s of sorted) {
    if (s.end <= s.start) continue;
    if (kept.some((k) => s.start < k.end && k.start < s.end)) continue;
    kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The ranking tier of a span's source (a module function: a closure made per call is named by the loader). */
function tier(s: Span): number {
  return s.source === 'nlp' ? 0 : 1;
}

/** Index of the first token starting at or after `offset`. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
