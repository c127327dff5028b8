/**
 * compromise's word lists, without its tagger: its lexicon of cities, countries, regions, places,
 * organisations and given names, looked up on the capitalised words the gazetteer and the rules left
 * open. Its tagger found little else on news text after the rules (on the real English news set it
 * added 0.02 F1 and most of the entity stage's time: some 75% of it on English pages).
 */
import nlp from 'compromise';
import type { EntityType } from '../core/types.ts';
import { capitalName, claimedAt, gap, isCap, isHead, resolveLatin, sentenceInitial } from './english.ts';
import type { Gazetteer } from './gazetteer.ts';
import { makeSpan, type Span } from './match.ts';
import type { Token } from './text.ts';
import { isListedName } from './translit.ts';

type Lexicon = Record<string, string | string[] | undefined>;
const LEXICON = (nlp.world() as unknown as { model: { one: { lexicon: Lexicon } } }).model.one.lexicon;

const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place']);
const ORG_TAGS = new Set(['Organization', 'SportsTeam']);
const GIVEN_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
/** Longest lexicon entry tried, in words ("johnson & johnson" is three). */
const MAX_WORDS = 3;

function tagsOf(key: string): string[] {
  const t = LEXICON[key];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/** The entity type compromise's lexicon gives a lowercased phrase, if any. */
function lexiconType(key: string): EntityType | undefined {
  const tags = tagsOf(key);
  if (tags.some((t) => PLACE_TAGS.has(t))) return 'LOC';
  if (tags.some((t) => ORG_TAGS.has(t))) return 'ORG';
  return undefined;
}

const isGiven = (t: Token): boolean => tagsOf(t.key).some((x) => GIVEN_TAGS.has(x)) || isListedName(t.text);

/**
 * Places and organisations compromise's lexicon lists, and people named by a listed given name and the
 * capitalised words after it, among the capitalised tokens no span claims. A lone word at a sentence
 * start is skipped unless the gazetteer knows it (as with compromise's own matches).
 */
export function lexiconSpans(text: string, tokens: Token[], claimed: Span[], gaz: Gazetteer): Span[] {
  const isClaimed = claimedAt(claimed);
  const open = (t: Token | undefined): boolean => capitalName(t) && !isClaimed(t);
  const joined = (a: Token, b: Token): boolean => gap(text, a, b) === ' ';
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!open(t)) continue;
    // The longest run of open capitalised words (joined by single spaces) from here, up to MAX_WORDS.
    let n = 1;
    while (
      n < MAX_WORDS &&
      i + n < tokens.length &&
      open(tokens[i + n]) &&
      joined(tokens[i + n - 1]!, tokens[i + n]!)
    )
      n++;
    let found = false;
    for (let k = n; k >= 1 && !found; k--) {
      const run = tokens.slice(i, i + k);
      const type = lexiconType(run.map((x) => x.key).join(' '));
      if (!type) continue;
      // A place or organisation inside a longer name ("Delhi Public School") is that name's, not its own.
      const after = tokens[i + k];
      if (after && isCap(after) && joined(run[k - 1]!, after) && isHead(after)) break;
      if (k === 1 && sentenceInitial(text, t) && !(after && isCap(after))) break;
      const [start, end] = [t.start, run[k - 1]!.end];
      const r = resolveLatin(text.slice(start, end), gaz, type);
      out.push(makeSpan(text, start, end, r.entry?.type ?? type, r.canonical, 'nlp', r.entry));
      i += k - 1;
      found = true;
    }
    if (found || !isGiven(t)) continue;
    // A given name and one or two capitalised words after it that are no place, head or title.
    let e = i + 1;
    while (
      e < tokens.length &&
      e - i < 3 &&
      open(tokens[e]) &&
      joined(tokens[e - 1]!, tokens[e]!) &&
      !isHead(tokens[e]!) &&
      !lexiconType(tokens[e]!.key)
    )
      e++;
    // The run must end the capitalised words, and "… Bharat" names schemes (Ayushman Bharat), not people.
    if (
      e - i < 2 ||
      tokens[e - 1]!.key === 'bharat' ||
      (isCap(tokens[e]) && joined(tokens[e - 1]!, tokens[e]!))
    ) {
      i = e - 1;
      continue;
    }
    // Capitalised words just before the given name belong to the name ("Showkat Ahmad Lone").
    let b = i;
    while (
      b > 0 &&
      i - b < 2 &&
      open(tokens[b - 1]) &&
      joined(tokens[b - 1]!, tokens[b]!) &&
      !lexiconType(tokens[b - 1]!.key)
    )
      b--;
    const [start, end] = [tokens[b]!.start, tokens[e - 1]!.end];
    const r = resolveLatin(text.slice(start, end), gaz, 'PER');
    out.push(makeSpan(text, start, end, 'PER', r.canonical, 'nlp', r.entry));
    i = e - 1;
  }
  return out;
}
