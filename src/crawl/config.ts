/**
 * Site configuration for the crawler: read a JSON file, validate it against schemas/site.schema.json, and
 * resolve defaults into a {@link ResolvedSite} that the rest of src/crawl works with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { ConfigError, InputError } from '../core/errors.ts';

export type Duration = number | string;

/** A site as written in its config file (see schemas/site.schema.json). */
export interface SiteConfig {
  name: string;
  start?: string[];
  feeds?: string[];
  sitemaps?: string[];
  allowedHosts?: string[];
  articlePatterns?: string[];
  followPatterns?: string[];
  excludePatterns?: string[];
  recrawlInterval?: Duration;
  userAgent?: string;
  contact?: string;
  politeness?: {
    perHostConcurrency?: number;
    delay?: Duration;
    respectRobots?: boolean;
    maxCrawlDelay?: Duration;
  };
  limits?: {
    maxPages?: number;
    maxDepth?: number;
    maxBytes?: number;
    timeout?: Duration;
    maxRetries?: number;
    maxRedirects?: number;
    trapLimit?: number;
  };
  allowLoopback?: boolean;
  allowPrivate?: boolean;
}

/** A site with every default filled in; durations in milliseconds. */
export interface ResolvedSite {
  name: string;
  start: string[];
  feeds: string[];
  sitemaps: string[];
  allowedHosts: string[];
  articlePatterns: RegExp[];
  followPatterns: RegExp[];
  excludePatterns: RegExp[];
  recrawlIntervalMs: number;
  userAgent: string;
  perHostConcurrency: number;
  delayMs: number;
  respectRobots: boolean;
  maxCrawlDelayMs: number;
  maxPages?: number;
  maxDepth: number;
  maxBytes: number;
  timeoutMs: number;
  maxRetries: number;
  maxRedirects: number;
  trapLimit: number;
  allowLoopback: boolean;
  allowPrivate: boolean;
}

export const DEFAULT_USER_AGENT = 'KhabarBot/0.1';
export const DEFAULT_CONTACT = 'https://github.com/khabar-news/khabar';

const SCHEMA_PATH = join(import.meta.dirname, '../../schemas/site.schema.json');
let validator: ((data: unknown) => boolean) & { errors?: unknown } = undefined as never;

function validate(data: unknown, where: string): SiteConfig {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  if (!validator(data)) {
    const errors = (validator.errors as { instancePath: string; message?: string }[] | undefined) ?? [];
    const detail = errors
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
      .join('; ');
    throw new ConfigError('bad-site-config', `${where} is not a valid site config: ${detail}`);
  }
  const site = data as SiteConfig;
  for (const p of [
    ...(site.articlePatterns ?? []),
    ...(site.followPatterns ?? []),
    ...(site.excludePatterns ?? []),
  ]) {
    try {
      new RegExp(p);
    } catch (e) {
      throw new ConfigError(
        'bad-site-config',
        `${where}: bad pattern ${JSON.stringify(p)}: ${(e as Error).message}`,
      );
    }
  }
  return site;
}

/** Parse a site config from JSON text (YAML is not supported: no YAML parser is installed). */
/** A site config from its text: JSON, or YAML when `format` says so (or the text is not JSON). */
export function parseSiteConfig(text: string, where = 'site config', format?: 'json' | 'yaml'): SiteConfig {
  let data: unknown;
  if (format === 'yaml') {
    try {
      data = parseYaml(text, { prettyErrors: true });
    } catch (e) {
      throw new InputError('bad-site-config', `${where} is not valid YAML: ${(e as Error).message}`);
    }
  } else {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError('bad-site-config', `${where} is not JSON: ${(e as Error).message}`);
    }
  }
  return validate(data, where);
}

/** Load a site config file: `.yaml`/`.yml` as YAML, anything else as JSON. */
export function loadSiteConfig(path: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('not-found', `cannot read site config ${path}`);
  }
  return parseSiteConfig(text, path, /\.ya?ml$/i.test(path) ? 'yaml' : 'json');
}

/** Check a config object (e.g. built in code) against the schema. */
export function validateSiteConfig(site: unknown, where = 'site config'): SiteConfig {
  return validate(site, where);
}

const MAX_URL_CHARS = 2048;

/** A site made up on the spot from bare URLs: the URLs are start points, their hosts are allowed. */
export function siteFromUrls(urls: string[]): SiteConfig {
  const start: string[] = [];
  const feeds: string[] = [];
  const sitemaps: string[] = [];
  for (const u of urls) {
    // URLs given on the command line; the patterns read at most MAX_URL_CHARS of each (bounded work).
    const head = u.slice(0, MAX_URL_CHARS);
    if (/sitemap[^/]*\.xml(?:\.gz)?(?:$|\?)/i.test(head)) sitemaps.push(u);
    else if (/(?:\/feed\/?|\/rss\/?|\.rss|\/atom\.xml|\/feed\.xml|\/rss\.xml)(?:$|\?)/i.test(head))
      feeds.push(u);
    else start.push(u);
  }
  return {
    name: 'urls',
    ...(start.length ? { start } : {}),
    ...(feeds.length ? { feeds } : {}),
    ...(sitemaps.length ? { sitemaps } : {}),
  };
}

const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Seconds (number) or `500ms`, `90s`, `15m`, `6h`, `1d` → milliseconds. */
export function durationMs(d: Duration | undefined, fallbackMs: number): number {
  if (d === undefined) return fallbackMs;
  if (typeof d === 'number') return d * 1000;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(d.trim());
  if (!m) throw new ConfigError('bad-site-config', `"${d}" is not a duration`);
  return Number(m[1]) * UNIT[m[2] ?? 's']!;
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

export function resolveSite(site: SiteConfig): ResolvedSite {
  const start = site.start ?? [];
  const feeds = site.feeds ?? [];
  const sitemaps = site.sitemaps ?? [];
  const allowedHosts = (site.allowedHosts ?? [...new Set([...start, ...feeds, ...sitemaps].map(hostOf))]).map(
    (h) => h.toLowerCase(),
  );
  const contact = site.contact ?? DEFAULT_CONTACT;
  return {
    name: site.name,
    start,
    feeds,
    sitemaps,
    allowedHosts,
    articlePatterns: (site.articlePatterns ?? []).map((p) => new RegExp(p)),
    followPatterns: (site.followPatterns ?? []).map((p) => new RegExp(p)),
    excludePatterns: (site.excludePatterns ?? []).map((p) => new RegExp(p)),
    recrawlIntervalMs: durationMs(site.recrawlInterval, 3_600_000),
    userAgent: `${site.userAgent ?? DEFAULT_USER_AGENT} (+${contact})`,
    perHostConcurrency: site.politeness?.perHostConcurrency ?? 2,
    delayMs: durationMs(site.politeness?.delay, 1000),
    respectRobots: site.politeness?.respectRobots ?? true,
    maxCrawlDelayMs: durationMs(site.politeness?.maxCrawlDelay, 30_000),
    maxPages: site.limits?.maxPages,
    maxDepth: site.limits?.maxDepth ?? 5,
    maxBytes: site.limits?.maxBytes ?? 8 * 1024 * 1024,
    timeoutMs: durationMs(site.limits?.timeout, 30_000),
    maxRetries: site.limits?.maxRetries ?? 3,
    maxRedirects: site.limits?.maxRedirects ?? 10,
    trapLimit: site.limits?.trapLimit ?? 50,
    allowLoopback: site.allowLoopback ?? false,
    allowPrivate: site.allowPrivate ?? false,
  };
}

/** Does `host` (host or host:port) fall under one of the allowed host entries? */
export function hostAllowed(url: URL, allowed: string[]): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowed.some((a) => {
    if (a.startsWith('*.')) {
      const base = a.slice(2);
      return hostname === base || hostname.endsWith(`.${base}`) || host === base || host.endsWith(`.${base}`);
    }
    return a === host || a === hostname;
  });
}
