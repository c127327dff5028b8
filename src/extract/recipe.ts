/**
 * Recipe cards: a recipe page's ingredient list and method sit in their own boxes (tables, lists, step
 * cards) beside the story, and the container scoring the story best leaves them out. The page's JSON-LD
 * `Recipe` names them, or its microdata marks them (`itemprop="recipeIngredient"`); blocks whose text is
 * one of those lines, or that sit in such an element, are article text wherever they stand.
 */
import type { CheerioAPI } from 'cheerio';
import { parentElement, type WalkBlock } from './dom-walk.ts';
import { ldScriptsWith } from './jsonld-body.ts';
import { RECIPE_PROPS } from './page-index.ts';

/** Deeper JSON-LD than this is not a recipe description. */
const MAX_DEPTH = 32;
/** Shorter block texts ("g", "2", "Zucker") match too many lines to say anything. */
const MIN_MATCH_CHARS = 12;

const key = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

function isRecipe(o: Record<string, unknown>): boolean {
  const t = o['@type'];
  return t === 'Recipe' || (Array.isArray(t) && t.includes('Recipe'));
}

/** Ingredient and instruction lines of every JSON-LD `Recipe` on the page, normalised. */
export function recipeLines($: CheerioAPI): string[] {
  const out: string[] = [];
  for (const data of ldScriptsWith($, 'Recipe')) {
    const stack: [unknown, number, boolean][] = [[data, 0, false]];
    while (stack.length) {
      const [v, depth, inRecipe] = stack.pop()!;
      if (depth > MAX_DEPTH || !v) continue;
      if (typeof v === 'string') {
        if (inRecipe) out.push(key(v));
        continue;
      }
      if (typeof v !== 'object') continue;
      if (Array.isArray(v)) {
        for (const x of v) stack.push([x, depth + 1, inRecipe]);
        continue;
      }
      const o = v as Record<string, unknown>;
      if (isRecipe(o)) {
        for (const f of ['recipeIngredient', 'ingredients', 'recipeInstructions'])
          if (o[f]) stack.push([o[f], depth + 1, true]);
        continue;
      }
      // Inside a recipe's instructions: HowToStep/HowToSection keep their words in text/name/itemListElement.
      if (inRecipe) {
        for (const f of ['text', 'itemListElement']) if (o[f]) stack.push([o[f], depth + 1, true]);
        continue;
      }
      for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push([x, depth + 1, false]);
    }
  }
  return out.filter((l) => l.length >= MIN_MATCH_CHARS);
}

/** How far above a block its recipe microdata may be (an ingredient cell inside a marked row). */
const PROP_LEVELS = 4;

function inRecipeMicrodata(b: WalkBlock): boolean {
  let el = b.el;
  for (let i = 0; el && i < PROP_LEVELS; i++, el = parentElement(el)) {
    const prop = el.attribs.itemprop;
    if (prop && RECIPE_PROPS.has(prop)) return true;
  }
  return false;
}

/** Blocks outside page chrome whose text is, or is part of, a recipe line, or that recipe microdata marks. */
export function recipeBlocks(all: WalkBlock[], lines: string[], microdata: boolean): WalkBlock[] {
  if (lines.length === 0 && !microdata) return [];
  const exact = new Set(lines);
  return all.filter((b) => {
    if (b.hardChrome || b.caption) return false;
    if (microdata && inRecipeMicrodata(b)) return true;
    if (b.text.length < MIN_MATCH_CHARS) return false;
    const k = key(b.text);
    return exact.has(k) || lines.some((l) => l.includes(k));
  });
}
