/**
 * The standfirst: the lead paragraph(s) that many CMSs put just above the body, in the article's `<header>`
 * or in a `teaser`/`intro`/`excerpt` box, so that the container scoring the body best leaves them out.
 * Taken back when they stand right before the first kept block, close to the kept container in the tree,
 * and read as prose (long, almost no links). Bylines, datelines, headlines and link boxes in between are
 * passed over; page chrome by tag, a share bar, or a block far away in the tree ends the search. A lead
 * in chrome must be in the `<header>` or a teaser-like box, never in a byline or date line. On
 * extraction-dev (look-back 30 blocks, 6 levels): 58 more snippets found for 5 more leaked.
 */
import type { Element } from 'domhandler';
import { attrWords, isDocumentLevel, parentElement, type WalkBlock } from './dom-walk.ts';

/** A lead shorter than this is a kicker, a byline or a label. */
const MIN_LEAD_CHARS = 60;
/** Blocks passed over (short ones) or taken before the search gives up. */
const MAX_LOOKBACK = 30;
const MAX_LEADS = 4;
/** How far above the kept container the lead and the body may meet; more when they meet in `<article>`. */
const NEAR_LEVELS = 6;
const ARTICLE_LEVELS = 9;

/** Levels from `el` up to `anc`, or -1 when `anc` is not above it within `max`. */
function levelsUp(el: Element | null, anc: Element, max: number): number {
  for (let i = 0; el && i <= max; i++, el = parentElement(el)) if (el === anc) return i;
  return -1;
}

/**
 * Blocks just before the first kept block that are the article's lead, in document order.
 * `keep` holds the kept containers; `kept` the kept blocks.
 */
export function leadBlocks(all: WalkBlock[], kept: Set<WalkBlock>, keep: Set<Element>): WalkBlock[] {
  const first = all.findIndex((b) => kept.has(b));
  if (first <= 0) return [];
  const firstEl = all[first]!.el;
  // The kept container that holds the first kept block.
  let container: Element | null = null;
  for (let el = firstEl; el; el = parentElement(el)) if (keep.has(el)) container = el;
  if (!container) return [];
  const out: WalkBlock[] = [];
  for (let i = first - 1, seen = 0; i >= 0 && seen < MAX_LOOKBACK && out.length < MAX_LEADS; i--) {
    const b = all[i]!;
    if (b.hardChrome || !b.el) break;
    if (b.caption) continue;
    seen++;
    const len = b.text.length;
    // Chrome links in the article head (a share bar, a tag list) end it: what lies above is page header.
    // A short byline or date line with a link (the author's page) is passed over like one without.
    if (
      b.chrome &&
      b.linkChars > len * 0.5 &&
      !leadChromeOk(b, container) &&
      !(len < MIN_LEAD_CHARS && isByline(b))
    )
      break;
    if (len < MIN_LEAD_CHARS) continue;
    // A link list between lead and body (a "more on this" box in the article head) is passed over.
    if (b.linkChars > len * 0.1) continue;
    if (!meetsNear(b.el, container)) break;
    if (!leadChromeOk(b, container)) continue;
    out.push(b);
  }
  return out.reverse();
}

/** Chrome words that a lead box may carry (`teaser-text`, `article-teaser`); bylines and meta lines may not. */
const LEAD_BOX = /teaser|intro|lead|summary|excerpt|standfirst|subtitle/i;
const NOT_LEAD_BOX = /byline|meta|date|time|author|share|social/i;
const BYLINE_BOX = /byline|meta|date|time|author/i;

/** A block inside a byline, author or date element. */
function isByline(b: WalkBlock): boolean {
  for (let c = b.chrome; c; c = c.next) if (BYLINE_BOX.test(attrWords(c.el))) return true;
  return false;
}

/**
 * A lead may sit in the article's `<header>` or in a box its class calls a teaser, but not in a byline,
 * date or share element; chrome above the kept container (a wrapper of both) does not count.
 */
function leadChromeOk(b: WalkBlock, container: Element): boolean {
  for (let c = b.chrome; c; c = c.next) {
    if (levelsUp(container, c.el, 64) >= 0) continue;
    if (c.el.name === 'header') continue;
    const words = attrWords(c.el);
    if (!LEAD_BOX.test(words) || NOT_LEAD_BOX.test(words)) return false;
  }
  return true;
}

/** Whether `el` and `container` meet close above the container (or inside one `<article>`/`<main>`). */
function meetsNear(el: Element, container: Element): boolean {
  let anc: Element | null = container;
  for (let up = 0; anc && up <= ARTICLE_LEVELS; up++, anc = parentElement(anc)) {
    if ((anc.name === 'body' || anc.name === 'html') && isDocumentLevel(anc)) return false;
    if (levelsUp(el, anc, 12) < 0) continue;
    return up <= NEAR_LEVELS || anc.name === 'article' || anc.name === 'main';
  }
  return false;
}
