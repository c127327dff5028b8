/**
 * The DOM of a page as htmlparser2's `parseDocument` builds it, keeping only the attributes extraction
 * reads. A news page carries dozens of attributes per element that nothing here looks at (inline styles
 * aside, `data-*`, `srcset`, `aria-*`, SVG path data, tracking ids): the parser built a string for each
 * value, decoded its entities and set it on the element's attribute object, a tenth of the parse and a
 * large share of its garbage. Pure.
 */
import { type Document, DomHandler } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';

/**
 * Every attribute a reader in src/extract asks for (`attribs.x`, selectors). A reader of a new attribute
 * must add it here: tests/unit/extract-parse.test.ts scans the sources for `attribs.` reads not listed.
 */
export const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  // roles and visibility (dom-walk, main-text, dates-dom)
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  // microdata (dates-dom, recipe, marked, main-text)
  'itemprop',
  'itemtype',
  // metadata (page-index, dates-page, metadata, jsonld)
  'type',
  'content',
  'name',
  'property',
  'http-equiv',
  'rel',
  'href',
  'lang',
  'datetime',
  'pubdate',
]);

const OPTIONS: ParserOptions = { decodeEntities: true, lowerCaseTags: true };

/** htmlparser2's Parser that drops the values of attributes not in KEPT_ATTRIBUTES as they are read. */
class KeptAttributesParser extends Parser {
  #skip = false;

  override onattribname(start: number, endIndex: number): void {
    super.onattribname(start, endIndex);
    this.#skip = !KEPT_ATTRIBUTES.has((this as unknown as { attribname: string }).attribname);
  }

  override onattribdata(start: number, endIndex: number): void {
    if (!this.#skip) super.onattribdata(start, endIndex);
  }

  override onattribentity(cp: number): void {
    if (!this.#skip) super.onattribentity(cp);
  }

  override onattribend(quote: number, endIndex: number): void {
    if (!this.#skip) super.onattribend(quote, endIndex);
    else this.#skip = false;
  }
}

/** Parse `html` into a DOM (htmlparser2's `parseDocument` with entities decoded, tags lower-cased). */
export function parsePage(html: string): Document {
  const handler = new DomHandler(undefined, OPTIONS);
  new KeptAttributesParser(handler, OPTIONS).end(html);
  return handler.root;
}
