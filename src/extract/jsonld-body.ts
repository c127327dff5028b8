/**
 * JSON-LD `articleBody`: some pages carry the whole story only there (the visible body is rendered by
 * script). Read with an explicit stack and a depth bound, since hostile pages nest arrays thousands deep.
 */
import type { CheerioAPI } from 'cheerio';
import { DomUtils, parseDocument } from 'htmlparser2';
import { walkBlocks } from './dom-walk.ts';
import { pageIndex } from './page-index.ts';
import { parsePage, releasePage } from './parse.ts';

/** Deeper JSON-LD than this is not an article description. */
const MAX_DEPTH = 32;

/**
 * The parsed `application/ld+json` scripts of a page whose text contains `needle` (a cheap test before
 * parsing); a script that does not parse is passed over: the visible page still applies.
 */
export function ldScriptsWith($: CheerioAPI, needle: string): unknown[] {
  const out: unknown[] = [];
  for (const el of pageIndex($.root()[0]!).scripts) {
    if (el.attribs.type!.toLowerCase() !== 'application/ld+json') continue;
    const raw = $(el).text();
    if (!raw.includes(needle)) continue;
    try {
      out.push(JSON.parse(raw));
    } catch {
      // broken JSON-LD
    }
  }
  return out;
}

/** The longest `articleBody` string in the page's JSON-LD, or undefined. */
export function jsonLdArticleBody($: CheerioAPI): string | undefined {
  let best: string | undefined;
  for (const data of ldScriptsWith($, 'articleBody')) {
    const stack: [unknown, number][] = [[data, 0]];
    while (stack.length) {
      const [v, depth] = stack.pop()!;
      if (!v || typeof v !== 'object' || depth > MAX_DEPTH) continue;
      if (Array.isArray(v)) {
        for (const x of v) stack.push([x, depth + 1]);
        continue;
      }
      const o = v as Record<string, unknown>;
      const body = o.articleBody;
      if (typeof body === 'string' && body.length > (best?.length ?? 0)) best = body;
      for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push([x, depth + 1]);
    }
  }
  return best;
}

/** Split a JSON-LD body into paragraphs: on blank lines or newlines when it has them, else whole. */
export function splitBody(body: string): string[] {
  // Some publishers put HTML in articleBody (`<p>`, `<figure>`, entities): read it as HTML, a paragraph
  // per block, so no markup reaches the text and its length is the length of the words.
  if (MARKUP.test(body)) {
    const dom = parsePage(body);
    try {
      return walkBlocks(dom)
        .blocks.filter((b) => !b.hardChrome && !b.caption)
        .map((b) => b.text)
        .filter(Boolean);
    } finally {
      releasePage(dom);
    }
  }
  const text = body.includes('&')
    ? DomUtils.textContent(parseDocument(body, { decodeEntities: true }))
    : body;
  const parts = text.includes('\n') ? text.split(/\n\s*\n|\r?\n/) : [text];
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** An HTML tag: `<p>`, `</p>`, `<img src=…>`, `<br/>`. */
const MARKUP = /<\/?[a-z][a-z0-9]{0,10}(?:\s[^<>]{0,500})?\/?>/i;
