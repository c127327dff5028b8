/**
 * CI smoke run of the fuzzing harness (`npm run fuzz` runs the long one): 2,000 generated inputs with a
 * fixed seed through analyze(), `analyze --jsonl` and `GET /api/search`. No exception other than
 * InputError and no 5xx. Timing is reported by the harness, never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.ts';
import type { Feature } from './pages.ts';

/**
 * Generator features switched off while a finding is open in code owned elsewhere (see
 * /tmp/helpers/fuzz-findings.md); none now: `bad-url` (`TypeError: Invalid URL` in readMetadata) is fixed
 * and was clean over 5,000 full-scale inputs (seed 7).
 */
const OPEN_FINDINGS: Feature[] = [];

describe('fuzz smoke', () => {
  it('2,000 inputs: no exception but InputError, no server error', { timeout: 900_000 }, async () => {
    const report = await runFuzz({ runs: 2000, seed: 15, scale: 'smoke', off: OPEN_FINDINGS });
    const bad = report.findings.filter((f) => f.kind === 'exception' || f.kind === 'server-error');
    expect(report.runs).toBe(2000);
    expect(Object.values(report.byTarget).every((n) => n > 0)).toBe(true);
    expect(bad.map((f) => `${f.target}: ${f.message}\n${f.stack ?? ''}`)).toEqual([]);
  });
});
