import { type ChildProcess, spawn } from 'node:child_process';
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
import { ROOT } from '../helpers/articles.ts';

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

export interface CrawlChild {
  child: ChildProcess;
  /** Everything it printed so far: one `<kind> <url>` line per page, then `summary {json}`. */
  output(): string;
  /** The last STDERR_KEEP characters it wrote to stderr (read as it comes, so the child never blocks). */
  errors(): string;
  exited: Promise<void>;
  /** SIGKILL it once `pattern` has matched its output `count` times; resolves when it has exited. */
  killAfter(pattern: RegExp, count: number): Promise<void>;
  /** Resolves once `pattern` has matched its output `count` times; rejects if it exits first. */
  seen(pattern: RegExp, count: number): Promise<void>;
}

const STDERR_KEEP = 20_000;

/** One crawl in a child process (tests/fixtures/site/crawl-child.ts), for tests that kill crawls. */
export function spawnCrawl(
  stateDir: string,
  dbPath: string,
  configs: unknown[],
  env: Record<string, string> = {},
): CrawlChild {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'tests/fixtures/site/crawl-child.ts'),
      stateDir,
      dbPath,
      ...configs.map((c) => JSON.stringify(c)),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  // A pipe nobody reads fills up (64 KB) and then blocks the child at its next write: a crawl that logs
  // errors under load would hang there. Keep the tail for failure messages.
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-STDERR_KEEP);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => out,
    errors: () => err,
    exited,
    killAfter(pattern, count) {
      child.stdout!.on('data', () => {
        const seen = (out.match(pattern) ?? []).length;
        if (seen >= count && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      return exited;
    },
    seen(pattern, count) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if ((out.match(pattern) ?? []).length < count) return;
          child.stdout!.off('data', check);
          resolve();
        };
        child.stdout!.on('data', check);
        check();
        void exited.then(() =>
          reject(
            new Error(
              `the crawl exited (${child.exitCode ?? child.signalCode}) before printing ${pattern} ${count} times; ` +
                `output: ${out.slice(-2000)}\nstderr: ${err.slice(-2000)}`,
            ),
          ),
        );
      });
    },
  };
}
