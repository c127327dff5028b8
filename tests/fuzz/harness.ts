/**
 * The fuzzing harness behind `npm run fuzz` and the CI smoke test: generated inputs through `analyze()`
 * (in a worker thread, stopped past a hard limit), the `analyze --jsonl` command in-process, and
 * `GET /api/search` through Fastify's inject against the embedded store. A finding is any exception other
 * than InputError, any 5xx answer, or any input slower than `slowMs`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { encodeCursor } from '../../src/api/http.ts';
import { toFilter } from '../../src/api/routes/search.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { AnalyzePool } from '../../src/pipeline/analyze-pool.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import {
  badOptionsArb,
  type Feature,
  type PageRecipe,
  recipeArb,
  renderInput,
  SCALES,
  type Scale,
  textArb,
} from './pages.ts';

export type Target = 'page' | 'text' | 'options' | 'jsonl' | 'search';

export interface FuzzOptions {
  runs: number;
  seed: number;
  scale?: 'smoke' | 'full';
  /** Slower than this is a finding (default 1 s). */
  slowMs?: number;
  /** An analysis is stopped after this (default 10 s) and reported as a timeout. */
  hardLimitMs?: number;
  /** Generator features switched off (findings open in code owned elsewhere). */
  off?: Feature[];
  onProgress?: (done: number, report: FuzzReport) => void;
}

export interface Finding {
  target: Target;
  kind: 'exception' | 'slow' | 'timeout' | 'server-error';
  message: string;
  stack?: string;
  ms: number;
  /** What was generated: a recipe (rendered by pages.ts), options, text or a query string. */
  input: unknown;
}

export interface FuzzReport {
  runs: number;
  byTarget: Record<Target, number>;
  exceptions: number;
  findings: Finding[];
  slowest: { target: Target; ms: number; input: unknown } | null;
}

/** One generated case: which surface it exercises and what it sends. */
type Case =
  | { target: 'page'; recipe: PageRecipe }
  | { target: 'text'; text: string }
  | { target: 'options'; options: unknown }
  | { target: 'jsonl'; recipes: PageRecipe[]; garbage: string[]; bom: boolean }
  | { target: 'search'; query: Record<string, string>; cursorOffset: number | null };

const queryArb = fc.record(
  {
    q: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        'AIIMS',
        'एम्स',
        '"delhi',
        'a AND',
        'NEAR(',
        '*',
        '-',
        '^x',
        'title:x',
        '"" OR ()',
        'दिल्ली*',
      ),
    ),
    lang: fc.constantFrom('hin', 'eng', 'x', '', 'hin,eng'),
    entity: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('ORG:AIIMS', 'PER:', ':::')),
    site: fc.constantFrom('example.in', '', '%', "'"),
    from: fc.constantFrom('2022-01-01', 'yesterday', '9999-99-99', '', '2022-11-24T21:04:00+05:30'),
    to: fc.constantFrom('2023-01-01', 'x', '0', '-1'),
    limit: fc.constantFrom('1', '10', '0', '-5', '100', '101', '1e3', 'x', '9007199254740993'),
    facets: fc.constantFrom('true', 'false', '1', 'x'),
    cursor: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 60 })),
  },
  { requiredKeys: [] },
);

function caseArb(scale: Scale, off: Set<Feature>): fc.Arbitrary<Case> {
  const recipe = recipeArb(scale, off);
  const small = recipeArb(SCALES.smoke, off);
  return fc.oneof(
    { weight: 14, arbitrary: recipe.map((r) => ({ target: 'page' as const, recipe: r })) },
    { weight: 2, arbitrary: textArb.map((t) => ({ target: 'text' as const, text: t })) },
    { weight: 2, arbitrary: badOptionsArb.map((o) => ({ target: 'options' as const, options: o })) },
    {
      weight: 1,
      arbitrary: fc
        .record({
          recipes: fc.array(small, { maxLength: 3 }),
          garbage: fc.array(
            fc.constantFrom('{', '[]', 'null', '{"id":1}', '{"html":5}', '{"text":"x","url":7}', '\u0000'),
            { maxLength: 3 },
          ),
          bom: fc.boolean(),
        })
        .map((j) => ({ target: 'jsonl' as const, ...j })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          query: queryArb as fc.Arbitrary<Record<string, string>>,
          cursorOffset: fc.option(fc.constantFrom(0, 1, 7, 2 ** 31, 2 ** 53 - 1, 1e300)),
        })
        .map((s) => ({ target: 'search' as const, ...s })),
    },
  );
}

const isInputError = (e: unknown): boolean => e instanceof Error && e.name === 'InputError';

/** Everything needed to run cases; built once per fuzz run. */
class Rig {
  readonly pool: AnalyzePool;
  readonly dir = mkdtempSync(join(tmpdir(), 'khabar-fuzz-'));
  #app?: FastifyInstance;
  #store?: SqliteStore;

  constructor(hardLimitMs: number) {
    this.pool = new AnalyzePool({ size: 1, budgetMs: hardLimitMs });
  }

  async app(): Promise<FastifyInstance> {
    if (this.#app) return this.#app;
    const { buildApp } = await import('../../src/api/app.ts');
    this.#store = new SqliteStore(':memory:');
    await this.#store.init();
    const examples = new URL('../../examples/', import.meta.url);
    for (const f of readdirSync(examples).filter((n) => n.endsWith('.html'))) {
      await this.#store.upsert(
        analyze({ content: readFileSync(new URL(f, examples)), url: `https://example.in/${f}` }),
      );
    }
    this.#app = await buildApp({ store: this.#store, rateLimit: false, ui: false });
    return this.#app;
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.#app?.close();
    await this.#store?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Run one case; returns its time and, when it failed badly, a finding (without the slow check). */
async function runCase(c: Case, rig: Rig, n: number): Promise<{ ms: number; finding?: Omit<Finding, 'ms'> }> {
  const started = performance.now();
  const exception = (e: unknown, input: unknown): Omit<Finding, 'ms'> => ({
    target: c.target,
    kind:
      e instanceof Error && (e as { code?: string }).code === 'analysis-timeout' ? 'timeout' : 'exception',
    message: `${(e as Error)?.name}: ${(e as Error)?.message ?? String(e)}`,
    stack: (e as Error)?.stack,
    input,
  });
  if (c.target === 'page' || c.target === 'text' || c.target === 'options') {
    const [input, shown] =
      c.target === 'page'
        ? [renderInput(c.recipe), c.recipe]
        : c.target === 'text'
          ? [{ content: c.text }, { text: c.text.slice(0, 300) }]
          : [c.options, c.options];
    try {
      const r = await rig.pool.run(input as never);
      return { ms: r.ms };
    } catch (e) {
      const ms = performance.now() - started;
      return isInputError(e) && (e as { code?: string }).code !== 'analysis-timeout'
        ? { ms }
        : { ms, finding: exception(e, shown) };
    }
  }
  if (c.target === 'jsonl') {
    const lines = c.recipes.map((r, i) => {
      const input = renderInput({ ...r, encoding: 'utf8', asString: true });
      const body =
        typeof input.content === 'string'
          ? input.content
          : Buffer.from(input.content as Uint8Array).toString('utf8');
      return JSON.stringify({
        id: i,
        [r.format === 'text' ? 'text' : 'html']: body,
        ...(r.url !== null ? { url: r.url } : {}),
      });
    });
    const file = join(rig.dir, `batch-${n}.jsonl`);
    writeFileSync(file, `${c.bom ? '\uFEFF' : ''}${[...lines, ...c.garbage].join('\n')}\n`);
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      // Loaded on first use: the CLI pulls in every command (and the API and stores with them).
      const { buildProgram } = await import('../../src/cli/main.ts');
      await buildProgram()
        .exitOverride()
        .parseAsync(['node', 'khabar', 'analyze', '--jsonl', '--compact', file]);
    } catch (e) {
      if (!isInputError(e))
        return {
          ms: performance.now() - started,
          finding: exception(e, { recipes: c.recipes, garbage: c.garbage, bom: c.bom }),
        };
    } finally {
      process.stdout.write = write;
    }
    return { ms: performance.now() - started };
  }
  const app = await rig.app();
  const query = { ...c.query };
  if (c.cursorOffset !== null) {
    const limit = Number.parseInt(query.limit ?? '10', 10);
    query.cursor = encodeCursor(
      { ...toFilter(query), l: Number.isFinite(limit) ? limit : 10 },
      c.cursorOffset,
    );
  }
  const res = await app.inject({ method: 'GET', url: `/api/search?${new URLSearchParams(query)}` });
  const ms = performance.now() - started;
  if (res.statusCode >= 500)
    return {
      ms,
      finding: {
        target: 'search',
        kind: 'server-error',
        message: `${res.statusCode}: ${res.body.slice(0, 300)}`,
        input: query,
      },
    };
  return { ms };
}

const CHUNK = 1000;

/** Generate `runs` cases from `seed` and run them all; never throws for a finding. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const slowMs = options.slowMs ?? 1000;
  const off = new Set(options.off ?? []);
  const arb = caseArb(SCALES[options.scale ?? 'smoke'], off);
  const report: FuzzReport = {
    runs: 0,
    byTarget: { page: 0, text: 0, options: 0, jsonl: 0, search: 0 },
    exceptions: 0,
    findings: [],
    slowest: null,
  };
  const rig = new Rig(options.hardLimitMs ?? 10_000);
  let chunk: Case[] = [];
  try {
    // Warm up outside the clock: the analysis thread's start, the CLI's imports, the API and its store.
    await rig.pool.run({ content: 'warm-up', format: 'text' }).catch(() => {});
    await import('../../src/cli/main.ts');
    await rig.app();
    for (let i = 0; i < options.runs; i++) {
      // Cases come in chunks of 1,000, each from a seed derived from the run's: a long run never holds all
      // its inputs at once, and the same seed always gives the same inputs.
      if (i % CHUNK === 0)
        chunk = fc.sample(arb, { seed: (options.seed + (i / CHUNK) * 7919) | 0, numRuns: CHUNK });
      const c = chunk[i % CHUNK]!;
      const { ms, finding } = await runCase(c, rig, i);
      report.runs++;
      report.byTarget[c.target]++;
      const shown = 'recipe' in c ? c.recipe : c;
      if (!report.slowest || ms > report.slowest.ms) report.slowest = { target: c.target, ms, input: shown };
      if (finding) {
        if (finding.kind === 'exception' || finding.kind === 'server-error') report.exceptions++;
        report.findings.push({ ...finding, ms });
      } else if (ms > slowMs)
        report.findings.push({
          target: c.target,
          kind: 'slow',
          message: `${Math.round(ms)} ms`,
          ms,
          input: shown,
        });
      options.onProgress?.(i + 1, report);
    }
  } finally {
    await rig.close();
  }
  return report;
}
