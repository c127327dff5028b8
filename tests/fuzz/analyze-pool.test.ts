/**
 * The analysis thread pool (src/pipeline/analyze-pool.ts) through real worker threads: articles and
 * error classes come back intact, a document past its budget ends as the permanent `analysis-timeout`,
 * and the pool carries on with a fresh thread.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, isPermanent } from '../../src/core/errors.ts';
import { AnalyzePool } from '../../src/pipeline/analyze-pool.ts';

const page = readFileSync(new URL('../../examples/hi-khabarlok-aiims-server-down.html', import.meta.url));
const LOOP = 'khabar-test-loop-marker';

describe('AnalyzePool', () => {
  const pool = new AnalyzePool({ size: 2, budgetMs: 1500, loopMarker: LOOP });
  afterAll(() => pool.close());

  it('analyses in a thread and returns the article', async () => {
    const { article } = await pool.run({ content: page, url: 'https://example.in/aiims' });
    expect(article.language).toBe('hin');
    expect(article.paragraphs.length).toBeGreaterThan(0);
  });

  it('brings InputError back as InputError with its code', async () => {
    const e = await pool.run({ content: '', format: 'text' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('no-article-text');
  });

  it('stops a document past its budget with a permanent analysis-timeout, then goes on', async () => {
    const [stuck, fine] = await Promise.allSettled([
      pool.run({ content: `<p>${LOOP}</p>` }),
      pool.run({ content: page }),
    ]);
    expect(stuck.status).toBe('rejected');
    const e = (stuck as PromiseRejectedResult).reason;
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('analysis-timeout');
    expect(isPermanent(e)).toBe(true);
    expect(fine.status).toBe('fulfilled');
    // The terminated thread was replaced: the pool still analyses.
    const again = await pool.process({ source: 'again', content: page });
    expect(again.ok).toBe(true);
    const timedOut = await pool.process({ source: 'stuck', content: LOOP, format: 'text' });
    expect(timedOut).toMatchObject({
      ok: false,
      outcome: { source: 'stuck', disposition: 'rejected', error: { code: 'analysis-timeout' } },
    });
  });
});
