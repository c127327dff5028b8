/**
 * Main-text extraction and text input on pages and texts written here in the shape of real ones (issue 11):
 * a page whose story lives only in JSON-LD, a marked article body, chrome inside and around the article,
 * CMS wrappers, forms around the whole page, hostile nesting; text with no headline, one paragraph, CR line
 * ends and run-together sentences. Quality is measured by `npm run eval -- extraction`, not here.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { extractText, splitRunTogether } from '../../src/extract/text.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { pageCounts } from '../eval/extraction.ts';

const P1 =
  'The district administration in Jajpur said on Sunday that relief camps would stay open for another week, as water levels in the Baitarani river remained above the danger mark.';
const P2 =
  'Officials said 2,300 people had been moved to 41 camps, and that drinking water, dry rations and medicines were being sent by boat to villages cut off by the flood.';
const P3 =
  'A team of the state disaster response force, with six boats, reached Binjharpur block late on Saturday, after the road from Jajpur town was washed away in two places.';
const H1 = 'हिमाचल प्रदेश के कुल्लू जिले में बादल फटने से कई घर बह गए, प्रशासन ने राहत और बचाव का काम तेज कर दिया है।';
const H2 = 'जिला प्रशासन के अनुसार, मणिकर्ण घाटी में रात करीब दो बजे बादल फटा, जिसके बाद नाले में अचानक पानी बढ़ गया।';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>Floods in Jajpur</title>${head}</head><body>${body}</body></html>`;

const bodyOf = (html: string, url?: string) => {
  const a = analyze({ content: html, format: 'html', ...(url ? { url } : {}) });
  return { article: a, text: a.paragraphs.map((p) => p.text) };
};

describe('HTML: the article, not the page', () => {
  it('keeps every paragraph of a body split across CMS wrappers, and drops chrome inside it', () => {
    const html = page(`
      <nav><ul><li><a href="/">Home</a></li><li><a href="/india">India</a></li></ul></nav>
      <div class="layout has-sidebar">
        <div class="story">
          <div class="paragraph-component"><p>${P1}</p></div>
          <div class="share-bar"><a href="/s/fb">Share on Facebook</a> <a href="/s/x">Share on X</a></div>
          <div class="paragraph-component"><p>${P2}</p></div>
          <div class="paragraph-component"><h2>Boats and camps</h2><p>${P3}</p></div>
          <div class="related"><h3>Read also</h3><ul><li><a href="/a">Cyclone warning for Odisha coast issued on Monday</a></li><li><a href="/b">Rain deficit in western districts grows</a></li></ul></div>
        </div>
        <aside class="sidebar"><p>Trending now: the ten most read stories of the week, from cricket to the markets, chosen by our editors.</p></aside>
      </div>
      <footer><p>Copyright © 2024 Example News. All rights reserved.</p></footer>`);
    const { article, text } = bodyOf(html);
    expect(text).toEqual([P1, P2, 'Boats and camps', P3]);
    expect(article.extraction?.method).toBe('scored-container');
  });

  it('takes a body the page marks with itemprop=articleBody at its word', () => {
    const html = page(`
      <div class="promo-box"><p>Subscribe to our evening bulletin: the day's news in five minutes, delivered by e-mail every evening.</p></div>
      <div itemprop="articleBody"><p>${P1}</p><p>${P2}</p></div>`);
    const { article, text } = bodyOf(html);
    expect(text).toEqual([P1, P2]);
    expect(article.extraction?.method).toBe('article-body');
  });

  it('reads a story that lives only in JSON-LD articleBody', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage' },
        { '@type': 'NewsArticle', headline: 'Floods', articleBody: `${P1}\n\n${P2}` },
      ],
    });
    const html = page(
      '<div id="app"><p>Loading…</p></div>',
      `<script type="application/ld+json">${ld}</script>`,
    );
    const { article, text } = bodyOf(html);
    expect(text).toEqual([P1, P2]);
    expect(article.extraction?.method).toBe('json-ld');
  });

  it('takes the JSON-LD articleBody when the page shows far less of the story, keeping the standfirst it shows', () => {
    const lead = 'Camps in Jajpur stay open for a week more, as the Baitarani stays above the danger mark.';
    const body = [P1, P2, P3, `${P1} ${P2}`, `${P3} ${P1}`];
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Floods', articleBody: body.join('\n\n') });
    const html = page(
      `<article><h1>Floods in Jajpur</h1><p class="standfirst">${lead}</p><p>${P1}</p><p><a href="/plus">Read on with Plus</a></p></article>`,
      `<script type="application/ld+json">${ld}</script>`,
    );
    const { article, text } = bodyOf(html);
    expect(text).toEqual([lead, ...body]);
    expect(article.extraction?.method).toBe('json-ld');
    // A page that shows most of the story keeps what it shows.
    const shown = page(
      `<article><p>${P1}</p><p>${P2}</p><p>${P3}</p></article>`,
      `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: `${P1}\n\n${P2}\n\n${P3}` })}</script>`,
    );
    expect(bodyOf(shown).article.extraction?.method).not.toBe('json-ld');
  });

  it('falls back to the densest block when no container holds prose, and says so', () => {
    const html = page(`<table><tr><td><font size="2">${P1} ${P2}</font></td></tr></table>`);
    const doc = extractHtml(html);
    expect(doc.blocks.map((b) => b.text)).toEqual([`${P1} ${P2}`]);
    expect(['scored-container', 'densest-block']).toContain(doc.method);
  });

  it('walks pages wrapped in one <form> and pages that never close <head>', () => {
    const formPage = `<html><body><form id="aspnetForm" action="/x"><div class="content"><p>${P1}</p><p>${P2}</p></div></form></body></html>`;
    expect(bodyOf(formPage).text).toEqual([P1, P2]);
    const openHead = `<html><head><title>x</title><meta charset="utf-8"><div class="article"><p>${P1}</p><p>${P2}</p></div></html>`;
    expect(bodyOf(openHead).text).toEqual([P1, P2]);
  });

  it('works the same on Devanagari, where sentences end in a danda and nothing is capitalised', () => {
    const html = `<html lang="hi"><body><div class="menu"><a href="/">होम</a> <a href="/desh">देश</a></div>
      <div class="khabar-vistar"><p>${H1}</p><p>${H2}</p></div>
      <div class="also-read"><a href="/x">ये भी पढ़ें: दिल्ली में बारिश से जलभराव</a></div></body></html>`;
    const { article, text } = bodyOf(html);
    expect(text).toEqual([H1, H2]);
    expect(article.language).toBe('hin');
  });

  it('drops a heading that heads only links, and short date lines', () => {
    const html = page(`<div class="article"><p>${P1}</p><p>23.10.2018</p><p>${P2}</p>
      <h3>More on this</h3><ul><li><a href="/1">Flood relief: what the state has promised</a></li><li><a href="/2">River levels across Odisha</a></li></ul></div>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
  });

  it('keeps the standfirst that sits in the article header or a teaser box above the body', () => {
    const lead = 'Camps in Jajpur stay open for a week more: the river is still above the danger mark.';
    const html = page(`<nav><a href="/">Home</a></nav><article class="story">
      <header class="story-header"><h1>Floods in Jajpur</h1><p class="standfirst">${lead}</p>
        <div class="byline">By Our Correspondent</div></header>
      <div class="story-body"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></article>
      <div class="more"><p><a href="/x">Cyclone warning for the Odisha coast, and what it means for fishermen</a></p></div>`);
    expect(bodyOf(html).text).toEqual([lead, P1, P2, P3]);
    const hiLead = 'कुल्लू में बादल फटने के बाद बचाव दल रात भर काम में लगे रहे, अब तक सात लोग लापता हैं।';
    const hi = `<html lang="hi"><body><div class="khabar"><div class="teaser-text"><p>${hiLead}</p></div>
      <div class="khabar-vistar"><p>${H1}</p><p>${H2}</p></div></div></body></html>`;
    expect(bodyOf(hi).text).toEqual([hiLead, H1, H2]);
    // A "more on this" box between the lead and the body is passed over, and stays out.
    const boxed = page(`<article><div class="head"><h1>Floods in Jajpur</h1><p class="subtitle">${lead}</p>
      <div class="more-box"><p><a href="/a">Cyclone warning for the Odisha coast</a></p><p><a href="/b">River levels across Odisha, district by district</a></p></div></div>
      <div class="main"><div class="text"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div></article>`);
    expect(bodyOf(boxed).text).toEqual([lead, P1, P2, P3]);
    // A long byline-and-date line is not a lead (the share bar that ends the search is in en-article.html).
    const byline = page(`<article><h1>Floods in Jajpur</h1>
      <div class="byline">Asha Rao, Staff Reporter, Jajpur bureau · Updated on Sunday evening after the district briefing</div>
      <div class="story-body"><p>${P1}</p><p>${P2}</p></div></article>`);
    expect(bodyOf(byline).text).toEqual([P1, P2]);
    // A byline that links to the author's page, between the lead and the body, is passed over.
    const linked =
      page(`<article><header class="article-header"><h1>Floods in Jajpur</h1><div class="summary"><p>${lead}</p></div>
      <div class="byline">By <a href="/author/asha-rao">Asha Rao</a></div></header>
      <div class="story-body"><p>${P1}</p><p>${P2}</p></div></article>`);
    expect(bodyOf(linked).text).toEqual([lead, P1, P2]);
  });

  it('lets long prose outweigh a class word: a page-builder body in `widget` boxes beats a notice box', () => {
    const notice =
      '*A note on orders: because demand is high, deliveries take three to four weeks, and we thank you, dear customers, for your patience, understanding, and trust.';
    const html = page(`<div class="builder-row"><div class="builder-widget-container">
        <p>${P1} ${P2}</p><p>${P3} ${P1}</p></div></div>
      <div class="builder-row"><div class="builder-text-editor"><h6>${notice}</h6></div></div>`);
    expect(bodyOf(html).text).toEqual([`${P1} ${P2}`, `${P3} ${P1}`]);
  });

  it('leaves out ruby readings, which gloss the base text and would split its words', () => {
    const html = page(
      `<div class="article"><p>The <ruby>Baitarani<rp>(</rp><rt>bai-ta-ra-ni</rt><rp>)</rp></ruby> river stayed above the danger mark on Sunday, officials in Jajpur said.</p><p>${P1}</p></div>`,
    );
    expect(bodyOf(html).text[0]).toBe(
      'The Baitarani river stayed above the danger mark on Sunday, officials in Jajpur said.',
    );
  });

  it('never takes an author box for the article, however long the biography', () => {
    const bio = [
      'Asha Rao has reported on floods, cyclones and droughts in Odisha for twelve years, first for a Cuttack daily, then for us.',
      'She studied geography in Bhubaneswar, worked with a relief agency in Kendrapara, and writes, when she can, about rivers.',
      'Before joining the newsroom, she taught in a village school, ran a radio show on farming, and translated two books.',
    ];
    const html = page(`<article class="post"><div class="entry"><p>${P1}</p><p>${P2}</p></div>
      <div class="author-bio"><div>${bio.map((b) => `<p>${b}</p>`).join('')}</div></div></article>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
    // A short biography box after the body ("bio", "author-description") is chrome inside the article.
    const short = page(`<article class="post"><div class="entry"><p>${P1}</p><p>${P2}</p>
      <div class="post-author"><div class="author-description"><p>${bio[0]}</p></div></div><div class="bio"><p>${bio[1]}</p></div></div></article>`);
    expect(bodyOf(short).text).toEqual([P1, P2]);
  });

  it('drops a caption marked only by its class, but not a "caption" wrapper around the whole story', () => {
    const cap = 'Boats of the disaster response force at Binjharpur on Saturday, seen from the Jajpur road';
    const html = page(`<div class="article"><p>${P1}</p>
      <div class="wp-caption"><img src="/b.jpg" alt=""><p class="wp-caption-text">${cap}</p></div><p>${P2}</p></div>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
    const wrapped = page(
      `<div class="image-caption"><div class="article"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div>`,
    );
    expect(bodyOf(wrapped).text).toEqual([P1, P2, P3]);
  });

  it('drops newsletter and subscription calls at the end of the body, not news that names a newsletter', () => {
    const news =
      'The district newsletter, printed in Odia and Hindi, told villagers on Friday which camps had room, which roads were open and where boats would call.';
    const html = page(`<div class="article"><p>${P1}</p><p>${news}</p><p>${P2}</p>
      <p>Never miss a story: join our free evening newsletter</p><p>Subscribe now to our e-paper for the full story.</p></div>`);
    expect(bodyOf(html).text).toEqual([P1, news, P2]);
    // Paywall, membership and follow calls in English and Hindi; news that uses the same words stays.
    const quote =
      'Residents said they would follow the rescue on Facebook and that they had become a member of the relief committee, which asked people to support our work in the camps.';
    const calls = page(`<div class="article"><p>${P1}</p><p>${quote}</p><p>${P2}</p>
      <p>To view the full story, please subscribe to Example News.</p>
      <p>If you are already a subscriber, log in for immediate access to this story.</p>
      <p>Enjoyed this piece? Would you consider supporting our work? Just click here.</p>
      <p>Follow Example News on Twitter and Instagram for the latest from Odisha.</p>
      <p>Get the latest news straight to your phone with the Example News app.</p>
      <p>Submit your letter to the editor via this form.</p>
      <p>Disclaimer: This content is from a sponsor; the newsroom was not involved in writing it.</p>
      <p>*Relief figures are estimates by the district office and may change.</p>
      <p>The views expressed in this column are those of the author.</p>
      <p>डिस्क्लेमर: यह लेख केवल जानकारी के लिए है।</p>
      <p>Example News is not responsible for the opinions expressed by contributors.</p>
      <p>We may earn a commission when you buy through links on this page.</p>
      <p>Warning: Creating default object from empty value in /var/www/html/wp-includes/classes.php on line 407</p>
      <p>Asked 8 years, 2 months ago</p><p>3 घंटे पहले</p>
      <p>ताज़ा ख़बरों के लिए हमारे चैनल को सब्सक्राइब करें।</p><p>Explore further</p><p>Was this article helpful?</p><p>संबंधित खबरें</p></div>`);
    expect(bodyOf(calls).text).toEqual([P1, quote, P2]);
    // An interview marks its questions with an asterisk: those stay.
    const question = '*What did the district do first when the river crossed the danger mark?';
    const interview = page(`<div class="article"><p>${P1}</p><p>${question}</p><p>${P2}</p></div>`);
    expect(bodyOf(interview).text).toEqual([P1, question, P2]);
  });

  it('drops a caption that starts with its label, in the body text where the page left it', () => {
    const html =
      page(`<div class="article"><p>${P1}</p><p>Abbildung 2: Pegelstände am Baitarani, gemessen in Jajpur zwischen Montag und Sonntag.</p>
      <p>${P2}</p><p>फोटो: राहत शिविर में खाना बांटते स्वयंसेवक</p><p>Photograph by Asha Rao for the Example News Service</p>
      <p>Volunteers hand out food at a relief camp in Jajpur on Sunday. (Photo: PTI)</p></div>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
  });

  it('keeps a recipe card that the page names in its JSON-LD Recipe or marks with recipe microdata', () => {
    const story = [
      'My grandmother made this khichdi every monsoon, when the rain kept us indoors for days and the market was too far to walk to.',
      'It is a forgiving dish: the rice and lentils cook together, and the spices go in at the end, in hot ghee, with a crackle you can hear.',
    ];
    const ingredients = [
      '1 cup short-grain rice, washed',
      '1/2 cup yellow moong dal',
      '2 tablespoons ghee with cumin',
    ];
    const steps = [
      'Wash the rice and dal together and soak them for twenty minutes.',
      'Cook with four cups of water until soft, then pour the hot ghee and cumin over it.',
    ];
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Recipe',
      name: 'Monsoon khichdi',
      recipeIngredient: ingredients,
      recipeInstructions: steps.map((text) => ({ '@type': 'HowToStep', text })),
    });
    const card = `<div class="recipe-card"><ul>${ingredients.map((i) => `<li>${i}</li>`).join('')}</ul>
      <ol>${steps.map((t) => `<li><div class="step-text">${t}</div></li>`).join('')}</ol></div>`;
    const sidebar =
      '<aside><p>More recipes from our kitchen, chosen for the rainy season by the editors.</p></aside>';
    const body = `<div class="post"><p>${story[0]}</p><p>${story[1]}</p></div>`;
    const withLd = page(
      `${body}<div class="widget-area">${card}</div>${sidebar}`,
      `<script type="application/ld+json">${ld}</script>`,
    );
    expect(bodyOf(withLd).text).toEqual([...story, ...ingredients, ...steps]);
    const marked = `<div class="recipe-card"><ul>${ingredients.map((i) => `<li itemprop="recipeIngredient">${i}</li>`).join('')}</ul></div>`;
    const withMicrodata = page(`${body}<div class="widget-area">${marked}</div>${sidebar}`);
    expect(bodyOf(withMicrodata).text).toEqual([...story, ...ingredients]);
    // However the attribute is written: single-quoted, unquoted, upper case (read from the parsed attributes;
    // a substring test of the page's HTML saw only itemprop="…").
    for (const attr of [
      "itemprop='recipeIngredient'",
      'itemprop=recipeIngredient',
      'ITEMPROP="recipeIngredient"',
    ]) {
      const html = `<div class="recipe-card"><ul>${ingredients.map((i) => `<li ${attr}>${i}</li>`).join('')}</ul></div>`;
      expect(bodyOf(page(`${body}<div class="widget-area">${html}</div>${sidebar}`)).text, attr).toEqual([
        ...story,
        ...ingredients,
      ]);
    }
    // Without either, the card beside the story is not taken.
    expect(bodyOf(page(`${body}<div class="widget-area">${card}</div>${sidebar}`)).text).toEqual(story);
  });

  it('drops affiliate disclosures, contact, citation, call-to-action, post-meta and (German) comment boxes in the article', () => {
    const html = page(`<article><div class="entry-content">
      <div class="affiliate-disclosure"><p>Some links on this page earn us a small commission from the shop, at no cost to you, which pays for our reporting.</p></div>
      <p>${P1}</p><p>${P2}</p>
      <div class="press-contact"><p>Press office of the district administration, Jajpur, open on weekdays from ten to five.</p></div>
      <div class="citation"><p>Suggested citation: Example News, Floods in Jajpur, relief camps to stay open, published on Sunday.</p></div>
      <div class="entry-utility">This entry was posted in Odisha and tagged floods, relief camps. Bookmark the permalink.</div>
      <section class="letters-cta"><p>We want to hear what you think about this story. Write to the editor with your name and town.</p></section>
      <div class="kommentare"><p>Noch keine Kommentare: schreiben Sie den ersten Kommentar zu diesem Artikel über die Flut.</p></div>
      </div></article>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
  });

  it('reads an article the page ships only in <noscript> (and a script template), not a "enable JavaScript" line', () => {
    const html =
      page(`<div class="blog-header"><div class="header-desc">News and notes from the flood desk of Example News.</div></div>
      <div class="post-body"><script type="text/template"><p>${P1}</p><p>${P2}</p></script>
      <noscript><p>${P1}</p><p>${P2}</p><p>${P3}</p></noscript></div>
      <noscript><p>Please enable JavaScript to see the comments.</p></noscript>`);
    expect(bodyOf(html).text).toEqual([P1, P2, P3]);
  });

  it('reads camelCase class words and author boxes whose class starts with post- or author_', () => {
    const bio =
      'Asha Rao has reported on floods, cyclones and droughts in Odisha for twelve years, first for a Cuttack daily, then for us.';
    const html = page(`<article class="post"><div class="entry-content"><p>${P1}</p><p>${P2}</p>
      <div class="relatedPost"><p>Earlier: the Baitarani crossed the danger mark twice last monsoon, and camps stayed open for a month.</p></div>
      <div class="post-author-bio"><p>${bio}</p></div>
      <div class="sectionRating"><p>How useful did you find this article? Give it one to five stars below.</p></div>
      </div></article><ul><li id="author_image-3" class="widgetcontainer"><p>${bio}</p></li></ul>`);
    expect(bodyOf(html).text).toEqual([P1, P2]);
  });

  it('drops notices, sliders, survey, login and overlay boxes in the article, and reads a heading id as an anchor', () => {
    const html = page(`<article><div class="entry-content"><p>${P1}</p>
      <h3 id="nav_relief-camps-and-boats">Relief camps and boats</h3><p>${P2}</p>
      <div class="community-notice"><p>This post reflects the opinion of its author, not necessarily that of the editors.</p></div>
      <div class="related-slider"><p>Floods in Kendrapara: the Mahanadi crossed the danger mark twice this week, officials said.</p></div>
      <div class="reader-survey"><p>Tell us what you think of our flood coverage: answer three short questions, it takes a minute.</p></div>
      <div class="login-box"><p>Log in to save this article and read it later on any of your devices, at no cost to you.</p></div>
      <div class="lightbox-caption"><p>The Baitarani at Jajpur road bridge on Sunday morning, seen from the embankment.</p></div>
      <p>${P3}</p></div></article>`);
    expect(bodyOf(html).text).toEqual([P1, 'Relief camps and boats', P2, P3]);
  });

  it('drops the page’s date lines but keeps a date the story gives under its own label', () => {
    const html = page(`<div class="article"><p>Published: 3 November 2019</p><p>${P1}</p>
      <p>Deadline: 3 November 2019</p><p>${P2}</p><p>अंतिम तिथि: 15.11.2019</p><p>प्रकाशित: 03.11.2019</p></div>`);
    expect(bodyOf(html).text).toEqual([P1, 'Deadline: 3 November 2019', P2, 'अंतिम तिथि: 15.11.2019']);
  });

  it('survives 20,000 nested elements without a stack overflow', () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${P1}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(bodyOf(html).text).toEqual([P1]);
  });
});

describe('text input is never refused', () => {
  it('a body with no headline keeps its first paragraph as body', () => {
    const a = analyze({ content: `${P1}\n\n${P2}\n`, format: 'text' });
    expect(a.title).toBe('');
    expect(a.paragraphs.map((p) => p.text)).toEqual([P1, P2]);
  });

  it('one sentence is one paragraph with its language, entities and dates', () => {
    const a = analyze({
      content: 'एम्स का सर्वर बुधवार को हैक हो गया था.',
      format: 'text',
      published: '2022-11-24T21:04:00+05:30',
    });
    expect(a.paragraphs).toHaveLength(1);
    expect(a.paragraphs[0]!.lang).toBe('hin');
    expect(a.entities.map((e) => e.canonical)).toContain('AIIMS');
    expect(a.temporal.find((t) => t.surface === 'बुधवार')?.value).toBe('2022-11-23');
  });

  it('takes a headline only when a short line without a sentence end is followed by body text', () => {
    const doc = extractText(`Floods in Jajpur: camps to stay open\n\n${P1}\n\n${P2}`);
    expect(doc.title).toBe('Floods in Jajpur: camps to stay open');
    expect(doc.blocks.map((b) => b.text)).toEqual([P1, P2]);
    // A first line that ends a sentence is body, not a headline.
    expect(extractText(`${P1}\n\n${P2}`).title).toBe('');
    // A short line with nothing after it is the whole text, not a title.
    expect(extractText('Relief camps stay open').blocks.map((b) => b.text)).toEqual([
      'Relief camps stay open',
    ]);
  });

  it('a caller-given title overrules the guess', () => {
    const a = analyze({ content: `Short first line\n\n${P1}`, format: 'text', title: 'Floods in Jajpur' });
    expect(a.title).toBe('Floods in Jajpur');
    // The first line is then body text; as a three-word label it is dropped as too short, not taken as title.
    expect(a.paragraphs.map((p) => p.text)).toEqual([P1]);
    expect(a.dropped).toContainEqual({ text: 'Short first line', reason: 'too-short' });
  });

  it('handles \\r\\n, \\r\\r\\n and bare \\r line ends alike', () => {
    for (const eol of ['\r\n', '\r\r\n', '\r']) {
      const doc = extractText(`Floods in Jajpur${eol}${eol}${P1}${eol}${eol}${P2}`);
      expect(doc.title).toBe('Floods in Jajpur');
      expect(doc.blocks.map((b) => b.text)).toEqual([P1, P2]);
    }
  });

  it('splits sentences run together by a missing space, but not abbreviations or file names', () => {
    expect(splitRunTogether('भारत ने मैच जीत लिया.अब टीम फाइनल में है।')).toBe(
      'भारत ने मैच जीत लिया. अब टीम फाइनल में है।',
    );
    expect(splitRunTogether('India won the toss.The captain chose to bat.')).toBe(
      'India won the toss. The captain chose to bat.',
    );
    expect(splitRunTogether('The U.S. team uses Node.js and e.g. Python 3.12.')).toBe(
      'The U.S. team uses Node.js and e.g. Python 3.12.',
    );
  });
});

describe('the extraction scorer', () => {
  it('counts snippets as extraction_snippets.py does: whitespace folded, case kept', () => {
    const item = { with: ['Relief  camps', 'boats'], without: ['Share on X', 'Copyright'] };
    expect(pageCounts(item, 'relief camps\nRelief camps stay open.\nShare   on X')).toEqual({
      tp: 1,
      fp: 1,
      fn: 1,
      tn: 1,
    });
    expect(pageCounts(item, undefined)).toEqual({ tp: 0, fp: 0, fn: 2, tn: 2 });
  });
});
