/**
 * One pass over an htmlparser2 DOM that cuts the visible text into blocks (paragraph-like runs of text
 * between block-level boundaries) and remembers, for each block, the element it sits in and whether an
 * ancestor marks it as page chrome or a caption. The walk is iterative: hostile pages nest tens of
 * thousands of elements, which a recursive walk turns into a stack overflow.
 */
import type { AnyNode, Element } from 'domhandler';
import { squash } from '../core/text.ts';
import { WordCache } from '../core/word-cache.ts';

/**
 * Elements whose content is never visible article text. Not `form` (ASP.NET pages wrap the whole body in
 * one) and not `head` (htmlparser2 does not re-parent, so a page that never closes its head keeps its body
 * there): their children are walked like any other. Ruby readings (`rt`, `rp`) are glosses printed above the
 * base text; kept inline they would split every annotated word ("漢字かんじ").
 */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'input', 'option',
  'textarea', 'title', 'meta', 'link', 'object', 'embed', 'canvas', 'video', 'audio', 'picture', 'map', 'math', 'dialog',
  'rt', 'rp',
]); // biome-ignore format: list

/** Elements that end one block of text and start another. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'td', 'th', 'tr', 'table', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'header',
  'footer', 'nav', 'aside', 'br', 'hr', 'address', 'center', 'body', 'html', 'menu', 'details', 'summary',
  'caption', 'tbody', 'thead', 'tfoot',
]); // biome-ignore format: list

/** Elements that are page chrome wherever they stand. */
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'menu']);

/**
 * Class/id words of page chrome, as whole words of the attribute (`share-bar`, `related_posts`). Calibrated
 * on the extraction dev set; a word here must be chrome on nearly every page that uses it.
 */
const CHROME_ATTR =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|share|sharing|shares|social|socials|related|trending|breadcrumbs?|comments?|commentlist|comment-list|respond|advert|advertisement|ads?|adv|ad-slot|promo|newsletter|subscribe|subscription|cookie|cookies|consent|popup|modal|recommend(?:ed|ations)?|more-stories|also-read|tags|tagcloud|tag-cloud|masthead|site-header|top-bar|banner|disqus|sponsor|sponsored|outbrain|taboola|pagination|pager|author-box|author-bio|author-info|about-author|bio|authorbox|author-description|about-the-author|mini-bio|author[-_](?:card|image|profile|personal[-_]info)|user-profile|saboxplugin-wrap|disclosure|affiliate|contact|citation|citate|kommentar|kommentare|entry-utility|postmetadata|cta|byline|meta-data|post-meta|entry-meta|article-meta|teaser|teasers|disclaimer|notice|slider|carousel|toolbar|feedback|survey|poll|login|overlay|lightbox|flyout|offcanvas|paywall|donate|donation|signup|sign-up|rating|ratings|credits?|dateline|publish-date|post-date|entry-date|timestamp|skip-link|screen-reader-text|visually-hidden|sr-only)(?:$|[\s_-])/i;
/** Words that overrule a chrome word on the same element (`article-share` stays chrome; `content-sidebar`?). */
const CONTENT_ATTR =
  /(?:^|[\s_-])(?:article|articlebody|article-body|story|story-body|content|post|post-content|entry|entry-content|body|main|text|news-detail|detail|hentry|blog)(?:$|[\s_-])/i;
/** Chrome words that no content word overrules. */
const HARD_CHROME_ATTR =
  /(?:^|[\s_-])(?:share|sharing|social|related|comments?|commentlist|newsletter|breadcrumbs?|advert|advertisement|outbrain|taboola|cookie|consent|tags|tagcloud|screen-reader-text|sr-only|visually-hidden|also-read|more-stories|recommended)(?:$|[\s_-])/i;

/** A run of text between block boundaries. */
export interface WalkBlock {
  text: string;
  /** Characters of `text` inside links. */
  linkChars: number;
  /** The block-level element the text sits in (a `p`, or the `div` for loose text). */
  el: Element | null;
  tag: string;
  /** Chrome ancestors, innermost first; whether they matter depends on where the article is. */
  chrome: ChromeLink | null;
  /** Inside an element that is chrome by its tag or role (`nav`, `footer`, `aside`): never article text. */
  hardChrome: boolean;
  caption: boolean;
}

/** One element marked as chrome, linked to the chrome elements above it. */
export interface ChromeLink {
  el: Element;
  next: ChromeLink | null;
}

export interface WalkResult {
  blocks: WalkBlock[];
}

const isTag = (n: AnyNode | null | undefined): n is Element =>
  !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

/**
 * The class, id and role words of an element that say something about its role. Taxonomy classes that
 * CMSs add by the dozen (`tag-football`, `category-sports`, `post-1234`, `author-jane`) and state modifiers
 * (`has-sidebar`, `no-share`, `is-open`) are left out: on the dev set they put chrome words on article
 * containers. `author-box`, `author-bio`, `author-info` and `author-description` are roles, not taxonomy,
 * and stay.
 */
export function attrWords(el: Element): string {
  return attrInfo(el)?.words ?? '';
}

/** What an element's class, id and role strings say: their words, and (asked lazily) the chrome verdict. */
interface AttrInfo {
  words: string;
  /** chromeByWords(words); undefined until isChrome asks. */
  chrome: boolean | undefined;
}

/** The {@link AttrInfo} of an element's attribute strings, remembered per string; undefined: none set. */
function attrInfo(el: Element): AttrInfo | undefined {
  const a = el.attribs;
  // A heading's id is an anchor made from its own words ("nav_only-the-foil-remains", "related-research"),
  // not a role.
  const id = HEADING_TAG.test(el.name) ? undefined : a.id;
  if (a.class === undefined && id === undefined && a.role === undefined) return undefined;
  // The walk, the scorer and the lead search all ask about the same elements, and a page repeats its
  // class names on many elements: each distinct attribute string is split once, and its chrome verdict
  // kept with its words (one lookup where two were made). Most elements carry a class alone: the
  // parser's own string is the key, with no string built to look it up.
  const classOnly = id === undefined && a.role === undefined;
  const cache = classOnly ? classWordsCache : wordsCache;
  const key = classOnly ? a.class! : `${a.class ?? ''} ${id ?? ''} ${a.role ?? ''}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const raw = classOnly ? `${key}  ` : key;
  let out = '';
  if (raw.length >= 3)
    for (const tok of raw.split(/\s+/)) {
      if (!tok || NOISE_TOKEN.test(tok)) continue;
      // camelCase parts are words too: `relatedPost`, `sectionRating`, `kommentarModul`.
      out += ` ${CAMEL.test(tok) ? tok.replace(CAMEL_SPLIT, '$1-') : tok}`;
    }
  const info: AttrInfo = { words: out, chrome: undefined };
  cache.set(key, info);
  return info;
}

const HEADING_TAG = /^h[1-6]$/;

/** Attribute string → its words; bounded (class names are site-specific, crawls see many sites). */
// Half of the 20,000 entries a one-map cache held: a WordCache keeps two generations of this size.
const WORDS_CACHE_LIMIT = 10_000;
/** Longer attribute strings (utility-class soups, hostile megabyte attributes) are split afresh each time. */
const MAX_CACHED_ATTR = 1000;
const wordsCache = new WordCache<AttrInfo>(WORDS_CACHE_LIMIT, MAX_CACHED_ATTR);
/** The same for elements with a class and no id or role, keyed by the class alone. */
const classWordsCache = new WordCache<AttrInfo>(WORDS_CACHE_LIMIT, MAX_CACHED_ATTR);

/**
 * A camelCase joint between words of three letters or more (`relatedPost`, `BoxTeaser`); a
 * generated hash (`adFwik`, `ucPqAD`) is left whole, so that no chance `ad` part makes it chrome.
 */
const CAMEL = /[A-Za-z][a-z]{2}[A-Z][a-z]{2}/;
const CAMEL_SPLIT = /([A-Za-z][a-z]{2})(?=[A-Z][a-z]{2})/g;

const NOISE_TOKEN =
  /^(?!(?:post[-_])?author[-_]{1,2}(?:box|bio|info|description|card|image|profile)(?=$|[-_])|post[-_]{1,2}(?:author[-_]{1,2}bio|ratings?)(?=$|[-_]))(?:tag|tags|category|categories|post|postid|page-id|page|author|format|status|type|has|no|with|is|js|without)[-_]/i;

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Chrome by tag or ARIA role: reliable wherever the element stands. */
function isHardChrome(el: Element, name: string): boolean {
  return CHROME_TAGS.has(name) || el.attribs.role === 'navigation' || el.attribs.role === 'complementary';
}

/** Chrome by class or id words: reliable only below the article container (wrappers carry `has-sidebar`). */
export function isChrome(el: Element, name: string): boolean {
  if (isHardChrome(el, name)) return true;
  if (name === 'body' || name === 'html' || name === 'main') return false;
  // An article's own <header> holds its headline, standfirst and byline: not body text. A <form> inside the
  // article is a login or comment box; a form around the whole page (ASP.NET) lies above the article and so
  // does not count (chrome only matters below the chosen container).
  if (name === 'header' || name === 'form') return true;
  if (el.attribs.itemprop === 'articleBody') return false;
  const info = attrInfo(el);
  if (info === undefined || info.words.length < 3) return false;
  // The verdict depends on the words alone: kept with them.
  info.chrome ??= chromeByWords(info.words);
  return info.chrome;
}

function chromeByWords(words: string): boolean {
  // Per token: `article-meta` is chrome although it says "article"; `entry-content` is content.
  let chrome = false;
  for (const tok of words.split(' ')) {
    if (!tok) continue;
    if (CHROME_ATTR.test(tok)) {
      if (HARD_CHROME_ATTR.test(tok)) return true;
      chrome = true;
    } else if (CONTENT_ATTR.test(tok)) return false;
  }
  return chrome;
}

/** Class words of a caption box (`wp-caption-text`, `media__caption`, `image-legend`). */
const CAPTION_ATTR = /(?:^|[\s_-])(?:caption|legend)(?:-text)?(?:\s|$)/i;
/** A caption box holds a line or two; more than this is an unclosed wrapper that swallowed the page. */
const MAX_CAPTION_CHARS = 400;
const MAX_CAPTION_NODES = 400;

/** An element that its class words call a caption, and that is short enough to be one. */
function isCaptionBox(el: Element): boolean {
  // Most elements carry neither word: a plain substring test spares them the token split.
  const cls = `${el.attribs.class ?? ''}${el.attribs.id ?? ''}`.toLowerCase();
  if (!cls.includes('caption') && !cls.includes('legend')) return false;
  if (!CAPTION_ATTR.test(attrWords(el))) return false;
  let chars = 0;
  let nodes = 0;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    // Nested caption boxes would each scan what the outer one scanned: a caption is small in nodes too.
    if (++nodes > MAX_CAPTION_NODES) return false;
    if (n.type === 'text') {
      chars += (n as unknown as { data: string }).data.length;
      if (chars > MAX_CAPTION_CHARS) return false;
    } else if (isTag(n)) for (const c of n.children) stack.push(c);
  }
  return true;
}

/** Marks, on the walk's stack, where an element's children end: its saved state is restored there. */
const CLOSE = Symbol('close');

// Bits of the state an element saves when it opens (see walkBlocks).
const F_BLOCK = 1;
const F_HARD = 2;
const F_CAPTION = 4;
const F_LINK = 8;
const F_NOSCRIPT = 16;

/** Cut the visible text of `root` into blocks, in document order. */
export function walkBlocks(root: AnyNode): WalkResult {
  const blocks: WalkBlock[] = [];
  let buf: string[] = [];
  let linkChars = 0;
  let curEl: Element | null = null;
  let curTag = 'root';
  let chrome: ChromeLink | null = null;
  let hard = false;
  let caption = false;
  let inLink = false;
  // Inside a <noscript> already found to hold prose: the ones nested in it are walked without a new scan.
  let inNoscript = false;

  const flush = (): void => {
    if (buf.length === 0) return;
    const text = squash(buf.join(''));
    if (text)
      blocks.push({
        text,
        linkChars: Math.min(linkChars, text.length),
        el: curEl,
        tag: curTag,
        chrome,
        hardChrome: hard,
        caption,
      });
    buf = [];
    linkChars = 0;
  };

  // Explicit stack of nodes, with CLOSE after an element's children; the state each open element saved is
  // on four parallel stacks (no object per element: the walk made one per element of every page).
  const stack: (AnyNode | typeof CLOSE)[] = [root];
  const savedEl: (Element | null)[] = [];
  const savedTag: string[] = [];
  const savedChrome: (ChromeLink | null)[] = [];
  const savedFlags: number[] = [];
  while (stack.length) {
    const item = stack.pop()!;
    if (item === CLOSE) {
      // closing an element
      const flags = savedFlags.pop()!;
      const prevEl = savedEl.pop()!;
      const prevTag = savedTag.pop()!;
      const prevChrome = savedChrome.pop()!;
      if (flags & F_BLOCK) {
        flush();
        curEl = prevEl;
        curTag = prevTag;
        chrome = prevChrome;
        hard = (flags & F_HARD) !== 0;
        caption = (flags & F_CAPTION) !== 0;
      }
      inLink = (flags & F_LINK) !== 0;
      inNoscript = (flags & F_NOSCRIPT) !== 0;
      continue;
    }
    const node = item;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      buf.push(data);
      if (inLink) linkChars += data.trim().length;
      continue;
    }
    if (node.type === 'root') {
      const kids = (node as unknown as { children: AnyNode[] }).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      continue;
    }
    if (!isTag(node)) continue;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if ((SKIP.has(name) && !(name === 'noscript' && (inNoscript || holdsProse(el)))) || isHidden(el))
      continue;
    const block = BLOCK.has(name);
    savedEl.push(curEl);
    savedTag.push(curTag);
    savedChrome.push(chrome);
    savedFlags.push(
      (block ? F_BLOCK : 0) |
        (hard ? F_HARD : 0) |
        (caption ? F_CAPTION : 0) |
        (inLink ? F_LINK : 0) |
        (inNoscript ? F_NOSCRIPT : 0),
    );
    if (block) {
      flush();
      curEl = el;
      curTag = name;
      if (isChrome(el, name)) {
        chrome = { el, next: chrome };
        if (isHardChrome(el, name)) hard = true;
      }
      if (name === 'figure' || name === 'figcaption' || isCaptionBox(el)) caption = true;
    }
    if (name === 'a') inLink = true;
    if (name === 'noscript') inNoscript = true;
    stack.push(CLOSE);
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  flush();
  return { blocks };
}

/** Paragraphs and characters of text that make a `<noscript>` the page's only copy of its article. */
const NOSCRIPT_MIN_PARAGRAPHS = 2;
const NOSCRIPT_MIN_CHARS = 300;

/**
 * A `<noscript>` that holds paragraphs of prose, not a tracking pixel or a "please enable JavaScript"
 * line: some blog platforms ship the article only there and in a script template.
 */
function holdsProse(el: Element): boolean {
  let paragraphs = 0;
  let chars = 0;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') chars += (n as unknown as { data: string }).data.trim().length;
    else if (isTag(n)) {
      if (n.name === 'p') paragraphs++;
      if (paragraphs >= NOSCRIPT_MIN_PARAGRAPHS && chars >= NOSCRIPT_MIN_CHARS) return true;
      for (const c of n.children) stack.push(c);
    }
  }
  return paragraphs >= NOSCRIPT_MIN_PARAGRAPHS && chars >= NOSCRIPT_MIN_CHARS;
}

export const parentElement = (el: AnyNode | null): Element | null =>
  el?.parent && isTag(el.parent as AnyNode) ? (el.parent as Element) : null;

/**
 * The page's own `<body>` or `<html>`, not one a CMS pasted inside the article (htmlparser2 keeps a nested
 * `<html><body>` where it stands, and the body text then sits in it).
 */
export function isDocumentLevel(el: Element): boolean {
  const up = parentElement(el);
  return !up || (up.name === 'html' && !parentElement(up));
}
