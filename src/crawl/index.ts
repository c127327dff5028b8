/** Crawling news sites into the pipeline. The only module that imports crawlee. */

export {
  durationMs,
  loadSiteConfig,
  parseSiteConfig,
  type ResolvedSite,
  resolveSite,
  type SiteConfig,
  siteFromUrls,
  validateSiteConfig,
} from './config.ts';
export {
  type CrawlOptions,
  type CrawlOverrides,
  type CrawlProgress,
  type CrawlSummary,
  crawl,
  type PageEvent,
} from './crawler.ts';
export { type FeedEntry, parseFeedOrSitemap } from './feeds.ts';
export { Robots } from './robots.ts';
export { classifyAddress } from './safety.ts';
export { crawlKey } from './urls.ts';
