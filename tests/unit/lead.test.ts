/**
 * The standfirst search (src/extract/lead.ts) on trees written here: a lead in the article's header is taken
 * back when the kept body sits in an `<html><body>` a CMS pasted inside the article.
 */
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { walkBlocks } from '../../src/extract/dom-walk.ts';
import { leadBlocks } from '../../src/extract/lead.ts';

const LEAD = 'Camps in Jajpur stay open for a week more: the river is still above the danger mark.';
const P1 =
  'The district administration in Jajpur said on Sunday that relief camps would stay open for another week, as water levels in the Baitarani river remained above the danger mark.';
const P2 =
  'Officials said 2,300 people had been moved to 41 camps, and that drinking water, dry rations and medicines were being sent by boat to villages cut off by the flood.';

/** Every element named `name`, in document order. */
function all(root: { children: unknown[] }, name: string): Element[] {
  const out: Element[] = [];
  const stack = [...root.children].reverse() as Element[];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'tag') continue;
    if (n.name === name) out.push(n);
    stack.push(...([...n.children].reverse() as Element[]));
  }
  return out;
}

describe('the standfirst search', () => {
  it('takes the header lead back when the kept body is a <body> pasted inside the article', () => {
    const doc = parseDocument(
      `<html><body><main><header class="entry-header"><h2>Floods in Jajpur</h2><div class="lead"><p>${LEAD}</p></div></header>
      <div class="main-content"><article class="entry"><div class="entry-content"><article class="article-body">
      <!DOCTYPE html> <html><body><p>${P1}</p><p>${P2}</p></body></html></article></div></article></div></main></body></html>`,
    );
    const inner = all(doc, 'body')[1]!;
    expect(inner.parent && (inner.parent as Element).name).toBe('html');
    const { blocks } = walkBlocks(doc);
    const kept = new Set(blocks.filter((b) => b.text === P1 || b.text === P2));
    expect(kept.size).toBe(2);
    expect(leadBlocks(blocks, kept, new Set([inner])).map((b) => b.text)).toEqual([LEAD]);
    // The page's own <body> still ends the search: a lead there, far from the article, is not taken.
    const far = parseDocument(
      `<html><body><div class="lead"><p>${LEAD}</p></div><div><div><div><div><div><div><div><div><div><div class="story"><p>${P1}</p><p>${P2}</p></div></div></div></div></div></div></div></div></div></div></body></html>`,
    );
    const farBlocks = walkBlocks(far).blocks;
    const story = all(far, 'div').find((d) => d.attribs.class === 'story')!;
    const farKept = new Set(farBlocks.filter((b) => b.text === P1 || b.text === P2));
    expect(leadBlocks(farBlocks, farKept, new Set([story]))).toEqual([]);
  });
});
