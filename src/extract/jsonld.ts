/**
 * JSON-LD as pages really write it: one object, an array, an `@graph`, the article under `mainEntity`,
 * and scripts that are not quite JSON (trailing commas, comments, raw line breaks inside strings, several
 * objects one after another). Every walk here is iterative and bounded: a page cannot overflow the stack
 * or make the walk visit more than {@link MAX_NODES} values.
 */
import type { CheerioAPI } from 'cheerio';
import { pageIndex } from './page-index.ts';

/** A JSON-LD node. */
export type JsonLd = Record<string, unknown>;

/** Most values any walk visits; real pages hold a few hundred. */
const MAX_NODES = 20_000;
/** Deepest nesting a walk follows; real pages nest a handful of levels. */
const MAX_DEPTH = 32;
/** Largest script repaired by hand when JSON.parse refuses it (larger ones are not metadata). */
const MAX_REPAIR = 4_000_000;

/**
 * Make near-JSON parseable in one linear pass: drop comments and trailing commas, escape raw control
 * characters inside strings, and cut the text into its top-level values. Returns the values' texts.
 */
function repair(text: string): string[] {
  const values: string[] = [];
  let out = '';
  let depth = 0;
  let inString = false;
  let pendingComma = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
      } else if (c === '"') {
        out += c;
        inString = false;
      } else if (c < ' ') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      else out += c;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c <= ' ') continue;
    if (c === ',') {
      if (depth > 0) pendingComma = true;
      continue;
    }
    // A comma is kept only when another member follows it; `,}` and `,]` lose it.
    if (pendingComma && c !== '}' && c !== ']') out += ',';
    pendingComma = false;
    if (depth === 0 && c !== '{' && c !== '[') continue; // text between values: `;`, `<!--`, stray words
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    out += c;
    if (depth === 0) {
      values.push(out);
      out = '';
    }
  }
  if (out) values.push(out);
  return values;
}

/** Parse the text of one JSON-LD script, tolerating the usual breakage. Unparseable parts are dropped. */
export function parseJsonLdText(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // Fall through to the repair below.
  }
  if (text.length > MAX_REPAIR) return [];
  const out: unknown[] = [];
  for (const part of repair(text)) {
    try {
      out.push(JSON.parse(part));
    } catch {
      // One broken object does not spoil its neighbours.
    }
  }
  return out;
}

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'blogposting', 'liveblogposting', 'report',
  'scholarlyarticle', 'techarticle', 'socialmediaposting',
]); // biome-ignore format: list
const PAGE_TYPES = new Set(['webpage', 'itempage', 'creativework', 'videoobject', 'mediaobject']);

/** `@type` values without their vocabulary prefix (`schema:NewsArticle`, `https://schema.org/Article`). */
function typesOf(o: JsonLd): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.slice(Math.max(x.lastIndexOf('/'), x.lastIndexOf(':')) + 1).toLowerCase());
}

/** The JSON-LD nodes of a page, articles first, then web pages; related-story lists are not entered. */
export interface JsonLdNodes {
  articles: JsonLd[];
  pages: JsonLd[];
}

/** Keys under which pages nest the article itself (not lists of other stories). */
const NESTING_KEYS = ['@graph', 'mainEntity', 'mainEntityOfPage'];

/** Collect article and page nodes from parsed JSON-LD values, breadth first (shallow nodes first). */
export function collectJsonLd(values: unknown[]): JsonLdNodes {
  const articles: JsonLd[] = [];
  const pages: JsonLd[] = [];
  const seen = new Set<unknown>();
  const queue: [unknown, number][] = values.map((v) => [v, 0]);
  for (let head = 0; head < queue.length && head < MAX_NODES; head++) {
    const [v, depth] = queue[head]!;
    if (!v || typeof v !== 'object' || seen.has(v) || depth > MAX_DEPTH) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) queue.push([x, depth + 1]);
      continue;
    }
    const o = v as JsonLd;
    const types = typesOf(o);
    if (types.some((t) => ARTICLE_TYPES.has(t))) articles.push(o);
    else if (types.some((t) => PAGE_TYPES.has(t))) pages.push(o);
    for (const k of NESTING_KEYS) if (o[k] && typeof o[k] === 'object') queue.push([o[k], depth + 1]);
  }
  return { articles, pages };
}

/** Read and collect every `application/ld+json` script of a page. */
export function readJsonLd($: CheerioAPI): JsonLdNodes {
  const values: unknown[] = [];
  for (const el of pageIndex($.root()[0]!).scripts) {
    if (!/^\s*application\/ld\+json\s*(?:;|$)/i.test(el.attribs.type ?? '')) continue;
    const text = $(el)
      .text()
      .replace(/^\s*(?:\/\/\s*)?(?:<!--|<!\[CDATA\[)/, '');
    values.push(...parseJsonLdText(text.replace(/(?:\/\/\s*)?(?:-->|\]\]>)\s*$/, '')));
  }
  return collectJsonLd(values);
}

/** Longest name kept (authors, publishers, headlines). */
const MAX_NAME = 300;

/**
 * A display string from a JSON-LD value: a string, an object's `name` (or `@value`), or a list of those
 * joined with commas. Iterative and bounded, so hostile nesting cannot overflow the stack.
 */
export function nameOf(v: unknown): string | undefined {
  const names: string[] = [];
  const stack: [unknown, number][] = [[v, 0]];
  let visited = 0;
  let length = 0;
  while (stack.length && visited++ < MAX_NODES && length < MAX_NAME) {
    const [x, depth] = stack.pop()!;
    if (typeof x === 'string') {
      const s = x
        .slice(0, MAX_NAME * 2)
        .replace(/\s+/g, ' ')
        .trim();
      if (s) {
        names.push(s);
        length += s.length;
      }
    } else if (typeof x === 'number') names.push(String(x));
    else if (depth < MAX_DEPTH && Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], depth + 1]);
    } else if (depth < MAX_DEPTH && x && typeof x === 'object') {
      const o = x as JsonLd;
      stack.push([o.name ?? o['@value'], depth + 1]);
    }
  }
  const joined = [...new Set(names)].join(', ');
  return joined ? joined.slice(0, MAX_NAME) : undefined;
}
