/**
 * Nodes htmlparser2 leaves at the top of the document (after `</html>`, before `<html>`, or a fragment with
 * no `<html>` at all) moved into the body, as browsers place them. Besides being where a reader sees that
 * text, it keeps the top level short: cheerio runs every query from the document's children and first
 * removes any child inside another, pairwise (a page of 25,000 `<br>` after `</html>` spent 4.5 s there,
 * fuzz campaign of 100,000 inputs).
 */
import { type ChildNode, type Document, Element, isTag } from 'domhandler';

/** Top-level nodes above which the stray ones are moved (real pages have a doctype, `<html>` and a comment or two). */
const MAX_TOP_LEVEL = 16;

/** Set parent and sibling links of `children` as the child list of `parent`. */
function relink(parent: Element | Document, children: ChildNode[]): void {
  parent.children = children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    c.parent = parent;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  }
}

const isDirective = (n: ChildNode) => n.type === 'directive';

/** Move stray top-level nodes into `<body>` (made when there is none); a no-op on ordinary pages. */
export function adoptStrayNodes(dom: Document): void {
  if (dom.children.length <= MAX_TOP_LEVEL) return;
  const html = dom.children.find((n): n is Element => isTag(n) && n.name === 'html');
  let body = html?.children.find((n): n is Element => isTag(n) && n.name === 'body');
  const before: ChildNode[] = [];
  const after: ChildNode[] = [];
  const keep: ChildNode[] = [];
  let seenHtml = false;
  for (const n of dom.children) {
    if (n === html) {
      seenHtml = true;
      keep.push(n);
    } else if (isDirective(n) && !seenHtml) keep.push(n);
    else (seenHtml ? after : before).push(n);
  }
  if (!body) {
    body = new Element('body', {});
    if (html) relink(html, [...html.children, body]);
    else keep.push(body);
  }
  relink(body, [...before, ...body.children, ...after]);
  relink(dom, keep);
}
