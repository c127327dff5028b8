import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyNode, Element } from 'domhandler';
import { DomHandler, Node } from 'domhandler';
import fc from 'fast-check';
import { Parser, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { KEPT_ATTRIBUTES, parsePage, releasePage, SkippingTokenizer } from '../../src/extract/parse.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The tree as a list of lines: element names with their kept attributes, and text. */
function outline(n: AnyNode, keep: (name: string) => boolean, out: string[] = []): string[] {
  if (n.type === 'text') out.push(`#${(n as unknown as { data: string }).data}`);
  const el = n as Element;
  if (el.attribs) {
    const attrs = Object.entries(el.attribs).filter(([k]) => keep(k));
    out.push(`<${el.name} ${JSON.stringify(attrs)}`);
  }
  for (const c of (n as Element).children ?? []) outline(c, keep, out);
  return out;
}

describe('parsePage', () => {
  it('keeps the attributes extraction reads, entities decoded, and drops the rest', () => {
    const dom = parsePage(
      '<div class="a &amp; b" data-x="1" style="display:none" srcset="x.jpg 2x" aria-label="n">' +
        '<a href="/x?a=1&amp;b=2" onclick="go()">t</a><meta itemprop="datePublished" content="2022-11-26">' +
        '<time datetime="2022-11-26" pubdate></time><span hidden aria-hidden="true">h</span></div>',
    );
    const div = dom.children[0] as Element;
    expect(div.attribs).toEqual({ class: 'a & b', style: 'display:none' });
    const [a, meta, time, span] = div.children as Element[];
    expect(a.attribs).toEqual({ href: '/x?a=1&b=2' });
    expect(meta.attribs).toEqual({ itemprop: 'datePublished', content: '2022-11-26' });
    expect(time.attribs).toEqual({ datetime: '2022-11-26', pubdate: '' });
    expect(span.attribs).toEqual({ hidden: '', 'aria-hidden': 'true' });
    // Names in any case.
    const upper = parsePage('<P CLASS="c" Data-X="1" ID=i ROLE=\'r\' \u212aLASS="k">').children[0] as Element;
    expect(upper.attribs).toEqual({ class: 'c', id: 'i', role: 'r' });
  });

  it('builds the same tree and text as parseDocument on real-looking pages', () => {
    const dir = join(ROOT, 'tests/fixtures/pages');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const f of pages) {
      const html = readFileSync(join(dir, f), 'utf8');
      const full = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
      const keep = (k: string) => KEPT_ATTRIBUTES.has(k);
      expect(
        outline(parsePage(html), () => true),
        f,
      ).toEqual(outline(full, keep));
    }
  });

  it('builds the same tree as parseDocument on generated markup (text and values skipped by search)', () => {
    // Pieces that move the tokenizer between states: tags, quoted and unquoted values, entities (whole,
    // broken, in text and in values), stray quotes and angle brackets, comments, script and style bodies.
    const PIECES = [
      '<p>', '</p>', '<div class="a">', '<a href="/x?a=1&amp;b=2">', "<a href='y&lt;'>", '<a href=z&gt;>', '</a>',
      '<span title="t&quot;" data-x=\'q"\' hidden>', '</span>', ' ', '\n', 'text', '&amp;', '&', '&#x41;', '&nbsp',
      '"', "'", '<', '>', '<!-- c -->', '<!--', '<script>if (a<b) x="</p>";</script>', '<style>p>a{}</style>',
      '<DIV CLASS="up" Style=x DATA-X="1" iD=\'i\'>', '</DIV>', '<br/>', '<meta name="date" content="2022&#45;11">', '<img src="a.jpg" alt="x &amp; y">', 'é', 'एम्स',
    ]; // biome-ignore format: list
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const html = pieces.join('');
        const full = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
        expect(outline(parsePage(html), () => true)).toEqual(outline(full, (k) => KEPT_ATTRIBUTES.has(k)));
      }),
      { numRuns: 3000 },
    );
  });

  it('skips correctly when fed in chunks or reused, as a parser may be outside parsePage', () => {
    const options = { decodeEntities: true, lowerCaseTags: true };
    const tree = (chunks: string[], Tokenizer?: typeof SkippingTokenizer) => {
      const handler = new DomHandler();
      const parser = new Parser(handler, { ...options, Tokenizer });
      for (const c of chunks) parser.write(c);
      parser.end();
      // Reused: a second document through the same parser.
      parser.parseComplete(chunks.join('').toUpperCase());
      return outline(handler.root, () => true);
    };
    const PIECES = [
      'ab',
      'c<b>d</b>',
      'x<a href="abcdefgh">',
      'y<b title="q">z</b>',
      '&amp;',
      'gh',
      '<i>x</i>',
      "'",
      '"',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }), (chunks) => {
        expect(tree(chunks, SkippingTokenizer)).toEqual(tree(chunks));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every attribute a reader in src/extract asks for', () => {
    const dir = join(ROOT, 'src/extract');
    const read = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'parse.ts')) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/\battribs(?:\.([a-zA-Z_]+)|\[['"]([\w:-]+)['"]\])/g))
        read.add(m[1] ?? m[2]!);
      // `const a = el.attribs; … a.role`: the readers that take the object first.
      if (/const a = el\.attribs;/.test(src))
        for (const m of src.matchAll(/\ba(?:\.([a-zA-Z_]+)|\[['"]([\w:-]+)['"]\])/g)) read.add(m[1] ?? m[2]!);
      // Attribute selectors in cheerio queries.
      for (const m of src.matchAll(/\$\(\s*['"`][^'"`]*\[([\w:-]+)/g)) read.add(m[1]!);
    }
    read.delete('length');
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((k) => !KEPT_ATTRIBUTES.has(k))).toEqual([]);
  });
});

describe('releasePage', () => {
  it('leaves no node of the page linked to another, so a surviving node holds nothing else alive', () => {
    const dom = parsePage(
      '<html><head><title>t</title></head><body><div><p>a <b>b</b> c</p><!-- x --></div></body></html>',
    );
    const nodes: AnyNode[] = [];
    const collect = (n: AnyNode): void => {
      nodes.push(n);
      for (const c of (n as Element).children ?? []) collect(c);
    };
    collect(dom);
    expect(nodes.length).toBeGreaterThan(8);
    releasePage(dom);
    for (const n of nodes) {
      expect(n.parent).toBeNull();
      expect(n.prev).toBeNull();
      expect(n.next).toBeNull();
      if ('children' in n) expect((n as Element).children).toEqual([]);
    }
  });

  it('extracts the same document from a page in pieces as from the page whole', () => {
    const dir = join(ROOT, 'tests/fixtures/pages');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(dir, file), 'utf8');
      const pieces: string[] = [];
      for (let i = 0; i < html.length; i += 97) pieces.push(html.slice(i, i + 97));
      expect(extractHtml(pieces), file).toEqual(extractHtml(html));
    }
  });

  it('is safe after extraction: what extractHtml returns holds no node of the page', () => {
    const dir = join(ROOT, 'tests/fixtures/pages');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const doc = extractHtml(readFileSync(join(dir, file), 'utf8'));
      const seen: unknown[] = [doc];
      for (let k = 0; k < seen.length; k++) {
        const v = seen[k];
        expect(v instanceof Node, file).toBe(false);
        if (v && typeof v === 'object') seen.push(...Object.values(v));
      }
      expect(doc.blocks.length, file).toBeGreaterThan(0);
    }
  });
});
