import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CrawlOptions,
  type CrawlSummary,
  crawl,
  type PageEvent,
  type SiteConfig,
} from '../../src/crawl/index.ts';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';

export interface CrawlEnv {
  dir: string;
  stateDir: string;
  store: SqliteStore;
  run(
    sites: Record<string, unknown>[],
    extra?: Partial<CrawlOptions>,
  ): Promise<CrawlSummary & { pages: PageEvent[] }>;
  storedUrls(): Promise<string[]>;
  close(): Promise<void>;
}

export async function crawlEnv(): Promise<CrawlEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-crawl-'));
  const stateDir = join(dir, 'state');
  const store = new SqliteStore(join(dir, 'khabar.db'));
  await store.init();
  return {
    dir,
    stateDir,
    store,
    async run(sites, extra = {}) {
      const pages: PageEvent[] = [];
      const driver = new InProcessDriver(store, { batchSize: 8 });
      const summary = await crawl({
        sites: sites as unknown as SiteConfig[],
        stateDir,
        driver,
        concurrency: 6,
        overrides: { retryBaseMs: 20, ...(extra.overrides ?? {}) },
        onPage: (e) => pages.push(e),
        ...extra,
      });
      return { ...summary, pages };
    },
    async storedUrls() {
      const urls: string[] = [];
      for await (const a of store.export()) urls.push(a.canonicalUrl ?? a.url ?? a.id);
      return urls.sort();
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
