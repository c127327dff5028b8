/**
 * Regression floors for the real incident set (tests/eval/data/incidents-real: 546 All India Radio and PIB
 * items labelled blind to Khabar). It is a DEV set — read while tuning — so these are measured figures less
 * a small margin, guarding against regressions, not evidence of quality. Issue #13's targets: type
 * precision ≥ 0.90, recall ≥ 0.80, B-cubed F1 ≥ 0.90, false merges ≤ 1%.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRealIncidents } from '../eval/incidents-real.ts';

describe('incidents on real news (dev set): regression floors', () => {
  it('types and groups the set no worse than measured', async () => {
    const e = await evaluateRealIncidents();
    expect(e.articles).toBe(546);
    // Measured 2026-12-05: type P 0.956 R 0.907; B-cubed P 1.000 R 0.819 F1 0.900; false merges 0.00%.
    expect(e.type.precision).toBeGreaterThanOrEqual(0.94);
    expect(e.type.recall).toBeGreaterThanOrEqual(0.89);
    expect(e.bcubed.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.89);
    expect(e.falseMergeRate).toBeLessThanOrEqual(0.01);
  }, 120_000);
});
