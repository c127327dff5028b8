/**
 * What a page says of itself: the elements it marks as the article body (`itemprop="articleBody"`), and,
 * for pages where no container stands out, the one block most like running text.
 */
import type { Element } from 'domhandler';
import { parentElement, type WalkBlock } from './dom-walk.ts';

/** Elements the page itself marks as the article body (`itemprop="articleBody"`), outermost only. */
export function markedBodies(blocks: WalkBlock[]): Element[] {
  const seen = new Set<Element>();
  const out: Element[] = [];
  for (const b of blocks) {
    let outer: Element | null = null;
    for (let el: Element | null = b.el; el; el = parentElement(el)) {
      if (el.attribs.itemprop === 'articleBody') outer = el;
    }
    if (outer && !seen.has(outer)) {
      seen.add(outer);
      out.push(outer);
    }
  }
  return out;
}

/** The block most like running text, for pages where no container stands out. */
export function densestBlock(blocks: WalkBlock[]): WalkBlock | undefined {
  let best: WalkBlock | undefined;
  let bestScore = 0;
  for (const b of blocks) {
    if (b.caption) continue;
    const s = b.text.length * (1 - b.linkChars / b.text.length) * (b.chrome ? 0.25 : 1);
    if (s > bestScore) [best, bestScore] = [b, s];
  }
  return best;
}
