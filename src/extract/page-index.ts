/**
 * The few elements the metadata readers ask for (meta tags, typed scripts, the first `<h1>`, `<title>`,
 * canonical link and `<html>`), and whether the page has recipe microdata, collected in one walk of the DOM. One css-select query per element kind
 * walked the whole tree six times over; on extraction-dev those walks were a fifth of extraction time.
 * Matching follows the selectors it replaces: document order, and `rel`/`type` values compared without
 * case, as css-select does for HTML.
 */
import type { AnyNode, Document, Element } from 'domhandler';

export interface PageIndex {
  /** `meta[content]`, in document order. */
  metas: Element[];
  /** `script[type]`, in document order. */
  scripts: Element[];
  h1?: Element;
  title?: Element;
  /** The first `link[rel="canonical"]`. */
  canonical?: Element;
  html?: Element;
  /** Some element carries recipe microdata (an `itemprop` in RECIPE_PROPS). */
  recipeMicrodata: boolean;
}

/** The microdata properties of a recipe's ingredient and method boxes (recipe.ts). */
export const RECIPE_PROPS: ReadonlySet<string> = new Set([
  'recipeIngredient',
  'ingredients',
  'recipeInstructions',
]);

const indexes = new WeakMap<AnyNode, PageIndex>();

/** The index of the document `root` belongs to, built on first use. */
export function pageIndex(root: AnyNode): PageIndex {
  const known = indexes.get(root);
  if (known) return known;
  const index: PageIndex = { metas: [], scripts: [], recipeMicrodata: false };
  const stack: AnyNode[] = [...((root as Document).children ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    const el = n as Element;
    const a = el.attribs;
    if (a.itemprop !== undefined && RECIPE_PROPS.has(a.itemprop)) index.recipeMicrodata = true;
    switch (el.name) {
      case 'meta':
        if (a.content !== undefined) index.metas.push(el);
        break;
      case 'script':
        if (a.type !== undefined) index.scripts.push(el);
        break;
      case 'h1':
        index.h1 ??= el;
        break;
      case 'title':
        index.title ??= el;
        break;
      case 'link':
        if (!index.canonical && a.rel !== undefined && a.rel.toLowerCase() === 'canonical')
          index.canonical = el;
        break;
      case 'html':
        index.html ??= el;
        break;
    }
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  indexes.set(root, index);
  return index;
}
