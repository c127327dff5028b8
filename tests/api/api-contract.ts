/**
 * The HTTP API suite: one set of tests, run unchanged against every store (api.*.test.ts). Requests go
 * through `app.inject` (no socket); Redis is the real one the test runner starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { type ApiOptions, buildApp } from '../../src/api/app.ts';
import type { Article } from '../../src/core/types.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { analyzeExamples, syntheticArticle } from '../helpers/articles.ts';
import { opsRouteTests } from './api-ops-tests.ts';
import { readRouteTests } from './api-read-tests.ts';

export interface ApiStoreFactory {
  name: string;
  kind: 'embedded' | 'elasticsearch';
  create(): Promise<ArticleStore>;
  destroy(store: ArticleStore): Promise<void>;
}

/** Redis of the test run; the suite fails (never skips) without it. */
export function testRedisUrl(): string {
  const url = process.env.KHABAR_TEST_REDIS_URL;
  if (!url) {
    throw new Error(
      'KHABAR_TEST_REDIS_URL is not set: run the suite with `npm test` (scripts/test.mjs starts Redis), or point it at a Redis server',
    );
  }
  return url;
}

export interface ApiContext {
  kind: ApiStoreFactory['kind'];
  store: ArticleStore;
  app: FastifyInstance;
  samples: Article[];
  /** A synthetic article stored twice (revision 2, one earlier revision). */
  revised: Article;
  dir: string;
  redisUrl: string;
  /** Another app over the same store with other options (closed after the suite). */
  extraApp(o: Partial<ApiOptions>): Promise<FastifyInstance>;
}

export function apiContract(factory: ApiStoreFactory): void {
  describe(`HTTP API: ${factory.name}`, () => {
    const apps: FastifyInstance[] = [];
    // Outside the samples' sites and dates, so filter counts concern the samples only.
    const synthetic = { site: 'synthetic.example', published: '2021-01-05T10:00:00+05:30' };
    const ctx = {
      kind: factory.kind,
      dir: mkdtempSync(join(tmpdir(), 'khabar-api-')),
      redisUrl: testRedisUrl(),
      revised: syntheticArticle({
        n: 7001,
        ...synthetic,
        paragraphs: ['First report: eleven hours offline.'],
      }),
      async extraApp(o: Partial<ApiOptions>) {
        const a = await buildApp({ store: ctx.store, storeKind: factory.kind, ...o });
        apps.push(a);
        return a;
      },
    } as ApiContext;

    beforeAll(async () => {
      ctx.store = await factory.create();
      ctx.samples = analyzeExamples();
      await ctx.store.upsertMany(ctx.samples);
      await ctx.store.upsert(ctx.revised);
      await ctx.store.upsert(
        syntheticArticle({ n: 7001, ...synthetic, paragraphs: ['Corrected: two weeks offline.'] }),
      );
      await ctx.store.refresh();
      ctx.app = await buildApp({
        store: ctx.store,
        storeKind: factory.kind,
        redisUrl: ctx.redisUrl,
        loopbackOnly: true,
        rateLimit: false,
      });
    });
    afterAll(async () => {
      for (const a of [ctx.app, ...apps]) await a?.close();
      if (ctx.store) await factory.destroy(ctx.store);
      rmSync(ctx.dir, { recursive: true, force: true });
    });

    readRouteTests(ctx);
    opsRouteTests(ctx);
  });
}
