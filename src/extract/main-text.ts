/**
 * Which blocks of a page are the article. Containers are scored the way readability-style extractors do:
 * every prose block adds to the element that holds it and, less, to that element's ancestors; scores are
 * damped by link density and nudged by tag and class words; the best container is then widened by its
 * siblings that also hold prose (split article bodies). Pages that mark their body (`itemprop=articleBody`)
 * are taken at their word. A page where no container wins falls back to its densest block, and says so.
 * No per-site rules.
 */
import type { Element } from 'domhandler';
import type { ExtractionMethod } from '../core/types.ts';
import { attrWords, isChrome, parentElement, type WalkBlock } from './dom-walk.ts';
import { leadBlocks } from './lead.ts';
import { markedBodies } from './marked.ts';

/** Tags whose text is a paragraph of its parent (the parent is the candidate container). */
const PARAGRAPH_TAGS = new Set([
  'p', 'pre', 'td', 'th', 'li', 'blockquote', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr',
]); // biome-ignore format: list

const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|news|artikel|inhalt|beitrag|contenu|texte|tresc|cuerpo/i;
const NEGATIVE =
  /-ad-|hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|teaser|navi|menu/i;

/** Blocks shorter than this add nothing to a container's score (captions, labels, buttons). */
const MIN_SCORING_CHARS = 25;
/**
 * Blocks shorter than this are not prose when a container is widened: a byline or a photo credit beside
 * the body must not pull the whole page column in. 60 against 25 on extraction-dev: precision .896 → .907,
 * recall .916 → .906.
 */
const MIN_PROSE_CHARS = 60;
/**
 * Prose characters below a container worth one point of its score: a container's score is otherwise
 * capped per block and swayed by class words (`widget-container` on every page-builder block), so a
 * caption box with a good class name could beat two long paragraphs. 100 against none on extraction-dev:
 * recall .922 → .934, precision .909 → .907.
 */
const PROSE_CHARS_PER_POINT = 100;
/** Score taken off a container that is chrome by its class words. */
const CHROME_PENALTY = 25;
/** How many ancestors a block's score reaches. */
const SCORE_LEVELS = 5;
/** Link-text statistics climb this many levels; deeper nesting only blurs a candidate's link density. */
const STAT_LEVELS = 12;
/** How far the winner may widen, and on what terms (chars of prose gained against chars of clutter). */
const CLIMB_LEVELS = 6;
const SHORT_TEXT_COST = 0.3;
const MIN_CANDIDATE_PROSE = 300;
const CLIMB_MIN_GAIN = 40;
const CLIMB_JUNK_RATIO = 2;
/** A selection with less text than this is not trusted over JSON-LD `articleBody`. */
const MIN_MAIN_CHARS = 250;

/** Clause and sentence punctuation across the scripts of the dev set (Latin, Devanagari, CJK, Arabic). */
const PUNCT = /[,،，、।॥;]/g;

interface Stats {
  text: number;
  link: number;
  /** Characters of prose blocks (long enough, few links) below the element. */
  prose: number;
  /** Characters of everything else below it: link text, short labels. */
  junk: number;
  score: number;
  scored: boolean;
}

function baseScore(el: Element): number {
  let s = 0;
  switch (el.name) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      s = 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      s = 3;
      break;
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'address':
      s = -3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      s = -5;
      break;
  }
  if (el.attribs.itemprop === 'articleBody') s += 50;
  const words = attrWords(el);
  if (words.trim()) {
    if (NEGATIVE.test(words)) s -= 25;
    if (POSITIVE.test(words)) s += 25;
  }
  // A container that is chrome by its class words (an author box, a comment list) is not the article,
  // however much prose it holds. On extraction-dev: recall +9 snippets, no leak.
  if (isChrome(el, el.name)) s -= CHROME_PENALTY;
  return s;
}

/** Score of one prose block: commas and length stand for "this is running text". */
export function blockScore(b: WalkBlock): number {
  if (b.hardChrome || b.caption || b.text.length < MIN_SCORING_CHARS) return 0;
  const punct = b.text.match(PUNCT)?.length ?? 0;
  return 1 + punct + Math.min(Math.floor(b.text.length / 100), 3);
}

function candidateOf(b: WalkBlock): Element | null {
  if (!b.el) return null;
  return PARAGRAPH_TAGS.has(b.tag) ? parentElement(b.el) : b.el;
}

export interface MainSelection {
  blocks: WalkBlock[];
  method: ExtractionMethod;
}

/** Pick the article's blocks out of every block of the page. */
export function selectMain(blocks: WalkBlock[]): MainSelection {
  const stats = new Map<Element, Stats>();
  const statOf = (el: Element): Stats => {
    let s = stats.get(el);
    if (!s) {
      s = { text: 0, link: 0, prose: 0, junk: 0, score: 0, scored: false };
      stats.set(el, s);
    }
    return s;
  };
  for (const b of blocks) {
    const len = b.text.length;
    const isProse = !b.hardChrome && !b.caption && len >= MIN_PROSE_CHARS && b.linkChars < len * 0.3;
    const prose = isProse ? len - b.linkChars : 0;
    // Link text is clutter; short unlinked labels (sub-headings, table cells) only a little; captions not.
    const junk = isProse ? b.linkChars : b.caption ? 0 : b.linkChars + (len - b.linkChars) * SHORT_TEXT_COST;
    // Above its innermost chrome element a block no longer counts: a share bar inside the article body
    // is removed later, so it must not lower the body's score or raise its link density now.
    const stopAt = b.chrome?.el;
    let el: Element | null = b.el;
    for (let i = 0; el && i < STAT_LEVELS; i++, el = parentElement(el)) {
      const s = statOf(el);
      if (!b.hardChrome) {
        s.text += len;
        s.link += b.linkChars;
      }
      s.prose += prose;
      s.junk += junk;
      if (el === stopAt) break;
    }
  }
  for (const b of blocks) {
    const score = blockScore(b);
    if (score === 0) continue;
    const stopAt = b.chrome?.el;
    if (stopAt && (stopAt === b.el || !b.el)) continue;
    let el = candidateOf(b);
    for (let level = 0; el && level < SCORE_LEVELS; level++, el = parentElement(el)) {
      const s = statOf(el);
      if (!s.scored) {
        s.scored = true;
        s.score += baseScore(el);
      }
      s.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      if (el === stopAt) break;
    }
  }
  const final = (el: Element): number => {
    const s = stats.get(el);
    if (!s?.scored) return 0;
    const density = s.text > 0 ? s.link / s.text : 0;
    // A class bonus alone must not crown a caption: a container needs some prose of its own.
    const thin = s.prose < MIN_CANDIDATE_PROSE ? 0.5 : 1;
    return (s.score + s.prose / PROSE_CHARS_PER_POINT) * (1 - density) * thin;
  };

  const marked = markedBodies(blocks);
  let top: Element | null = null;
  let topScore = 0;
  for (const [el, s] of stats) {
    if (!s.scored) continue;
    const f = final(el);
    if (f > topScore) [top, topScore] = [el, f];
  }

  const keep = new Set<Element>();
  let method: ExtractionMethod = 'scored-container';
  if (marked.length && (!top || markedHoldsTop(marked, top, stats))) {
    for (const el of marked) keep.add(el);
    method = 'article-body';
  } else if (top) {
    top = climb(top, stats);
    for (const el of withSiblings(top, final(top), final, stats)) keep.add(el);
  }
  const inKept = (start: Element | null): boolean => {
    for (let el = start; el; el = parentElement(el)) if (keep.has(el)) return true;
    return false;
  };
  // Chrome inside the article (a share bar, a related list) is dropped; chrome words on wrappers above it
  // (`has-sidebar`, `layout-with-ads`) say nothing about the article.
  const chromeInside = (b: WalkBlock): boolean => {
    for (let c = b.chrome; c; c = c.next) if (!keep.has(c.el) && inKept(c.el)) return true;
    return false;
  };
  const keptSet = new Set(
    blocks.filter((b) => !b.hardChrome && !b.caption && inKept(b.el) && !chromeInside(b)),
  );
  for (const b of leadBlocks(blocks, keptSet, keep)) keptSet.add(b);
  return { blocks: dropOrphanHeadings(blocks, keptSet), method };
}

/**
 * Widen the winner while its parent adds clearly more prose than clutter: bodies whose paragraphs sit in
 * wrappers of their own (page builders, CMS "paragraph" components) score each wrapper separately.
 */
function climb(top: Element, stats: Map<Element, Stats>): Element {
  let cur = top;
  let el = parentElement(top);
  // Wrappers that add nothing are passed over: the test is against the last accepted element.
  for (let level = 0; el && level < CLIMB_LEVELS; level++, el = parentElement(el)) {
    if (el.name === 'body' || el.name === 'html') break;
    const a = stats.get(cur)!;
    const b = stats.get(el);
    if (!b) break;
    const gain = b.prose - a.prose;
    const cost = b.junk - a.junk;
    if (gain >= CLIMB_MIN_GAIN && gain >= cost * CLIMB_JUNK_RATIO) {
      cur = el;
      level = 0;
    }
  }
  return cur;
}

const HEADING = /^h[1-6]$/;
const isLinkList = (b: WalkBlock): boolean => b.linkChars > b.text.length * 0.5;

/**
 * A heading that heads nothing but links ("More on this", "Read also") or ends the selection is a label of
 * the page, not of the article. Short lead-in lines ending in a colon count as headings here.
 */
function dropOrphanHeadings(all: WalkBlock[], kept: Set<WalkBlock>): WalkBlock[] {
  const out: WalkBlock[] = [];
  for (let i = 0; i < all.length; i++) {
    const b = all[i]!;
    if (!kept.has(b)) continue;
    const heading = HEADING.test(b.tag) || (b.text.length <= 60 && b.text.endsWith(':'));
    if (heading && b.text.length <= 150) {
      // What the heading introduces is the next block of the page: dropped chrome or links mean a label.
      const next = all[i + 1];
      if (!next || !kept.has(next) || isLinkList(next)) continue;
    }
    out.push(b);
  }
  return out;
}

/** A marked body is trusted unless the best-scored container holds far more text outside it. */
function markedHoldsTop(marked: Element[], top: Element, stats: Map<Element, Stats>): boolean {
  const markedText = marked.reduce((n, el) => n + (stats.get(el)?.text ?? 0), 0);
  if (markedText < MIN_SCORING_CHARS * 4) return false;
  for (let el: Element | null = top; el; el = parentElement(el)) if (marked.includes(el)) return true;
  return markedText >= (stats.get(top)?.text ?? 0) * 0.5;
}

/** The winner plus siblings that also carry prose: article bodies split by ads or figures. */
function withSiblings(
  top: Element,
  topScore: number,
  final: (el: Element) => number,
  stats: Map<Element, Stats>,
): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class;
  const out: Element[] = [];
  for (const node of parent.children) {
    if (node.type !== 'tag') continue;
    const sib = node as Element;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    let bonus = 0;
    if (topClass && sib.attribs.class === topClass) bonus = topScore * 0.2;
    if (final(sib) + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    if (sib.name === 'p') {
      const s = stats.get(sib);
      if (!s || s.text === 0) continue;
      const density = s.link / s.text;
      if ((s.text > 80 && density < 0.25) || (s.text > 0 && density === 0 && endsSentence(sib)))
        out.push(sib);
    }
  }
  return out;
}

function endsSentence(el: Element): boolean {
  const last = el.children.at(-1);
  const data = last && last.type === 'text' ? (last as unknown as { data: string }).data.trim() : '';
  return /[.।!?]$/.test(data);
}

export { densestBlock } from './marked.ts';
export { MIN_MAIN_CHARS };
