/**
 * Page metadata on small pages written for these tests in the shape of Indian news sites: where the
 * publication time lives (JSON-LD only, a meta tag only, a Hindi byline only, the URL only), related-story
 * lists whose dates must not win, zones, broken JSON-LD, unparseable URLs and hostile pages.
 */
import { load } from 'cheerio';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { type PageMetadata, readMetadata } from '../../src/extract/metadata.ts';

const NOW = Date.parse('2023-06-01T00:00:00Z');

function read(html: string, url?: string): PageMetadata {
  const $ = load(parseDocument(html, { decodeEntities: true, lowerCaseTags: true }), null, false);
  return readMetadata($, url, { now: NOW });
}

const page = (head: string, body: string) =>
  `<!doctype html><html lang="hi"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
const STORY = '<div class="story-body"><p>नगर निगम ने बुधवार को नई पार्किंग नीति की घोषणा की।</p></div>';

describe('publication time: one source at a time', () => {
  it('reads JSON-LD @graph when the date lives nowhere else (Jagran-style)', () => {
    const graph = `{"@context":"https://schema.org","@graph":[
      {"@type":"Organization","name":"नगर समाचार","url":"https://nagar.example.in/"},
      {"@type":"WebPage","@id":"https://nagar.example.in/city/parking-policy-23001.html"},
      {"@type":"NewsArticle","headline":"शहर में नई पार्किंग नीति लागू",
       "datePublished":"2023-03-18T09:15:00+05:30","dateModified":"2023-03-18T16:40:00+05:30",
       "author":{"@type":"Person","name":"सीमा वर्मा"},"publisher":{"@type":"Organization","name":"नगर समाचार"}}]}`;
    const m = read(page(ld(graph), `<h1>शहर में नई पार्किंग नीति लागू</h1>${STORY}`));
    expect(m).toMatchObject({
      published: '2023-03-18T09:15:00+05:30',
      publishedSource: 'jsonld:datePublished',
      author: 'सीमा वर्मा',
      site: 'नगर समाचार',
      title: 'शहर में नई पार्किंग नीति लागू',
    });
  });

  it('reads the article under mainEntity and inside a top-level array', () => {
    const nested = `[{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle",
      "dateCreated":"2021-07-02T08:00:00+05:30"}}]`;
    const m = read(page(ld(nested), STORY));
    expect(m.published).toBe('2021-07-02T08:00:00+05:30');
    expect(m.publishedSource).toBe('jsonld:dateCreated');
  });

  it('reads a meta tag when there is no JSON-LD, keeping its zone (Times of India-style)', () => {
    const head =
      '<meta property="og:title" content="Metro line to open next month"><meta property="article:published_time" content="2022-11-24T15:34:00Z">';
    const m = read(page(head, `<h1>Metro line to open next month</h1>${STORY}`));
    expect(m.published).toBe('2022-11-24T15:34:00+00:00');
    expect(m.publishedSource).toBe('meta:article:published_time');
  });

  it.each([
    ['name="pubdate"', '2020-02-03T10:00:00+05:30'],
    ['name="publish-date"', '2020-02-03'],
    ['name="DC.date.issued"', '2020-02-03'],
    ['name="sailthru.date"', '2020-02-03 10:00:00'],
    ['name="parsely-pub-date"', '2020-02-03T04:30:00Z'],
    ['property="og:published_time"', '2020-02-03T10:00:00+05:30'],
  ])('reads <meta %s>', (attr, value) => {
    const m = read(page(`<meta ${attr} content="${value}">`, STORY));
    expect(m.published?.slice(0, 10)).toBe('2020-02-03');
    expect(m.publishedSource).toMatch(/^meta:/);
  });

  it('reads a visible Hindi byline with Hindi digits when the page has no machine date (Bhaskar-style)', () => {
    const body = `<h1>बारिश से कई इलाकों में जलभराव</h1>
      <div class="article-meta"><span class="author">रिपोर्ट: राहुल शर्मा</span>
      <span class="dt">प्रकाशित: १६ जनवरी २०१२, १०:३० AM</span></div>${STORY}`;
    const m = read(page('', body));
    expect(m.published).toBe('2012-01-16T10:30:00+05:30');
    expect(m.publishedSource).toBe('byline: प्रकाशित: १६ जनवरी २०१२, १०:३० AM');
  });

  it('reads an "Updated" byline when nothing says "Published" (Amar Ujala / NDTV-style)', () => {
    const body = `<h1>Flyover work delayed again</h1>
      <div class="auth-nm">Published by: City Desk <span class="pst-by">Updated Mon, 16 Jan 2012 10:47 AM IST</span></div>${STORY}`;
    const m = read(page('', body));
    expect(m.published).toBe('2012-01-16T10:47:00+05:30');
    expect(m.publishedSource).toBe('byline: Updated Mon, 16 Jan 2012 10:47 AM IST');
  });

  it('reads an unlabelled date in the byline after the headline, not the masthead date above it', () => {
    const body = `<div class="top-date">Thursday, 25 May 2023</div>
      <h1>Water supply cut in three wards</h1>
      <div class="byline">By Staff Reporter | January 16, 2012 10:47 IST</div>${STORY}`;
    const m = read(page('', body));
    expect(m.published).toBe('2012-01-16T10:47:00+05:30');
    expect(m.publishedSource).toBe('byline: By Staff Reporter | January 16, 2012 10:47 IST');
  });

  it('falls back to the URL, and only then', () => {
    const url = 'https://city.example.in/news/2022/11/24/hospital-server-down.html';
    expect(read(page('', `<h1>Hospital server down</h1>${STORY}`), url)).toMatchObject({
      published: '2022-11-24T00:00:00+05:30',
      publishedSource: 'url',
    });
    const withByline = page('', `<h1>x</h1><p class="date">Published: 25 Nov 2022</p>${STORY}`);
    expect(read(withByline, url).publishedSource).toBe('byline: Published: 25 Nov 2022');
    // A URL "date" in the future is an id, not a day.
    expect(read(page('', STORY), 'https://city.example.in/2024/01/16/x').published).toBeUndefined();
  });

  it('prefers datePublished to dateModified wherever they are, and uses a modification time last', () => {
    const both = ld('{"@type":"NewsArticle","dateModified":"2023-03-19","datePublished":"2023-03-18"}');
    expect(read(page(both, STORY)).published).toBe('2023-03-18T00:00:00+05:30');
    const modifiedOnly = page(
      '<meta property="article:modified_time" content="2023-03-19T11:00:00+05:30">',
      STORY,
    );
    expect(read(modifiedOnly)).toMatchObject({
      published: '2023-03-19T11:00:00+05:30',
      publishedSource: 'meta:article:modified_time',
    });
    // A modification time is an upper bound: a URL naming an earlier day gives the publication day.
    expect(read(modifiedOnly, 'https://x.example.in/2023/03/18/story')).toMatchObject({
      published: '2023-03-18T00:00:00+05:30',
      publishedSource: 'url',
    });
    expect(read(modifiedOnly, 'https://x.example.in/2023/03/19/story').publishedSource).toBe(
      'meta:article:modified_time',
    );
  });

  it('ignores a date that is impossible, too old or in the future, and goes on to the next source', () => {
    const head = `<meta property="article:published_time" content="2022-02-30T10:00:00+05:30">
      <meta name="pubdate" content="1985-01-01"><meta name="date" content="2031-01-01">`;
    const m = read(page(head, `<h1>x</h1><time datetime="2022-03-01T10:00:00+05:30">1 March</time>${STORY}`));
    expect(m).toMatchObject({ published: '2022-03-01T10:00:00+05:30', publishedSource: 'time[datetime]' });
  });
});

describe('publication time: related stories do not win', () => {
  const related = `<aside class="related-news"><h3>और खबरें</h3><ul>
      <li><a href="/a">पहली खबर</a><time datetime="2023-05-30T08:00:00+05:30">30 मई</time></li>
      <li><a href="/b">दूसरी खबर</a><time datetime="2023-05-29T08:00:00+05:30">29 मई</time></li></ul></aside>`;

  it('takes the <time> in the article header over earlier ones in a related list', () => {
    const body = `${related}<article><header><h1>पुल का उद्घाटन</h1>
      <time datetime="2023-05-20T18:05:00+05:30">20 मई 2023</time></header>${STORY}</article>`;
    const m = read(page('', body));
    expect(m.published).toBe('2023-05-20T18:05:00+05:30');
    expect(m.publishedSource).toBe('time[datetime]');
  });

  it('takes no date at all from a related list, and falls through to the URL', () => {
    const m = read(
      page('', `<h1>पुल का उद्घाटन</h1>${STORY}${related}`),
      'https://x.example.in/2023-05-20/bridge',
    );
    expect(m.publishedSource).toBe('url');
    expect(m.published).toBe('2023-05-20T00:00:00+05:30');
  });

  it('does not take the date of an embedded tweet (NDTV-style)', () => {
    const body = `<h1>Minister responds to criticism</h1><div class="story-info">${STORY}
      <blockquote class="twitter-tweet"><p>Statement issued today.</p>— Office (@office) January 15, 2012</blockquote>
      </div>`;
    expect(read(page('', body), 'https://x.example.in/2012-01-16/minister').publishedSource).toBe('url');
  });

  it('does not take dates from a JSON-LD ItemList of other stories', () => {
    const list = ld(`{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":
      {"@type":"NewsArticle","datePublished":"2023-05-30T08:00:00+05:30"}}]}`);
    expect(read(page(list, STORY)).published).toBeUndefined();
  });

  it('chooses the JSON-LD article that describes the page when a page carries several', () => {
    const two = ld(`[{"@type":"NewsArticle","url":"https://x.example.in/other","datePublished":"2023-05-30"},
      {"@type":"NewsArticle","url":"https://x.example.in/own-story","datePublished":"2023-05-20"}]`);
    const head = `${two}<link rel="canonical" href="https://x.example.in/own-story">`;
    expect(read(page(head, STORY)).published).toBe('2023-05-20T00:00:00+05:30');
  });
});

describe('JSON-LD as pages really write it', () => {
  it('tolerates trailing commas, comments, raw line breaks and several objects in one script', () => {
    const broken = `// site tag
      {"@type": "Organization", "name": "दैनिक उदाहरण",}
      {"@type": "NewsArticle", /* article */ "headline": "पहली पंक्ति
दूसरी पंक्ति", "datePublished": "2019-08-05T07:30:00+05:30",
       "author": [{"@type": "Person", "name": "अनिल"}, {"@type": "Person", "name": "मीना",},],}`;
    const m = read(page(ld(broken), STORY));
    expect(m.published).toBe('2019-08-05T07:30:00+05:30');
    expect(m.author).toBe('अनिल, मीना');
    expect(m.title).toBe('पहली पंक्ति दूसरी पंक्ति');
  });

  it('survives hostile nesting without overflowing the stack', () => {
    const deep = (n: number) => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
    for (const n of [3_600, 100_000]) {
      const json = `{"@type":"NewsArticle","author":${deep(n)},"publisher":{"name":${deep(n)}},
        "@graph":${deep(n)},"datePublished":"2020-01-01"}`;
      const m = read(page(ld(json), STORY));
      expect(m.published).toBe('2020-01-01T00:00:00+05:30');
    }
  });
});

describe('robust reading of page URLs and long values', () => {
  const canonical = '<link rel="canonical" href="https://news.example.in/city/story-1.html">';

  it.each(['https://', '//example.in/x', 'not a url', ''])('does not throw for page url %j', (url) => {
    const m = read(page(canonical, STORY), url);
    expect(m.canonicalUrl).toBe('https://news.example.in/city/story-1.html');
    expect(m.site).toBe('news.example.in');
  });

  it('resolves a relative canonical only against a page URL that parses', () => {
    const rel = page('<link rel="canonical" href="/city/story-2.html">', STORY);
    expect(read(rel, 'https://www.example.in/amp/story-2').canonicalUrl).toBe(
      'https://www.example.in/city/story-2.html',
    );
    expect(read(rel, 'https://').canonicalUrl).toBeUndefined();
    expect(read(rel).canonicalUrl).toBeUndefined();
    expect(
      read(page('<link rel="canonical" href="javascript:alert(1)">', STORY)).canonicalUrl,
    ).toBeUndefined();
  });

  it('falls back to og:url, and names the site from the canonical host', () => {
    const m = read(page('<meta property="og:url" content="https://www.example.in/x">', STORY), 'https://');
    expect(m.canonicalUrl).toBe('https://www.example.in/x');
    expect(m.site).toBe('example.in');
  });

  it('passes over an 8 MB og:title to the next title source, and cuts long names to a bounded length', () => {
    const huge = `${'बहुत लंबा शीर्षक '.repeat(500_000)}`;
    const m = read(
      page(
        `<meta property="og:title" content="${huge}"><title>नगर निगम की नई पार्किंग नीति</title><meta name="author" content="${'a'.repeat(1e6)}">`,
        STORY,
      ),
    );
    expect(m.title).toBe('नगर निगम की नई पार्किंग नीति');
    expect(m.author!.length).toBeLessThanOrEqual(200);
  });

  it('cuts a long but plausible og:title to 300 characters', () => {
    const long = 'बहुत लंबा शीर्षक '.repeat(100);
    const m = read(page(`<meta property="og:title" content="${long}">`, STORY));
    expect(m.title.length).toBeLessThanOrEqual(300);
    expect(m.title.startsWith('बहुत लंबा शीर्षक')).toBe(true);
  });

  it('falls back from og:title to the JSON-LD headline, the h1 and <title>', () => {
    expect(read(page('<title>Site | Story</title>', '<h1> Story   headline </h1>')).title).toBe(
      'Story headline',
    );
    expect(read(page('<title>Site | Story</title>', '')).title).toBe('Site | Story');
    expect(read(page('', '')).title).toBe('');
  });
});
