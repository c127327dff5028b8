/**
 * The DOM of a page as htmlparser2's `parseDocument` builds it, keeping only the attributes extraction
 * reads. A news page carries dozens of attributes per element that nothing here looks at (inline styles
 * aside, `data-*`, `srcset`, `aria-*`, SVG path data, tracking ids): the parser built a string for each
 * value, decoded its entities and set it on the element's attribute object, a tenth of the parse and a
 * large share of its garbage. Pure.
 */
import { type ChildNode, type Document, DomHandler, hasChildren } from 'domhandler';
import { Parser, type ParserOptions, Tokenizer } from 'htmlparser2';

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

const LT = 0x3c;
const AMP = 0x26;
const DQ = 0x22;
const SQ = 0x27;

/** The fields of htmlparser2's Tokenizer the skips below read (private in its types). */
interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
}

/**
 * htmlparser2's Tokenizer, which reads text and attribute values a character at a time through its state
 * switch, with those runs skipped by `indexOf` to the next character that can end them (`<` or `&` in
 * text, the quote or `&` in a quoted value): the characters in between do nothing in those states, so
 * the tokens are the same. Each character's next position is remembered until the scan passes it, so
 * the page is searched once per character kind, not once per run.
 */
export class SkippingTokenizer extends Tokenizer {
  /** Next position (in the buffer) of `<`, `&`, `"` and `'`; -1: not searched yet or passed. */
  readonly nextAt = new Int32Array([-1, -1, -1, -1]);

  // Positions are in the current buffer: a new chunk or a reset forgets them (parsePage writes once, but
  // a parser fed in chunks or reused would otherwise skip by another buffer's positions).
  override write(chunk: string): void {
    this.nextAt.fill(-1);
    super.write(chunk);
  }

  override reset(): void {
    this.nextAt.fill(-1);
    super.reset();
  }

  /** Buffer position of the next `ch` (slot `k` of nextAt) after `from`, or the buffer's length. */
  next(k: number, ch: string, from: number): number {
    let at = this.nextAt[k]!;
    if (at < from) {
      const buf = (this as unknown as TokenizerState).buffer;
      at = buf.indexOf(ch, from);
      if (at < 0) at = buf.length;
      this.nextAt[k] = at;
    }
    return at;
  }
}

/** A SkippingTokenizer as the replaced states see it. */
interface Skipping extends TokenizerState {
  next(k: number, ch: string, from: number): number;
}
// The states are private methods in htmlparser2's types, so they are replaced on the prototype.
const base = Tokenizer.prototype as unknown as Record<string, (this: Skipping, ...args: number[]) => void>;
const skipping = SkippingTokenizer.prototype as unknown as Record<
  string,
  (this: Skipping, c: number) => void
>;
// A special tag's body (script, style), a comment or a declaration: to the next `<`, `-` or `>` by indexOf.
skipping.fastForwardTo = function (c) {
  const buf = this.buffer;
  const at = buf.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (at >= 0) {
    this.index = at + this.offset;
    return true;
  }
  // As the loop it replaces: the parse loop's own increment then ends the buffer.
  this.index = buf.length + this.offset - 1;
  return false;
};
/**
 * Replace the state `name`, whose run ends only at `stop` (the character `ch`, remembered in slot `k`) or
 * at `&`, by one that jumps to the next of those and hands it to the original state.
 */
function skipRuns(name: string, stop: number, ch: string, k: number): void {
  const original = base[name]!;
  skipping[name] = function (c) {
    if (c !== stop && c !== AMP) {
      const from = this.index - this.offset + 1;
      // Land before the stop: the parse loop moves on by one and hands it to this state.
      this.index = Math.min(this.next(k, ch, from), this.next(1, '&', from)) - 1 + this.offset;
      return;
    }
    original.call(this, c);
  };
}
skipRuns('stateText', LT, '<', 0);
skipRuns('stateInAttributeValueDoubleQuotes', DQ, '"', 2);
skipRuns('stateInAttributeValueSingleQuotes', SQ, "'", 3);

const OPTIONS: ParserOptions = { decodeEntities: true, lowerCaseTags: true, Tokenizer: SkippingTokenizer };

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

/**
 * Cut every link of a page's DOM (parent, children, siblings) once nothing will read it again, so that the
 * collector can free it node by node. The links run both ways, so one node of a page that outlives a young
 * generation collection (a scavenge while the page was being read, or a pointer from an older object that
 * is itself dead) keeps every node of that page alive through the next ones, and V8 then copies the whole
 * DOM into the old generation, where only a full collection frees it. On extraction-dev that promotion was
 * most of the garbage collector's time; severed, the nodes a scavenge finds dead are dead.
 */
export function releasePage(root: Document): void {
  const stack: ChildNode[] = [...root.children];
  root.children = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (hasChildren(node)) {
      for (const child of node.children) stack.push(child);
      node.children = [];
    }
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
}

/**
 * Parse `html` into a DOM (htmlparser2's `parseDocument` with entities decoded, tags lower-cased). The page
 * may come in consecutive pieces (decode.ts's `decodeChunks`): the tree is the one of the pieces joined.
 */
export function parsePage(html: string | readonly string[]): Document {
  const handler = new DomHandler(undefined, OPTIONS);
  const parser = new KeptAttributesParser(handler, OPTIONS);
  if (typeof html === 'string') parser.end(html);
  else {
    for (const piece of html) parser.write(piece);
    parser.end();
  }
  return handler.root;
}
