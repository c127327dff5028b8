/**
 * Fuzz inputs for `analyze()`: small printable recipes (fast-check arbitraries) rendered into news-shaped
 * pages in Hindi and English, then mutated. A finding is reported with its recipe, which is the minimal
 * reproduction (sizes and shapes, not megabytes of page). Page templates are written for this harness.
 */
import fc from 'fast-check';

const HI_WORDS =
  'दिल्ली पुलिस ने बताया कि सोमवार को एम्स अस्पताल में आग लगी और दमकल की पांच गाड़ियां मौके पर पहुंचीं मुख्यमंत्री ने जांच के आदेश दिए जिला प्रशासन के अनुसार कोई हताहत नहीं हुआ'.split(
    ' ',
  );
const EN_WORDS =
  'the police said on Monday that a fire broke out at the hospital and five engines reached the spot while officials ordered an inquiry into the incident'.split(
    ' ',
  );
const CAPS =
  'Delhi Police AIIMS Tata Memorial Hospital Arvind Kejriwal Supreme Court Saket District Mumbai Andheri Western Railway Ministry Of Home Affairs Rahul Gandhi Narendra Modi Uttar Pradesh Bank Of Baroda'.split(
    ' ',
  );
const HI_DATES = [
  '12 जनवरी 2023',
  '15 अगस्त को',
  'सोमवार',
  'कल',
  'परसों',
  '2 दिन पहले',
  '3 साल बाद',
  'शाम 5 बजे',
  '24 नवंबर, 2022',
  '1 अप्रैल से',
  'पिछले हफ्ते',
  'रात 10:30 बजे',
];
const EN_DATES = [
  'Nov 24, 2022',
  'on Monday',
  'yesterday',
  '5 pm',
  'last week',
  '12/01/2023',
  'three days later',
];

/** URL values seen in the wild and the broken ones callers pass. */
export const URLS = [
  'https://example.in/news/delhi/aiims-fire-123.html',
  'https://',
  '//example.in/x',
  '/relative/path',
  '',
  'http://[::1',
  'javascript:alert(1)',
  'https://example.in/%E0%A4',
  'ftp://example.in/x',
  'https://xn--h2brj9c.xn--h2brj9c/समाचार',
  ' https://example.in/padded ',
  'https://a.b/?s=1&utm_source=x#frag',
];

export type Encoding = 'utf8' | 'bom8' | 'utf16le' | 'utf16be' | 'scsu-bom' | 'utf7' | 'latin1' | 'binary';
export type ParaKind = 'prose' | 'dates' | 'caps-no-stop' | 'words' | 'brs';

/** Sizes, shapes and damage of one generated page. */
export interface PageRecipe {
  lang: 'hi' | 'en' | 'mixed';
  seed: number;
  paragraphs: { kind: ParaKind; words: number }[];
  nestDepth: number;
  topLevelBrs: number;
  attrSize: number;
  ogTitleSize: number;
  jsonLd: JsonLdShape | null;
  url: string | null;
  canonical: string | null;
  encoding: Encoding;
  mutation: {
    kind: 'none' | 'truncate' | 'bytes' | 'duplicate' | 'shuffle-tags';
    at: number;
    bytes: number[];
  };
  format: 'html' | 'text' | 'auto';
  asString: boolean;
}

export interface JsonLdShape {
  type: string;
  nestedArrays: number;
  nestedObjects: number;
  dateValue: string;
  authorShape: 'string' | 'object' | 'array' | 'number' | 'null';
}

/** How big things may get: `smoke` keeps CI quick; `full` reaches the sizes that broke things. */
export interface Scale {
  maxParagraphs: number;
  maxWords: number;
  maxDepth: number;
  maxBrs: number;
  maxAttr: number;
  maxOgTitle: number;
  maxJsonLdNesting: number;
}

export const SCALES: Record<'smoke' | 'full', Scale> = {
  smoke: {
    maxParagraphs: 12,
    maxWords: 600,
    maxDepth: 400,
    maxBrs: 2000,
    maxAttr: 20_000,
    maxOgTitle: 50_000,
    maxJsonLdNesting: 300,
  },
  full: {
    maxParagraphs: 400,
    maxWords: 6000,
    maxDepth: 8000,
    maxBrs: 25_000,
    maxAttr: 1_000_000,
    maxOgTitle: 8_000_000,
    maxJsonLdNesting: 5000,
  },
};

/** Mostly small values, sometimes up to `max` (the sizes that expose superlinear code). */
const size = (max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: Math.min(max, 8) }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.max(0, Math.floor(max / 10)) }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );

/** Generator features a caller can switch off (findings open in code owned elsewhere). */
export type Feature = 'bad-url' | 'deep-dom' | 'deep-jsonld';

export function recipeArb(scale: Scale, off: ReadonlySet<Feature> = new Set()): fc.Arbitrary<PageRecipe> {
  const urls = off.has('bad-url') ? [URLS[0]!] : URLS;
  return fc.record({
    lang: fc.constantFrom('hi', 'en', 'mixed'),
    seed: fc.nat(),
    paragraphs: fc.array(
      fc.record({
        kind: fc.constantFrom<ParaKind>('prose', 'prose', 'dates', 'caps-no-stop', 'words', 'brs'),
        words: size(scale.maxWords),
      }),
      { minLength: 0, maxLength: scale.maxParagraphs },
    ),
    nestDepth: off.has('deep-dom') ? size(Math.min(scale.maxDepth, 400)) : size(scale.maxDepth),
    topLevelBrs: size(scale.maxBrs),
    attrSize: size(scale.maxAttr),
    ogTitleSize: size(scale.maxOgTitle),
    jsonLd: fc.option(
      fc.record({
        type: fc.constantFrom('NewsArticle', 'Article', 'WebPage', '', 'ReportageNewsArticle'),
        nestedArrays: off.has('deep-jsonld') ? size(50) : size(scale.maxJsonLdNesting),
        nestedObjects: off.has('deep-jsonld') ? size(50) : size(scale.maxJsonLdNesting),
        dateValue: fc.constantFrom(
          '2022-11-24T21:04:00+05:30',
          '',
          'not a date',
          '24/11/2022',
          '0000-00-00',
          '९९',
        ),
        authorShape: fc.constantFrom('string', 'object', 'array', 'number', 'null'),
      }),
    ),
    url: fc.option(fc.constantFrom(...urls)),
    canonical: fc.option(fc.constantFrom(...urls)),
    encoding: fc.constantFrom<Encoding>(
      'utf8',
      'utf8',
      'utf8',
      'bom8',
      'utf16le',
      'utf16be',
      'scsu-bom',
      'utf7',
      'latin1',
      'binary',
    ),
    mutation: fc.record({
      kind: fc.constantFrom('none', 'none', 'truncate', 'bytes', 'duplicate', 'shuffle-tags'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
    }),
    format: fc.constantFrom('html', 'html', 'text', 'auto'),
    asString: fc.boolean(),
  }) as fc.Arbitrary<PageRecipe>;
}

/** A tiny deterministic PRNG, so a recipe renders the same page every time. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function paragraph(kind: ParaKind, words: number, lang: PageRecipe['lang'], r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const hi = lang === 'hi' || (lang === 'mixed' && r() < 0.5);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    if (kind === 'dates') out.push(pick(hi ? HI_DATES : EN_DATES), pick(hi ? HI_WORDS : EN_WORDS));
    else if (kind === 'caps-no-stop') out.push(pick(CAPS), r() < 0.3 ? pick(EN_WORDS) : pick(CAPS));
    else if (kind === 'words') out.push(pick([...HI_WORDS, ...EN_WORDS, ...CAPS]));
    else if (kind === 'brs') out.push(pick(hi ? HI_WORDS : EN_WORDS), '<br>');
    else {
      out.push(pick(hi ? HI_WORDS : EN_WORDS));
      if (r() < 0.08) out.push(hi ? '।' : '.');
    }
  }
  return out.join(' ');
}

/**
 * The JSON-LD text, written out rather than built as nested values and passed to JSON.stringify: V8's
 * stringify recurses, and at full scale (5,000 levels of objects, three brackets each) it overflowed the
 * stack in the generator itself. Same text as JSON.stringify of the nested values would give.
 */
function jsonLd(s: JsonLdShape): string {
  const name = `${'['.repeat(s.nestedArrays)}${JSON.stringify('संवाददाता')}${']'.repeat(s.nestedArrays)}`;
  const opens: string[] = [];
  const closes: string[] = [];
  for (let i = 0; i < s.nestedObjects; i++) {
    opens.push(i % 2 ? '{"@graph":[' : '{"name":{"@value":');
    closes.push(i % 2 ? ']}' : '}}');
  }
  const pub = `${opens.reverse().join('')}${JSON.stringify({ '@type': 'Organization', name: 'Example Samachar' })}${closes.join('')}`;
  const author = {
    string: '"Staff Reporter"',
    object: `{"@type":"Person","name":${name}}`,
    array: `[{"name":${name}},"x",null,7]`,
    number: '42',
    null: 'null',
  }[s.authorShape];
  const obj = `{"@context":"https://schema.org","@type":${JSON.stringify(s.type)},"headline":${name},"datePublished":${JSON.stringify(s.dateValue)},"author":${author},"publisher":${pub}}`;
  return s.type === 'WebPage' ? `{"@graph":[${obj},[${obj}]]}` : obj;
}

/** The page as text (before encoding and byte damage). */
export function renderHtml(p: PageRecipe): string {
  const r = rng(p.seed);
  const title = paragraph('prose', 8, p.lang, r);
  const ogTitle = p.ogTitleSize > 0 ? 'ख'.repeat(p.ogTitleSize) : title;
  const attr = 'a'.repeat(p.attrSize);
  const paras = p.paragraphs.map(
    (q) => `<p data-x="${attr.slice(0, 200)}">${paragraph(q.kind, q.words, p.lang, r)}</p>`,
  );
  const open = '<div><section>'.repeat(Math.ceil(p.nestDepth / 2));
  const close = '</section></div>'.repeat(Math.ceil(p.nestDepth / 2));
  return [
    '<!doctype html>',
    `<html lang="${p.lang === 'en' ? 'en-IN' : 'hi'}"><head><meta charset="utf-8">`,
    `<title>${title}</title>`,
    `<meta property="og:title" content="${ogTitle}">`,
    p.canonical !== null ? `<link rel="canonical" href="${p.canonical}">` : '',
    p.jsonLd ? `<script type="application/ld+json">${jsonLd(p.jsonLd)}</script>` : '',
    `</head><body class="${attr}"><header><nav><a href="/">होम</a> <a href="/india">देश</a></nav></header>`,
    `<article><h1>${title}</h1>${open}${paras.join('\n')}${close}</article>`,
    '<br>'.repeat(p.topLevelBrs),
    '<footer>© Example Samachar</footer></body></html>',
  ].join('\n');
}

function encode(text: string, e: Encoding): Uint8Array {
  const utf8 = Buffer.from(text, 'utf8');
  switch (e) {
    case 'bom8':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'scsu-bom':
      // SCSU signature, then a UTF-7 looking body: the shape that ran for minutes.
      return Buffer.concat([
        Buffer.from([0x0e, 0xfe, 0xff]),
        Buffer.from(`+ACI-${text.replace(/[<>]/g, '+-')}`, 'latin1'),
      ]);
    case 'utf7':
      return Buffer.from(`<meta charset="utf-7">+AGQ-${text.slice(0, 4000)}`, 'latin1');
    case 'latin1':
      return Buffer.from(`<meta charset="iso-8859-1">${text}`, 'latin1');
    case 'binary':
      return Buffer.concat([
        utf8.subarray(0, 100),
        Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x80]),
        utf8.subarray(100),
      ]);
    default:
      return utf8;
  }
}

function mutate(bytes: Uint8Array, m: PageRecipe['mutation']): Uint8Array {
  const at = Math.floor(m.at * bytes.length);
  const b = Buffer.from(bytes);
  switch (m.kind) {
    case 'truncate':
      return b.subarray(0, at);
    case 'bytes':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    case 'duplicate':
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.floor(at / 2))]);
    case 'shuffle-tags':
      return Buffer.from(
        b
          .toString('latin1')
          .replace(/<\/?(p|div|section)>/g, (t) =>
            t.startsWith('</') ? t.slice(0, 1) + t.slice(2) : `</${t.slice(1)}`,
          ),
        'latin1',
      );
    default:
      return b;
  }
}

/** The `analyze()` input a recipe stands for. */
export function renderInput(p: PageRecipe): Record<string, unknown> {
  let body: string | Uint8Array;
  if (p.format === 'text') {
    const r = rng(p.seed);
    body = p.paragraphs.map((q) => paragraph(q.kind, q.words, p.lang, r)).join('\n\n');
  } else body = renderHtml(p);
  const bytes = mutate(encode(body, p.encoding), p.mutation);
  return {
    content: p.asString && p.encoding === 'utf8' ? Buffer.from(bytes).toString('utf8') : bytes,
    format: p.format,
    ...(p.url !== null ? { url: p.url } : {}),
  };
}

/** Library callers passing the wrong types: each must end in InputError, never a bare TypeError. */
export const badOptionsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, 42, 'a string', [], true),
  fc.record(
    {
      content: fc.oneof(fc.constantFrom(null, undefined, 7, {}, [], true), fc.string()),
      format: fc.oneof(fc.constantFrom('html', 'pdf', 3, null, {}), fc.string()),
      url: fc.constantFrom('https://example.in/a', 5, {}, null, [], 'https://'),
      contentType: fc.constantFrom('text/html', 9, {}, null),
      published: fc.constantFrom('2022-11-24T21:04:00+05:30', 'garbage', 5, {}, null, new Date(0)),
      fetchedAt: fc.constantFrom('2022-11-24T21:04:00+05:30', 5, {}),
      maxBytes: fc.constantFrom(1024, -1, 0, Number.NaN, Number.POSITIVE_INFINITY, '100', null, 1e30),
    },
    { requiredKeys: [] },
  ),
);

/** Free text: random unicode, Devanagari-heavy strings and control characters. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 2000 }),
  fc.string({ unit: fc.constantFrom(...'कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह ािीुूेैोौंः्।.,\n'), maxLength: 3000 }),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJ abcdefghij .!?\n\t\u00a0\u200b\u200d'), maxLength: 3000 }),
);
