/**
 * The web UI in a real browser: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * headless, against the server on loopback. Screenshots of each page go to tests/artifacts/ (gitignored).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { analyzeExamples } from '../helpers/articles.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-browser-'));
const store = new SqliteStore(join(dir, 'khabar.db'));
let app: FastifyInstance;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  await store.init();
  await store.upsertMany(analyzeExamples());
  app = await buildApp({ store, rateLimit: false });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium(join(dir, 'profile'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('searches for AIIMS from the keyboard and shows the Hindi article with एम्स highlighted', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  // Keyboard only: the query box has focus on arrival; a skip link comes first in tab order.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
  expect(await page.evaluate(() => document.querySelector('a, button, input, select')?.className)).toBe(
    'skip',
  );
  await page.keyboard.type('AIIMS');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#result-count');
  expect(await page.textContent('#result-count')).toMatch(/^\d+ results for “AIIMS”/);
  // Escape leaves the box, "/" comes back to it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
  const hindiMark = page.locator('.hit[data-lang="hin"] mark', { hasText: 'एम्स' }).first();
  await expect.poll(() => hindiMark.isVisible()).toBe(true);
  expect(await hindiMark.textContent()).toMatch(/^एम्स/);
  expect(await page.locator('.hit[data-lang="hin"] .badge.lang-hin').first().textContent()).toBe('हिन्दी');
  // Devanagari gets the Devanagari font stack; dates are IST with the original on hover.
  const font = await page
    .locator('.hit[data-lang="hin"] h2')
    .first()
    .evaluate((e) => getComputedStyle(e).fontFamily);
  expect(font).toContain('Noto Sans Devanagari');
  const time = page.locator('.hit time').first();
  expect(await time.textContent()).toMatch(/IST$/);
  expect(await time.getAttribute('title')).toMatch(/^Original: \d{4}-\d{2}-\d{2}T/);
  // Facets and export buttons carry the same filters.
  expect(await page.locator('.facet a', { hasText: 'हिन्दी' }).count()).toBe(1);
  const parquet = await page.locator('.exports a', { hasText: 'Parquet' }).getAttribute('href');
  expect(parquet).toBe('/api/export?q=AIIMS&format=parquet');
  const res = await page.request.get(`${base}${parquet}`);
  expect(res.status()).toBe(200);
  await page.screenshot({ path: join(ARTIFACTS, 'search.png'), fullPage: true });

  await page.locator('.hit[data-lang="hin"] h2 a').first().click();
  await page.waitForSelector('article.article');
  expect(await page.locator('.para p[lang="hi"]').count()).toBeGreaterThan(0);
  expect(await page.locator('details summary', { hasText: 'Dropped boilerplate' }).count()).toBe(1);
  await page.screenshot({ path: join(ARTIFACTS, 'article.png'), fullPage: true });
  await page.close();
});

it('is readable at phone width without sideways scrolling', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 760 });
  for (const [path, shot] of [
    ['/?q=%E0%A4%8F%E0%A4%AE%E0%A5%8D%E0%A4%B8', 'search-phone.png'],
    ['/incidents', 'incidents.png'],
    ['/watches', 'watches.png'],
  ] as const) {
    await page.goto(`${base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
  }
  const first = await page.goto(`${base}/?q=%E0%A4%8F%E0%A4%AE%E0%A5%8D%E0%A4%B8`);
  expect(first?.status()).toBe(200);
  const link = await page.locator('.hit h2 a').first().getAttribute('href');
  await page.goto(`${base}${link}`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(ARTIFACTS, 'article-phone.png'), fullPage: true });
  await page.close();
});
