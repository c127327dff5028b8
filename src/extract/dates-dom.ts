/**
 * The visible side of a page's dates: one iterative pass over the DOM that collects <time> elements,
 * microdata and byline lines, each ranked by where it sits (the article and its header first; related-story
 * lists, asides, footers and embedded posts not at all).
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapseSpace } from '../core/text.ts';
import { WordCache } from '../core/word-cache.ts';
import {
  DATELINE_ANYWHERE,
  findHumanDate,
  labelledDate,
  parseDateValue,
  UPDATED_ANYWHERE,
} from './published.ts';

/** Longest visible line read as a byline; longer blocks are prose. */
const MAX_LINE = 200;
/** Most lines and <time> elements kept from one page. */
const MAX_HITS = 2000;
/** Elements scanned for bylines and <time>: the byline sits near the top, long pages stop early. */
const MAX_SCAN = 20_000;

/** Elements whose text is never a byline. */
// biome-ignore format: list
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'select', 'iframe', 'button']);
// biome-ignore format: list
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'li', 'ul', 'ol', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'dl', 'figure', 'figcaption',
  'blockquote', 'br', 'hr', 'address',
]);
// Quotations and embedded posts (tweets in blockquotes) carry their own dates, not the article's.
const BAD_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'form', 'blockquote']);
/** Containers of other stories and page chrome, whose dates are not this article's. */
const BAD_ATTR =
  /related|trending|recommend|more-?stor|also-?read|side-?bar|widget|popular|most-?read|latest|top-?stor|read-?more|you-?may|taboola|outbrain|listing|carousel|slider|ticker|comment|footer|navbar|nav-|menu|masthead|top-?bar|site-?header|breadcrumb|newsletter|promo|tweet|instagram|embed/;
/** The article itself and its header. */
const GOOD_ATTR = /article|story|byline|dateline|headline|entry|post-|news-?detail|author/;
/** Elements that hold a byline or date. */
const DATE_ATTR = /date|time|byline|publish|posted|updated|stamp|meta|info/;

/** A cheap first test for the dateline labels of published.ts (which use slower Unicode look-arounds). */
const LABEL_WORD =
  /publish|posted|pub ?date|date|updated|modified|प्रकाश|पब्लिश|दिनांक|तारीख|अपडेट|अद्यतन|संशोधित/i;

/** Where an element sits; shared by the elements it is the same for, so never changed once made. */
interface Ctx {
  readonly bad: boolean;
  readonly good: boolean;
  readonly dateish: boolean;
  readonly li: boolean;
}
/** A candidate time with its rank (0 best): the article's header, then after the headline, then elsewhere. */
export interface Hit {
  iso: string;
  source: string;
  rank: number;
}

const GOOD = 1;
const BAD = 2;
const DATEISH = 4;
/** Class (and id) strings → their GOOD/BAD/DATEISH bits: a page repeats its class names on many elements. */
// 10,000 a generation, two generations: the 20,000 entries the one-map caches held.
const classFlags = new WordCache<number>(10_000, 1000);
const classIdFlags = new WordCache<number>(10_000, 1000);

function attrFlags(el: Element): number {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (cls === undefined && id === undefined) return 0;
  const cache = id === undefined ? classFlags : classIdFlags;
  const key = id === undefined ? cls! : `${cls ?? ''} ${id}`;
  let flags = cache.get(key);
  if (flags === undefined) {
    const a = `${cls ?? ''} ${id ?? ''}`.slice(0, 500).toLowerCase();
    flags = (GOOD_ATTR.test(a) ? GOOD : 0) | (BAD_ATTR.test(a) ? BAD : 0) | (DATE_ATTR.test(a) ? DATEISH : 0);
    cache.set(key, flags);
  }
  return flags;
}

function childCtx(el: Element, parent: Ctx): Ctx {
  const name = el.name.toLowerCase();
  const flags = attrFlags(el);
  const goodAttr = (flags & GOOD) !== 0;
  const itemprop = (el.attribs.itemprop ?? '').toLowerCase();
  const good =
    parent.good ||
    name === 'article' ||
    name === 'main' ||
    itemprop === 'articlebody' ||
    /article/i.test(el.attribs.itemtype ?? '') ||
    goodAttr;
  const bad = parent.bad || BAD_TAGS.has(name) || (flags & BAD) !== 0;
  const dateish = parent.dateish || (flags & DATEISH) !== 0;
  const li = (parent.li && !goodAttr) || (name === 'li' && !parent.good);
  // Most elements change nothing: they share their parent's context (contexts are never changed).
  if (bad === parent.bad && good === parent.good && dateish === parent.dateish && li === parent.li)
    return parent;
  return { bad, good, dateish, li };
}

function rankOf(ctx: Ctx, afterH1: boolean): number {
  if (ctx.bad) return Number.POSITIVE_INFINITY;
  if (ctx.good) return ctx.li ? 1 : 0;
  if (ctx.li) return Number.POSITIVE_INFINITY;
  return afterH1 ? 1 : 2;
}

export interface PageHits {
  times: Hit[];
  itemprops: Hit[];
  published: Hit[];
  plain: Hit[];
  updated: Hit[];
  modified: Hit[];
}

/** One iterative pass over the DOM collecting <time>, microdata and byline candidates with their rank. */
export function scanPage($: CheerioAPI): PageHits {
  const hits: PageHits = { times: [], itemprops: [], published: [], plain: [], updated: [], modified: [] };
  let afterH1 = false;
  let buf = '';
  let bufCtx: Ctx | undefined;
  const read = (text: string, ctx: Ctx) => {
    const rank = rankOf(ctx, afterH1);
    if (!Number.isFinite(rank)) return;
    const labelled = LABEL_WORD.test(text);
    const pub = labelled ? labelledDate(text, DATELINE_ANYWHERE) : undefined;
    const upd = labelled && !pub ? labelledDate(text, UPDATED_ANYWHERE) : undefined;
    if (pub) hits.published.push({ iso: pub.iso, source: `byline: ${pub.from}`, rank });
    else if (upd) hits.updated.push({ iso: upd.iso, source: `byline: ${upd.from}`, rank });
    else if (ctx.dateish && rank <= 1 && text.length <= 120) {
      const f = findHumanDate(text);
      if (f) hits.plain.push({ iso: f.iso, source: `byline: ${text}`, rank });
    }
  };
  const flush = () => {
    const text = collapseSpace(buf).trim();
    const room = hits.published.length + hits.updated.length + hits.plain.length < MAX_HITS;
    // Every date form has a digit (ASCII or Devanagari): most lines are rejected by one cheap test.
    if (bufCtx && room && text.length <= MAX_LINE && /[0-9\u0966-\u096f]/.test(text)) read(text, bufCtx);
    buf = '';
    bufCtx = undefined;
  };
  const root: Ctx = { bad: false, good: false, dateish: false, li: false };
  // Parallel stacks of nodes and their contexts; a null context marks the end of an element's children
  // (no object per node: the scan made one per node and one more per element).
  const nodes: AnyNode[] = [...$.root()[0]!.children].reverse();
  const ctxs: (Ctx | null)[] = nodes.map(() => root);
  let scanned = 0;
  while (nodes.length && scanned < MAX_SCAN) {
    const node = nodes.pop()!;
    const ctx = ctxs.pop()!;
    if (ctx === null) {
      const exit = node as Element;
      if (BLOCK.has(exit.name.toLowerCase())) flush();
      else buf += ' ';
      if (exit.name.toLowerCase() === 'h1') afterH1 = true;
      continue;
    }
    if (node.type === 'text') {
      if (buf.length < MAX_LINE * 4) buf += (node as unknown as { data: string }).data;
      // A line that spans elements is bad or dateish if any part is (a new context only when that changes).
      if (!bufCtx) bufCtx = ctx;
      else if ((ctx.bad && !bufCtx.bad) || (ctx.dateish && !bufCtx.dateish))
        bufCtx = { ...bufCtx, bad: bufCtx.bad || ctx.bad, dateish: bufCtx.dateish || ctx.dateish };
      continue;
    }
    if (node.type === 'root') {
      const kids = (node as unknown as { children: AnyNode[] }).children;
      for (let i = kids.length - 1; i >= 0; i--) {
        nodes.push(kids[i]!);
        ctxs.push(ctx);
      }
      continue;
    }
    if (node.type !== 'tag') continue;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (SKIP.has(name)) continue;
    scanned++;
    if (BLOCK.has(name)) flush();
    else buf += ' ';
    const c = childCtx(el, ctx);
    collectElement($, el, c, rankOf(c, afterH1), hits);
    nodes.push(el);
    ctxs.push(null);
    for (let i = el.children.length - 1; i >= 0; i--) {
      nodes.push(el.children[i]!);
      ctxs.push(c);
    }
  }
  flush();
  return hits;
}

/**
 * An itemprop date's value: its content or datetime attribute, else its text. A function of the module,
 * not a closure made per element (the loader, tsx with keepNames, names each closure as it is made: 12 ms
 * over 495 real pages).
 */
function itempropValue($: CheerioAPI, el: Element): string {
  return (
    el.attribs.content ??
    el.attribs.datetime ??
    $(el)
      .text()
      .slice(0, MAX_LINE * 2)
  );
}

function collectElement($: CheerioAPI, el: Element, ctx: Ctx, rank: number, hits: PageHits): void {
  if (!Number.isFinite(rank) || hits.times.length >= MAX_HITS) return;
  const name = el.name.toLowerCase();
  const itemprop = (el.attribs.itemprop ?? '').toLowerCase();
  if (itemprop === 'datepublished' || itemprop === 'datecreated') {
    const iso = parseDateValue(itempropValue($, el));
    if (iso) hits.itemprops.push({ iso, source: `itemprop:${el.attribs.itemprop}`, rank });
  } else if (itemprop === 'datemodified') {
    const iso = parseDateValue(itempropValue($, el));
    if (iso) hits.modified.push({ iso, source: 'itemprop:dateModified', rank: rank + 10 });
  } else if (name === 'time') {
    const pubdate = el.attribs.pubdate !== undefined;
    const attr = el.attribs.datetime;
    const iso = parseDateValue(
      attr ??
        $(el)
          .text()
          .slice(0, MAX_LINE * 2),
    );
    if (!iso) return;
    const source = pubdate ? 'time[pubdate]' : attr !== undefined ? 'time[datetime]' : 'time';
    // Marked by the page as its own (pubdate) beats position; a <time> in a byline beats one elsewhere.
    const r = pubdate ? Math.min(rank, 0) : ctx.dateish ? rank - 0.5 : rank;
    hits.times.push({ iso, source, rank: r });
  }
}
