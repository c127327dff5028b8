/**
 * Canonical URLs on the shapes Indian outlets publish (example URLs written for this test in the shape of
 * each outlet's links, not copied pages): trackers go, everything that may select a story stays, the
 * result is stable (sorted, idempotent, locale-independent).
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, isTrackingParam } from '../../src/core/url.ts';

/** [as linked, canonical] */
const SHAPES: [string, string][] = [
  // Dainik Bhaskar: slug + numeric id .html, shared from WhatsApp, or from a "more news" rail.
  [
    'https://www.bhaskar.com/local/rajasthan/jaipur/news/old-city-water-supply-cut-134567890.html?utm_source=whatsapp&utm_medium=social',
    'https://www.bhaskar.com/local/rajasthan/jaipur/news/old-city-water-supply-cut-134567890.html',
  ],
  [
    'https://www.bhaskar.com/national/news/cabinet-approves-new-rail-line-134567891.html?ref=inbound_More_News',
    'https://www.bhaskar.com/national/news/cabinet-approves-new-rail-line-134567891.html',
  ],
  // Amar Ujala: dated slug, a sub-navigation `src` label; a page id in the query is kept.
  [
    'https://www.amarujala.com/uttar-pradesh/lucknow/metro-extension-approved-2024-06-12?src=top-subnav',
    'https://www.amarujala.com/uttar-pradesh/lucknow/metro-extension-approved-2024-06-12',
  ],
  [
    'https://www.amarujala.com/photo-gallery/shahar?src=tlh&pageId=3&fbclid=IwAR0abc',
    'https://www.amarujala.com/photo-gallery/shahar?pageId=3',
  ],
  // Jagran: a Facebook click id and a Google Analytics linker.
  [
    'https://www.jagran.com/uttar-pradesh/kanpur-city-ganga-barrage-repair-begins-23712345.html?fbclid=IwAR1xyz&_gl=1*abc*_ga*MTIz',
    'https://www.jagran.com/uttar-pradesh/kanpur-city-ganga-barrage-repair-begins-23712345.html',
  ],
  // NDTV: a fragment from a news aggregator; host in capitals with the default port.
  [
    'https://www.ndtv.com/india-news/monsoon-reaches-kerala-two-days-early-5812345#publisher=newsstand',
    'https://www.ndtv.com/india-news/monsoon-reaches-kerala-two-days-early-5812345',
  ],
  ['HTTPS://WWW.NDTV.COM:443/India-News/Story-5812346', 'https://www.ndtv.com/India-News/Story-5812346'],
  // Times of India: articleshow/<id>.cms with its `from=mdr` label.
  [
    'https://timesofindia.indiatimes.com/city/delhi/yamuna-level-rises-again/articleshow/109876543.cms?from=mdr',
    'https://timesofindia.indiatimes.com/city/delhi/yamuna-level-rises-again/articleshow/109876543.cms',
  ],
  // Indian Express: trailing slash, a home-page `ref` label.
  [
    'https://indianexpress.com/article/cities/pune/pune-rain-alert-9345678/?ref=hometop_hp',
    'https://indianexpress.com/article/cities/pune/pune-rain-alert-9345678',
  ],
  // Hindustan Times: a full utm set from a tweet, and a campaign id from a push notification.
  [
    'https://www.hindustantimes.com/cities/mumbai-news/bmc-road-works-deadline-101717171717171.html?utm_source=twitter&utm_medium=social&utm_campaign=ht_site',
    'https://www.hindustantimes.com/cities/mumbai-news/bmc-road-works-deadline-101717171717171.html',
  ],
  [
    'https://www.hindustantimes.com/india-news/story-101717171717172.html?cmpid=push-notification-2024',
    'https://www.hindustantimes.com/india-news/story-101717171717172.html',
  ],
  // AMP switch in the query: the same story in another template.
  [
    'https://www.livehindustan.com/bihar/story-patna-flyover-opens-201717171717171.html?amp=1',
    'https://www.livehindustan.com/bihar/story-patna-flyover-opens-201717171717171.html',
  ],
  ['https://www.jagran.com/news/a-23712346.html?amp', 'https://www.jagran.com/news/a-23712346.html'],
  // `&amp;` left undecoded by whoever copied the link from HTML source.
  [
    'https://www.bhaskar.com/news/x-134567892.html?id=5&amp;utm_source=dbapp',
    'https://www.bhaskar.com/news/x-134567892.html?id=5',
  ],
  // Kept parameters are sorted by name (repeated names keep their order).
  [
    'https://www.aajtak.in/elections/results?state=bihar&page=2&tag=b&tag=a',
    'https://www.aajtak.in/elections/results?page=2&state=bihar&tag=b&tag=a',
  ],
];

describe('canonicalizeUrl on Indian outlets’ URL shapes', () => {
  it.each(SHAPES)('%s', (raw, canonical) => {
    expect(canonicalizeUrl(raw)).toBe(canonical);
  });

  it('is idempotent', () => {
    for (const [raw] of SHAPES) {
      const once = canonicalizeUrl(raw);
      expect(canonicalizeUrl(once)).toBe(once);
    }
  });

  it('keeps Devanagari slugs (percent-encoded) and their case-sensitive path', () => {
    const c = canonicalizeUrl('https://www.amarujala.com/shahar/पटना-में-बारिश-Update?utm_source=x');
    expect(c).toBe(
      'https://www.amarujala.com/shahar/%E0%A4%AA%E0%A4%9F%E0%A4%A8%E0%A4%BE-%E0%A4%AE%E0%A5%87%E0%A4%82-%E0%A4%AC%E0%A4%BE%E0%A4%B0%E0%A4%BF%E0%A4%B6-Update',
    );
    expect(canonicalizeUrl(c)).toBe(c);
  });

  it('does not map AMP paths: the page’s canonical link names the real page', () => {
    const amp = 'https://timesofindia.indiatimes.com/city/delhi/x/amp_articleshow/109876543.cms';
    expect(canonicalizeUrl(amp)).toBe(amp);
    expect(canonicalizeUrl('https://www.ndtv.com/india-news/x-5812345/amp/1')).toBe(
      'https://www.ndtv.com/india-news/x-5812345/amp/1',
    );
  });
});

describe('two different stories never share an id', () => {
  const pairs: [string, string][] = [
    // Story ids in the query (older PHP/ASP.NET CMSs, e-papers, regional portals).
    ['https://www.example-samachar.in/news.php?s=4521', 'https://www.example-samachar.in/news.php?s=4522'],
    ['https://epaper.example.in/view.aspx?src=12', 'https://epaper.example.in/view.aspx?src=13'],
    ['https://www.example.in/story?ref=123456', 'https://www.example.in/story?ref=123457'],
    ['https://www.example.in/archive?from=2024-01-01', 'https://www.example.in/archive?from=2024-02-01'],
    ['https://www.example.in/gallery?share=2', 'https://www.example.in/gallery?share=3'],
    ['https://www.example.in/search?s=modi', 'https://www.example.in/search?s=rahul'],
    ['https://www.example.in/page?amp=2', 'https://www.example.in/page?amp=3'],
  ];
  it.each(pairs)('%s ≠ %s', (a, b) => {
    expect(canonicalizeUrl(a)).not.toBe(canonicalizeUrl(b));
  });

  it('keeps an unknown parameter whatever its value', () => {
    expect(canonicalizeUrl('https://www.example.in/a?nid=77&type=video')).toBe(
      'https://www.example.in/a?nid=77&type=video',
    );
  });
});

describe('isTrackingParam', () => {
  it('drops click ids, analytics and campaign tags whatever their case or value', () => {
    for (const k of ['utm_source', 'UTM_Medium', 'utm_content', 'gclid', 'dclid', 'msclkid', 'fbclid'])
      expect(isTrackingParam(k, '123'), k).toBe(true);
    for (const k of ['mc_cid', 'mc_eid', '_ga', 'igshid', 'yclid', 'ref_src', 'cmpid'])
      expect(isTrackingParam(k, 'x1'), k).toBe(true);
  });

  it('drops referral labels only when their value is a bare word', () => {
    expect(isTrackingParam('ref', 'hp')).toBe(true);
    expect(isTrackingParam('from', 'mdr')).toBe(true);
    expect(isTrackingParam('share', 'whatsapp')).toBe(true);
    expect(isTrackingParam('ref', '987')).toBe(false);
    expect(isTrackingParam('src', '/images/a.jpg')).toBe(false);
    expect(isTrackingParam('ref', '')).toBe(false);
    expect(isTrackingParam('s', 'home')).toBe(false);
  });
});

describe('session ids', () => {
  it('drops the platforms’ session parameters, in the query or the path, whatever their value', () => {
    expect(
      canonicalizeUrl(
        'https://www.example.in/news/a-1;jsessionid=0A1B2C3D4E5F?PHPSESSID=9f8e7d6c5b4a39281706f5e4d3&id=7',
      ),
    ).toBe('https://www.example.in/news/a-1?id=7');
    for (const k of ['jsessionid', 'sessionid', 'session_id', 'aspsessionid', 'cfid', 'cftoken'])
      expect(isTrackingParam(k, '1'), k).toBe(true);
  });

  it('drops sid and zx only when the value is a generated token, not a story number', () => {
    expect(isTrackingParam('sid', 'k3j9x0q2mz')).toBe(true);
    expect(isTrackingParam('zx', '1717000000123abc')).toBe(true);
    // PHP-Nuke and its descendants select the story with `sid`.
    expect(canonicalizeUrl('https://www.example.in/article.php?sid=1234')).toBe(
      'https://www.example.in/article.php?sid=1234',
    );
    expect(isTrackingParam('sid', '07/01/01/1234')).toBe(false);
    expect(isTrackingParam('sid', 'short')).toBe(false);
  });
});
