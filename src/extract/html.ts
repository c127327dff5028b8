/**
 * HTML → ExtractedDocument. Main text is found by structure and text density (a readability-style
 * score over block containers), never by per-site rules. One htmlparser2 DOM is built per page and
 * shared: cheerio wraps the same DOM for the metadata queries. It keeps only the attributes read here
 * (parse.ts).
 */
import { load } from 'cheerio';
import type { Document } from 'domhandler';
import { normalizeForMatch } from '../core/text.ts';
import type { Block, ExtractedDocument } from './blocks.ts';
import { type WalkBlock, walkBlocks } from './dom-walk.ts';
import { jsonLdArticleBody, splitBody } from './jsonld-body.ts';
import { densestBlock, MIN_MAIN_CHARS, selectMain } from './main-text.ts';
import { readMetadata } from './metadata.ts';
import { pageIndex } from './page-index.ts';
import { parsePage, releasePage } from './parse.ts';
import { DATELINE_ANYWHERE, parseHumanDate } from './published.ts';
import { recipeBlocks, recipeLines } from './recipe.ts';
import { adoptStrayNodes } from './stray-nodes.ts';

/** Below this many characters found on the page, a JSON-LD articleBody is looked at. */
const LD_CHECK_CHARS = 3000;
/** How much longer than what the page shows an articleBody must be to be taken instead. */
const LD_BODY_RATIO = 2;
const LD_BODY_MARGIN = 500;
/** A block the page shows is kept beside an articleBody only if it is a paragraph, not a "read on" link. */
const MIN_SHOWN_CHARS = 60;

/**
 * Extract title, metadata and candidate body blocks from an HTML page: one string, or its consecutive
 * pieces as decode.ts's `decodeChunks` gives them (no page-sized string is then made).
 */
export function extractHtml(
  html: string | readonly string[],
  options: { url?: string } = {},
): ExtractedDocument {
  const dom = parsePage(html);
  // Nothing returned points into the DOM (blocks and metadata are strings): it is let go here, whole.
  try {
    return extractFrom(dom, options);
  } finally {
    releasePage(dom);
  }
}

function extractFrom(dom: Document, options: { url?: string }): ExtractedDocument {
  adoptStrayNodes(dom);
  const $ = load(dom, null, false);
  const meta = readMetadata($, options.url);
  const { blocks: all } = walkBlocks(dom);
  const main = selectMain(all);
  let method = main.method;
  // Both known without a scan of the page: the microdata from the walk that indexed the meta tags, the
  // lines from the JSON-LD scripts (four substring searches of the whole page were 5% of extraction).
  const recipe = recipeBlocks(all, recipeLines($), pageIndex(dom).recipeMicrodata);
  const mainBlocks = recipe.length ? inPageOrder(all, [...main.blocks, ...recipe]) : main.blocks;
  let blocks: Block[] = mainBlocks.map(toBlock);
  const mainChars = blocks.reduce((n, b) => n + b.text.length, 0);
  // The story may live only in JSON-LD (the visible body drawn by script): too little found on the page,
  // or far less than the publisher's own articleBody (looked for in the JSON-LD scripts alone).
  if (mainChars < LD_CHECK_CHARS) {
    const raw = jsonLdArticleBody($);
    const paragraphs = raw ? splitBody(raw) : [];
    const bodyChars = paragraphs.reduce((n, p) => n + p.length, 0);
    if (
      bodyChars > 0 &&
      (mainChars < MIN_MAIN_CHARS
        ? bodyChars > mainChars
        : bodyChars >= mainChars * LD_BODY_RATIO + LD_BODY_MARGIN)
    ) {
      // What the page shows that the articleBody lacks (a standfirst above a paywall) stays in front;
      // compared as normalised text, so curly quotes or entities do not make a copy look new.
      const flat = normalizeForMatch(paragraphs.join(' '));
      const shown = blocks.filter(
        (b) => b.text.length >= MIN_SHOWN_CHARS && !flat.includes(normalizeForMatch(b.text)),
      );
      blocks = [...shown, ...paragraphs.map((text) => ({ text, linkDensity: 0, tag: 'p' }))];
      method = 'json-ld';
    } else if (blocks.length === 0) {
      const dense = densestBlock(all);
      if (dense) {
        blocks = [toBlock(dense)];
        method = 'densest-block';
      }
    }
  }
  const captions = all.filter((b) => b.caption && !b.chrome && b.tag === 'figcaption').map((b) => b.text);
  // Visible dateline, when the page has no machine-readable date: scan every block, chrome included.
  const datelineBlocks = meta.published ? [] : all.map((b) => b.text);
  return {
    ...meta,
    ...resolveVisibleDate(meta.published, datelineBlocks),
    blocks,
    captions: [...new Set(captions)],
    method,
  };
}

/** The blocks of `some`, once each, in the order of the page. */
function inPageOrder(all: WalkBlock[], some: WalkBlock[]): WalkBlock[] {
  const set = new Set(some);
  return all.filter((b) => set.has(b));
}

function toBlock(b: WalkBlock): Block {
  return { text: b.text, linkDensity: b.linkChars / b.text.length, tag: b.tag };
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
