/**
 * Incident pages in a real browser (Debian's Chromium via playwright-core, headless, loopback server): the
 * bundled samples are ingested through the pipeline and grouped, then the AIIMS incident page must show its
 * follow-ups in date order with sources in both languages. Screenshot: tests/artifacts/incident.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import { IncidentService, processStored } from '../../src/incidents/service.ts';
import { expandInputs } from '../../src/sources/files.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { EXAMPLES } from '../helpers/articles.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-browser-incidents-'));
const store = new SqliteStore(join(dir, 'khabar.db'));
const incidents = new SqliteIncidentStore(join(dir, 'khabar.db'));
let app: FastifyInstance;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  await store.init();
  await incidents.init();
  const driver = new InProcessDriver(store);
  try {
    await driver.ingest(expandInputs([EXAMPLES], { timeoutMs: 5000, maxBytes: 32 * 1024 * 1024 }));
  } finally {
    await driver.close();
  }
  await processStored(store, new IncidentService(incidents));
  app = await buildApp({ store, incidentStore: incidents, rateLimit: false });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium(join(dir, 'profile'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await incidents.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('opens the AIIMS incident from the list and shows its follow-ups in date order', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/incidents`);
  expect(await page.textContent('#incident-count')).toMatch(/^\d+ incidents/);
  await page.locator('.incident h2 a', { hasText: 'AIIMS' }).first().click();
  await page.waitForSelector('article.incident');
  // Both titles, each in its own language.
  expect(await page.locator('article.incident h1[lang="en"]').textContent()).toMatch(/AIIMS/);
  expect(await page.locator('article.incident .alt-title[lang="hi"]').textContent()).toMatch(/एम्स/);
  // Timeline: dates ascending, at least two distinct days, sources in Hindi and English.
  const dates = await page
    .locator('ol.timeline > li.event')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
  expect(new Set(dates).size).toBeGreaterThanOrEqual(2);
  expect([...dates].sort()).toEqual(dates);
  expect(dates[0]! < dates[dates.length - 1]!).toBe(true);
  expect(await page.locator('.event-sources li[data-lang="hin"] a').count()).toBeGreaterThan(0);
  expect(await page.locator('.event-sources li[data-lang="eng"] a').count()).toBeGreaterThan(0);
  // Fields cite their sources; the article list has ≥ 4 articles in both languages.
  expect(await page.locator('table.fields ul.claims a').count()).toBeGreaterThan(0);
  expect(await page.locator('ul.sources > li').count()).toBeGreaterThanOrEqual(4);
  expect(await page.locator('ul.sources > li[data-lang="hin"]').count()).toBeGreaterThan(0);
  expect(await page.locator('ul.sources > li[data-lang="eng"]').count()).toBeGreaterThan(0);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(ARTIFACTS, 'incident.png'), fullPage: true });

  // The incident's Atom feed parses as XML in the browser.
  const feed = await page.locator('a', { hasText: 'Atom feed' }).getAttribute('href');
  const res = await page.request.get(`${base}${feed}`);
  expect(res.headers()['content-type']).toMatch(/^application\/atom\+xml/);
  const xml = await res.text();
  const ok = await page.evaluate((x) => {
    const d = new DOMParser().parseFromString(x, 'application/xml');
    return !d.querySelector('parsererror') && d.documentElement.localName === 'feed';
  }, xml);
  expect(ok).toBe(true);
  await page.close();
});

it('adds a watch from the form; a matching article ingested afterwards appears in its feed', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/watches`);
  await page.fill('#w-query', 'एम्स');
  await page.fill('#w-name', 'AIIMS in Hindi');
  await page.click('button[type="submit"]');
  await page.waitForSelector('.notice');
  const item = page.locator('li.watch', { hasText: 'AIIMS in Hindi' });
  expect(await item.count()).toBe(1);
  const feed = await item.locator('a.feed').getAttribute('href');
  expect(feed).toMatch(/^\/feeds\/watches\/w-[0-9a-f]+$/);
  const res = await page.request.get(`${base}${feed}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^application\/atom\+xml/);

  // A new story that matches the watch arrives: ingest, group, notify, then read the feed again.
  const title = 'एम्स में ई-हॉस्पिटल सेवाएं फिर शुरू, ओपीडी में पंजीकरण सामान्य';
  const text = `${title}\n\nनई दिल्ली: एम्स में ई-हॉस्पिटल की ऑनलाइन सेवाएं सोमवार को फिर से शुरू हो गईं. ओपीडी में पंजीकरण अब सामान्य रूप से हो रहा है और मरीजों को पर्ची के लिए लंबी कतार में नहीं लगना पड़ रहा है.\n`;
  const created: string[] = [];
  const driver = new InProcessDriver(store);
  await driver.ingest(
    (async function* () {
      yield {
        doc: {
          source: 'new-story',
          content: text,
          format: 'text' as const,
          url: 'https://news.example.in/aiims-ehospital-back',
        },
      };
    })(),
    (o) => {
      if (o.disposition === 'created' && o.id) created.push(o.id);
    },
  );
  await driver.close();
  expect(created).toHaveLength(1);
  await processStored(store, new IncidentService(incidents, { feedDir: join(dir, 'feeds') }), created);
  await page.reload();
  const after = await (await page.request.get(`${base}${feed}`)).text();
  expect(after).toContain('<entry>');
  expect(after).toContain(title);
  await page.close();
});
