/**
 * Regression tests for what the fuzzing harness found in code this suite's owner fixed: each pins the
 * behaviour that must survive the fix (speed itself is measured by `npm run fuzz`, never here).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boilerplateReason } from '../../src/clean/boilerplate.ts';
import { InputError } from '../../src/core/errors.ts';
import { isNotProse, sentences } from '../../src/core/text.ts';
import { campusOrgSpans } from '../../src/entities/compose.ts';
import { extractEntities, loadGazetteer } from '../../src/entities/index.ts';
import type { Span } from '../../src/entities/match.ts';
import { tokenize } from '../../src/entities/text.ts';
import { extractIncident } from '../../src/incidents/article.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { validateAnalyzeInput } from '../../src/pipeline/validate-input.ts';
import { indexSentences, tenseAround } from '../../src/temporal/context.ts';
import { selectNonOverlapping } from '../../src/temporal/extract.ts';
import { extractTemporal } from '../../src/temporal/index.ts';
import type { Candidate } from '../../src/temporal/model.ts';
import { tokenize as tokenizeDates } from '../../src/temporal/tokens.ts';

describe('English names in a long paragraph without a full stop (a regex per capitalised word was cubic)', () => {
  it('still finds organisations in a long paragraph of capitalised words without a full stop', () => {
    const words = 'Tata Memorial Hospital and Delhi Police met Arvind Kejriwal near Saket District and';
    const text = Array.from({ length: 300 }, () => words).join(' ');
    const found = extractEntities({ title: '', paragraphs: [{ text, lang: 'eng' }] });
    const names = new Set(found.map((e) => e.canonical));
    expect(names.has('Tata Memorial Hospital')).toBe(true);
    expect(names.has('Delhi Police')).toBe(true);
  });
});

describe('entity tokens of a word millions of letters long (overflowed the regexp stack, seed 7)', () => {
  it('cuts the run into tokens that cover it, without a RangeError', () => {
    const run = 'ख'.repeat(6_538_357);
    const tokens = tokenize(`एम्स ${run} दिल्ली`);
    expect(tokens[0]!.text).toBe('एम्स');
    expect(tokens.at(-1)!.text).toBe('दिल्ली');
    const middle = tokens.slice(1, -1);
    expect(middle.map((t) => t.text).join('')).toBe(run);
    expect(middle.every((t, i) => i === 0 || t.start === middle[i - 1]!.end)).toBe(true);
  });
});

describe('campus names (AIIMS Jodhpur) looked up by position (a scan per institution took 10 s on 1.4 MB)', () => {
  const gaz = loadGazetteer();
  const span = (text: string, start: number, end: number, type: Span['type'], canonical: string): Span => ({
    start,
    end,
    surface: text.slice(start, end),
    type,
    canonical,
    source: 'rule',
  });
  it('pairs each institution with the same place as the scan it replaced', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\u00a0', '-', '–', '.'), maxLength: 80 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.record({ at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), org: fc.boolean() }), {
          maxLength: 20,
        }),
        (t, raw) => {
          // Spans start on a letter, as real ones do.
          const letters = [...t].flatMap((c, i) => (/[aB.]/.test(c) ? [i] : []));
          if (letters.length === 0) return;
          const spans = raw.map((r, i) => {
            const start = letters[r.at % letters.length]!;
            const end = Math.min(t.length, start + r.len);
            return r.org ? span(t, start, end, 'ORG', 'AIIMS') : span(t, start, end, 'LOC', `Place${i}`);
          });
          const expected: [number, number, string][] = [];
          for (const org of spans) {
            if (org.type !== 'ORG') continue;
            const place = spans.find(
              (s) =>
                s.type === 'LOC' &&
                s.start > org.end &&
                /^[\s\u00a0]*[-–]?[\s\u00a0]*$/.test(t.slice(org.end, s.start)),
            );
            if (place && place.start - org.end <= 3)
              expected.push([org.start, place.end, `AIIMS ${place.canonical}`]);
          }
          const got = campusOrgSpans(t, spans, gaz).map((s) => [s.start, s.end, s.canonical]);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 3000, seed: 2026 },
    );
  });

  it('still names AIIMS Jodhpur in a paragraph that names AIIMS thousands of times', () => {
    const text = `${'AIIMS said the camps stay open; '.repeat(3000)}AIIMS Jodhpur opened a ward.`;
    const names = extractEntities({ title: '', paragraphs: [{ text, lang: 'eng' }] }).map((e) => e.canonical);
    expect(names).toContain('AIIMS Jodhpur');
  });
});

describe('temporal: many dates in one paragraph (was quadratic and worse)', () => {
  it('resolves every date of a paragraph holding thousands of Hindi dates', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `${(i % 28) + 1} जनवरी 2023 को पुलिस ने`).join(' ');
    const values = extractTemporal(
      { title: '', paragraphs: [{ text, lang: 'hin' }] },
      { published: '2023-02-01T10:00:00+05:30' },
    );
    expect(values).toHaveLength(2000);
    expect(values[27]!.value).toBe('2023-01-28');
  });

  it("reads an outage's start from the first disruption sentence among thousands of dates (was a cue search per date)", () => {
    const dates = Array.from({ length: 2000 }, (_, i) => `${(i % 28) + 1} जनवरी 2023`).join(', ');
    const title = 'अस्पताल का सर्वर ठप';
    const paragraphs = [
      { text: `अस्पताल का सर्वर 3 जनवरी 2023 को ठप हो गया और सूची में ${dates} की तारीखें थीं।`, lang: 'hin' },
    ];
    const temporal = extractTemporal({ title, paragraphs }, { published: '2023-02-01T10:00:00+05:30' });
    const entities = extractEntities({ title, paragraphs });
    const incident = extractIncident({
      title,
      paragraphs: paragraphs.map((p, index) => ({ ...p, index, langConfidence: 1 })),
      entities,
      temporal,
    } as never);
    expect(incident?.start?.value).toBe('2023-01-01');
  });

  it('finds English months after a preposition in a paragraph with a long run of spaces (lookbehind was quadratic)', () => {
    const text = `The scheme began in January. x${' '.repeat(80_000)}y since March the work went on.`;
    const values = extractTemporal(
      { title: '', paragraphs: [{ text, lang: 'eng' }] },
      { published: '2023-06-01T10:00:00+05:30' },
    );
    expect(values.map((v) => v.surface)).toEqual(['January', 'March']);
  });

  it('keeps the same non-overlapping candidates as the pairwise check it replaced', () => {
    const cand = fc
      .record({ start: fc.nat(200), len: fc.integer({ min: 1, max: 30 }), priority: fc.nat(3) })
      .map(
        (c): Candidate => ({
          start: c.start,
          end: c.start + c.len,
          priority: c.priority,
          approximate: false,
          parsed: { type: 'time', minuteOfDay: 0 },
        }),
      );
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 60 }), (cands) => {
        const sorted = [...cands].sort(
          (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
        );
        const naive: Candidate[] = [];
        for (const c of sorted) if (!naive.some((k) => c.start < k.end && k.start < c.end)) naive.push(c);
        expect(selectNonOverlapping(cands)).toEqual(naive);
      }),
      { numRuns: 2000, seed: 15 },
    );
  });

  it('reads tense from the words near a date inside a very long sentence', () => {
    const filler = Array.from({ length: 500 }, () => 'और').join(' ');
    const text = `${filler} बैठक सोमवार को होगी ${filler}`;
    const at = text.indexOf('सोमवार');
    expect(tenseAround(text, indexSentences(text), at, at + 'सोमवार'.length)).toBe('future');
  });
});

describe('analyze() input validation (wrong option types used to throw bare TypeErrors)', () => {
  const page = 'दिल्ली पुलिस ने सोमवार को बताया कि एम्स में आग लगी। दमकल की गाड़ियां मौके पर पहुंचीं।';
  const cases: [string, unknown, RegExp][] = [
    ['null input', null, /takes an object/],
    ['a string input', 'text', /takes an object/],
    ['numeric content', { content: 7 }, /content must be a string or a Uint8Array/],
    ['missing content', {}, /content must be/],
    ['unknown format', { content: page, format: 'pdf' }, /format must be "html", "text" or "auto"/],
    ['numeric url', { content: page, url: 5 }, /url must be a string/],
    ['object published', { content: page, published: {} }, /published must be a string/],
    ['string maxBytes', { content: page, maxBytes: '100' }, /maxBytes must be a positive whole number/],
    ['NaN maxBytes', { content: page, maxBytes: Number.NaN }, /maxBytes must be/],
    ['negative maxBytes', { content: page, maxBytes: -1 }, /maxBytes must be/],
  ];
  for (const [name, input, message] of cases) {
    it(`rejects ${name} with InputError bad-option`, () => {
      const thrown = (() => {
        try {
          analyze(input as never);
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as InputError).code).toBe('bad-option');
      expect((thrown as Error).message).toMatch(message);
    });
  }

  it('accepts every well-typed input, bytes and strings alike', () => {
    for (const ok of [
      { content: page },
      { content: Buffer.from(page), format: 'text', url: 'https://example.in/a', maxBytes: 1024 },
      { content: new Uint8Array(4), contentType: 'text/html', published: 'x', fetchedAt: 'y' },
    ])
      expect(() => validateAnalyzeInput(ok)).not.toThrow();
  });
});

describe('date tokens of a word millions of letters long (overflowed the regexp stack, fuzz seed 2026)', () => {
  it('tokenises the run without a RangeError and still finds the date after it', () => {
    const run = 'क'.repeat(7_000_000);
    const toks = tokenizeDates(`${run} 15 अगस्त 2022`);
    expect(toks.at(-1)!.word).toBe('2022');
    expect(
      toks
        .slice(0, -3)
        .map((t) => t.word)
        .join(''),
    ).toBe(run);
  });
});

describe('a page with a stray byte before its doctype and a 7.8 MB og:title (read as text: 5.7 s, fuzz 20k run)', () => {
  const page = (lead: string) =>
    `${lead}<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>एम्स सर्वर पर साइबर हमला</title>` +
    `<meta property="og:title" content="${'ख'.repeat(200_000)}"></head><body><article><h1>एम्स सर्वर पर साइबर हमला</h1>` +
    '<p>दिल्ली पुलिस की आईएफएसओ इकाई ने बुधवार को एम्स के सर्वर पर हुए साइबर हमले की जांच शुरू की।</p>' +
    '<p>अस्पताल में मरीजों का पंजीकरण हाथ से किया जा रहा है और सेवाएं धीमी चल रही हैं।</p></article></body></html>';

  it('is still read as HTML when junk precedes the doctype', () => {
    for (const lead of ['\uFFFD', 'x\n', '\u00BE\u00BE ']) {
      const a = analyze({ content: page(lead) });
      expect(a.title).toBe('एम्स सर्वर पर साइबर हमला');
      expect(a.paragraphs.map((p) => p.text)).toHaveLength(2);
      expect(a.paragraphs[0]!.text).toContain('आईएफएसओ');
    }
  });

  it('drops a block of one endless "word" as not-prose, keeping only its start in the audit', () => {
    const blob = 'ख'.repeat(50_000);
    const a = analyze({
      content: `एम्स में सर्वर ठप रहा।\n\n${blob}\n\nदिल्ली पुलिस जांच कर रही है।`,
      format: 'text',
    });
    expect(a.paragraphs.map((p) => p.text)).toEqual(['एम्स में सर्वर ठप रहा।', 'दिल्ली पुलिस जांच कर रही है।']);
    const d = a.dropped.find((x) => x.reason === 'not-prose');
    expect(d?.text.length).toBeLessThan(300);
  });

  it('keeps prose that carries one long link or hash among its words', () => {
    const url = `https://example.in/news/${'a'.repeat(150)}`;
    const text = `The full order of the court, which runs to forty pages, was published on its website at ${url} on Monday.`;
    expect(isNotProse(text)).toBe(false);
    expect(isNotProse(`${'Zm9v'.repeat(100)} ${'YmFy'.repeat(100)}`)).toBe(true);
    // Scripts written without spaces are prose all the same.
    expect(isNotProse('新华社北京电'.repeat(40))).toBe(false);
    expect(isNotProse('ประเทศไทยมีประชากร'.repeat(20))).toBe(false);
  });
});

describe('sentence boundaries by hand (the regex retried every run of ! from each character: 4.8 s for 40,000)', () => {
  const old = (text: string) => {
    const out: number[] = [];
    for (const m of text.matchAll(/[.।?!]+(?=\s|$)/gu)) out.push((m.index ?? 0) + m[0].length);
    return out;
  };
  it('ends sentences where the regex did', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '.', '!', '?', '।', ' ', '\n', 'क'), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const ends = sentences(t).map((s) => s.end);
        // sentences() trims white space off each sentence; the boundaries it cut at are the regex's.
        for (const e of ends) if (e < t.trimEnd().length) expect(old(t)).toContain(e);
        expect(sentences(t).length).toBeGreaterThanOrEqual(Math.min(1, t.trim().length));
      }),
      { numRuns: 3000, seed: 21 },
    );
  });

  it('splits a text with a long run of ! and a letter after it in one pass', () => {
    const t = `पहला वाक्य। ${'!'.repeat(40_000)}x दूसरा।`;
    expect(sentences(t).map((s) => s.text.slice(0, 6))).toEqual(['पहला व', '!!!!!!']);
  });
});

describe('breadcrumb lines by separator positions (the regex took a second per 300-character line of separators)', () => {
  // The regex it replaced, widened since: an optional leading separator, and a last part of up to 100
  // characters (a headline) after two or more separators unless the line uses ` | `.
  const regexFor = (last: number) =>
    new RegExp(`^[^.।?!]{1,80}(?:\\s[/>»›|]\\s[^.।?!]{1,40}){0,4}\\s[/>»›|]\\s[^.।?!]{1,${last}}$`, 'u');
  const short = regexFor(40);
  // The long last part only after two or more separators.
  const long = /^[^.।?!]{1,80}(?:\s[/>»›|]\s[^.।?!]{1,40}){1,4}\s[/>»›|]\s[^.।?!]{1,100}$/u;
  const old = {
    test(t: string): boolean {
      const u = t.replace(/^[/>»›|]\s+/, '');
      return short.test(u) || (!u.includes(' | ') && long.test(u));
    },
  };
  it('calls a line a breadcrumb exactly when the regex did', () => {
    const line = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '/', '>', '|', '.', 'क', '»'),
      maxLength: 120,
    });
    fc.assert(
      fc.property(line, (t) => {
        const r = boilerplateReason(t);
        if (r === undefined || r === 'breadcrumb') expect(r === 'breadcrumb').toBe(old.test(t));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it('reads trails and lines of separators', () => {
    expect(boilerplateReason('Home / India / Delhi')).toBe('breadcrumb');
    expect(boilerplateReason('होम » राज्य » दिल्ली')).toBe('breadcrumb');
    expect(boilerplateReason(`${'a / '.repeat(70)}!`)).toBeUndefined();
    expect(
      boilerplateReason(
        '> Blog > From the states > Annual conference on digital policy of the Baden-Württemberg foundation',
      ),
    ).toBe('breadcrumb');
    // " | " stands for a danda in some Hindi writing: two sentences so joined are not a trail.
    expect(
      boilerplateReason(
        'दिल्ली में बुधवार को भारी बारिश हुई | कई इलाकों में पानी भर गया और यातायात धीमा रहा, लोग घंटों फंसे रहे',
      ),
    ).toBeUndefined();
  });
});

describe('nodes after </html> or in a fragment are moved into the body (cheerio re-checked 25,000 top-level nodes pairwise: 4.5 s)', () => {
  const story =
    '<p>दिल्ली पुलिस की आईएफएसओ इकाई ने बुधवार को एम्स के सर्वर पर हुए साइबर हमले की जांच शुरू की।</p>' +
    '<p>अस्पताल में मरीजों का पंजीकरण हाथ से किया जा रहा है और सेवाएं धीमी चल रही हैं।</p>';

  it('reads a page with thousands of <br> after </html> and its metadata', () => {
    const page = `<!doctype html><html><head><title>एम्स सर्वर पर साइबर हमला</title><meta name="author" content="संवाददाता"></head><body><article>${story}</article></body></html>${'<br>'.repeat(25_000)}`;
    const a = analyze({ content: page });
    expect(a.title).toBe('एम्स सर्वर पर साइबर हमला');
    expect(a.author).toBe('संवाददाता');
    expect(a.paragraphs).toHaveLength(2);
  });

  it('keeps text written after </html> as body text, as a browser shows it', () => {
    const page = `<html><head><title>x</title></head><body><p>पहला पैराग्राफ जो बॉडी में है और काफी लंबा है ताकि गिना जाए।</p></body></html>${story}${'<br>'.repeat(20)}`;
    const texts = analyze({ content: page }).paragraphs.map((p) => p.text);
    expect(texts.some((t) => t.includes('आईएफएसओ'))).toBe(true);
  });

  it('reads a fragment of thousands of top-level paragraphs', () => {
    const a = analyze({
      content: `<p>${'एम्स में सर्वर ठप रहा और मरीज परेशान रहे। '.repeat(3)}</p>`.repeat(5000),
      format: 'html',
    });
    expect(a.paragraphs.length).toBeGreaterThan(0);
  });
});

describe('review of the seventh session: nested noscript, wide nodes, articleBody markup, over-eager rules', () => {
  const P =
    'The district administration in Jajpur said on Sunday that relief camps would stay open for another week, as the Baitarani stayed above the danger mark.';
  const Q =
    'Officials said 2,300 people had been moved to 41 camps, and that drinking water, dry rations and medicines were being sent by boat to villages cut off.';

  it('walks thousands of nested <noscript> once (each used to rescan the subtree of the one around it)', () => {
    const n = 8000;
    const html = `<html><body>${'<noscript><div>'.repeat(n)}<p>${P}</p><p>${Q}</p>${'</div></noscript>'.repeat(n)}</body></html>`;
    expect(analyze({ content: html, format: 'html' }).paragraphs.map((p) => p.text)).toEqual([P, Q]);
  });

  it('reads a <noscript> or caption box with hundreds of thousands of children without a RangeError', () => {
    const wide = '<i></i>'.repeat(300_000);
    const html = `<html><body><article><p>${P}</p><p>${Q}</p><noscript><div>${wide}</div></noscript><div class="caption">${wide}</div></article></body></html>`;
    expect(analyze({ content: html, format: 'html' }).paragraphs.map((p) => p.text)).toEqual([P, Q]);
  });

  it('reads an articleBody written in HTML as paragraphs of text, and does not repeat what the page shows', () => {
    const more = [P, Q, `${P} ${Q}`, `${Q} ${P}`].map((t, i) => `${t} (${i})`);
    const curly =
      'Camps in Jajpur stay open for a week more, the state’s relief commissioner said on Sunday evening.';
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      articleBody: `<p>${curly.replace('’', '&#8217;')}</p><figure><img src="https://example.org/a.jpg"><figcaption>Camp</figcaption></figure>${more.map((t) => `<p>${t} <a href="/x">More</a></p>`).join('')}`,
    });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article><p>${curly}</p></article></body></html>`;
    const a = analyze({ content: html, format: 'html' });
    expect(a.extraction?.method).toBe('json-ld');
    const texts = a.paragraphs.map((p) => p.text);
    expect(texts[0]).toBe(curly);
    expect(texts.filter((t) => t.includes('relief commissioner'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('<') || t.includes('&#'))).toBe(false);
  });

  it('splits camelCase class names between words of three letters or more, not generated hashes', () => {
    const teaser = 'More on the floods in Odisha this week, with maps of the camps, the roads and the boats.';
    const html = `<html><body><div class="adFwik"><div class="sc-bdVaJa ucPqAD"><p>${P}</p><p>${Q}</p>
      <div class="cssBoxTeaserStandard"><p>${teaser}</p></div></div></div></body></html>`;
    expect(analyze({ content: html, format: 'html' }).paragraphs.map((p) => p.text)).toEqual([P, Q]);
  });

  it('keeps news that uses the words of a call, a disclaimer or a server message', () => {
    for (const news of [
      'जो ग्राहक सालाना प्लान सब्सक्राइब करेंगे, उन्हें 20 फीसदी की छूट मिलेगी, कंपनी ने सोमवार को कहा।',
      'ट्राई ने कहा कि उपभोक्ता अपनी पसंद के चैनल ही सब्सक्राइब करें और उसी का भुगतान करें।',
      'Users who are already a subscriber of the plan will not be charged extra, the company said on Monday.',
      'The YouTuber, who ended each video with a plea to please subscribe, was arrested in Noida on Friday.',
      'The platform told the Delhi High Court that it is not responsible for the content posted by its users under Section 79 of the IT Act.',
      '"We may receive compensation only after the survey is complete," said Ramesh Yadav, a farmer in Latur.',
      'Notice: Metro services will remain suspended between Andheri and Ghatkopar on Line 1 on Sunday.',
      'Delhi / NCR: Air quality turns severe as stubble burning peaks in Punjab and Haryana',
    ])
      expect(boilerplateReason(news), news).toBeUndefined();
    for (const line of [
      'Updated Date: Sat, 26 Nov 2022 06:15 PM (IST)',
      'Last Update: 26.11.2022',
      'Publication Date: 26 November 2022',
      'Warning: Creating default object from empty value in /var/www/html/wp-includes/classes.php on line 407',
    ])
      expect(boilerplateReason(line), line).toBeDefined();
  });
});
