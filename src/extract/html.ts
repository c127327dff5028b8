/**
 * HTML → ExtractedDocument. Main text is found by structure and text density (a readability-style
 * score over block containers), never by per-site rules. One htmlparser2 DOM is built per page and
 * shared: cheerio wraps the same DOM for the metadata queries.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { squash } from '../core/text.ts';
import type { Block, ExtractedDocument } from './blocks.ts';
import { readMetadata } from './metadata.ts';
import { DATELINE_ANYWHERE, parseHumanDate } from './published.ts';

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'select', 'input',
  'textarea', 'head', 'object', 'embed', 'canvas', 'video', 'audio', 'picture', 'map',
]); // biome-ignore format: list
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'td', 'tr', 'table', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'header', 'footer',
  'nav', 'aside', 'br', 'hr', 'address', 'center',
]); // biome-ignore format: list
const BOILER_TAGS = new Set(['nav', 'footer', 'aside', 'header', 'menu']);
/** Class/id words that mark page chrome; matched as whole words of the attribute. */
const BOILER_ATTR =
  /(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|side-bar|share|sharing|social|related|trending|breadcrumbs?|comments?|advert|ads?|ad-slot|promo|newsletter|subscribe|cookie|popup|modal|widget|recommend(?:ed|ations)?|more-stories|also-read|tags?|masthead|site-header|top-bar)(?:$|[\s_-])/i;
const POSITIVE_ATTR =
  /(?:^|[\s_-])(?:article|story|content|post|entry|body|main|text|news-detail|detail)(?:$|[\s_-])/i;

interface RawBlock extends Block {
  container: Element | null;
  boiler: boolean;
  caption: boolean;
}

interface WalkState {
  blocks: RawBlock[];
  buf: string[];
  linkChars: number;
  container: Element | null;
  tag: string;
  boiler: boolean;
  caption: boolean;
  inLink: boolean;
}

function attrs(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''} ${el.attribs.role ?? ''}`;
}

function flush(st: WalkState): void {
  const text = squash(st.buf.join(''));
  if (text) {
    st.blocks.push({
      text,
      linkDensity: Math.min(1, st.linkChars / text.length),
      tag: st.tag,
      container: st.container,
      boiler: st.boiler,
      caption: st.caption,
    });
  }
  st.buf = [];
  st.linkChars = 0;
}

function walk(node: AnyNode, st: WalkState): void {
  if (node.type === 'text') {
    const data = (node as unknown as { data: string }).data;
    st.buf.push(data);
    if (st.inLink) st.linkChars += squash(data).length;
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return;
  const el = node as Element;
  const name = node.type === 'root' ? 'root' : el.name.toLowerCase();
  if (SKIP.has(name)) return;
  if (el.attribs?.hidden !== undefined || /display\s*:\s*none/i.test(el.attribs?.style ?? '')) return;
  const isBlock = BLOCK.has(name);
  const saved = {
    container: st.container,
    tag: st.tag,
    boiler: st.boiler,
    caption: st.caption,
    inLink: st.inLink,
  };
  if (isBlock) {
    flush(st);
    st.container = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : null;
    st.tag = name;
    if (
      BOILER_TAGS.has(name) ||
      (name !== 'root' && BOILER_ATTR.test(attrs(el)) && !POSITIVE_ATTR.test(attrs(el)))
    ) {
      st.boiler = true;
    }
    if (name === 'figure' || name === 'figcaption') st.caption = true;
  }
  if (name === 'a') st.inLink = true;
  for (const child of el.children ?? []) walk(child, st);
  if (isBlock) {
    flush(st);
    Object.assign(st, {
      container: saved.container,
      tag: saved.tag,
      boiler: saved.boiler,
      caption: saved.caption,
    });
  }
  st.inLink = saved.inLink;
}

/** A block counts towards content scores when it is long enough and mostly not links. */
function contentScore(b: RawBlock): number {
  if (b.boiler || b.caption || b.linkDensity > 0.5 || b.text.length < 25) return 0;
  const commas = (b.text.match(/[,،،।]/g) ?? []).length;
  return (1 + commas + Math.min(Math.floor(b.text.length / 100), 3)) * (1 - b.linkDensity);
}

/** Pick the element whose descendants hold most of the text score; return the blocks under it. */
function selectMainBlocks(blocks: RawBlock[]): RawBlock[] {
  const scores = new Map<Element, number>();
  for (const b of blocks) {
    const s = contentScore(b);
    if (s === 0) continue;
    let el: Element | null = b.container;
    for (let depth = 0; el && depth < 3; depth++) {
      const bonus = depth === 0 && POSITIVE_ATTR.test(attrs(el)) ? 1.25 : 1;
      scores.set(el, (scores.get(el) ?? 0) + (s * bonus) / (depth + 1));
      el = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : null;
    }
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) {
    if (s > bestScore) [best, bestScore] = [el, s];
  }
  if (!best) return [];
  // Siblings of the winner that also carry content (split article bodies) are part of the article.
  const keep = new Set<Element>([best]);
  const parent = best.parent && best.parent.type === 'tag' ? (best.parent as Element) : null;
  for (const sib of parent?.children ?? []) {
    if (sib.type === 'tag' && (scores.get(sib as Element) ?? 0) >= Math.max(3, bestScore * 0.3))
      keep.add(sib as Element);
  }
  const under = (b: RawBlock): boolean => {
    for (let el: AnyNode | null = b.container; el; el = el.parent) if (keep.has(el as Element)) return true;
    return false;
  };
  return blocks.filter((b) => !b.boiler && under(b));
}

/** Extract title, metadata and candidate body blocks from an HTML string. */
export function extractHtml(html: string, options: { url?: string } = {}): ExtractedDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const $ = load(dom, null, false);
  const meta = readMetadata($, options.url);
  const st: WalkState = {
    blocks: [],
    buf: [],
    linkChars: 0,
    container: null,
    tag: 'root',
    boiler: false,
    caption: false,
    inLink: false,
  };
  walk(dom, st);
  flush(st);
  const main = selectMainBlocks(st.blocks);
  const captions = st.blocks
    .filter((b) => b.caption && !b.boiler && b.tag === 'figcaption')
    .map((b) => b.text);
  // Visible dateline, when the page has no machine-readable date: scan every block, chrome included.
  const datelineBlocks = meta.published ? [] : st.blocks.map((b) => b.text);
  return {
    ...meta,
    ...resolveVisibleDate(meta.published, datelineBlocks),
    blocks: main.filter((b) => !b.caption).map(({ text, linkDensity, tag }) => ({ text, linkDensity, tag })),
    captions: [...new Set(captions)],
  };
}

function resolveVisibleDate(
  published: string | undefined,
  texts: string[],
): { published?: string; publishedSource?: string } {
  if (published) return {};
  for (const t of texts) {
    if (t.length > 200) continue;
    // The dateline often shares a block with the byline ("रिपोर्ट: … Published : Nov 26, 2022, 6:15 PM IST").
    const m = DATELINE_ANYWHERE.exec(t);
    if (!m) continue;
    const iso = parseHumanDate(t.slice(m.index + m[0].length));
    if (iso) return { published: iso, publishedSource: t.slice(m.index).trim() };
  }
  return {};
}
