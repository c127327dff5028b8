import { describe, expect, it } from 'vitest';
import { evaluateIncidents, formatIncidentReport } from '../eval/incidents.ts';

describe('incident evaluation (tests/fixtures/incidents)', () => {
  it('groups the corpus like the gold, recognises copies, and does not depend on arrival order', async () => {
    const e = await evaluateIncidents({ orders: 3 });
    console.log(formatIncidentReport(e));
    expect(e.articles).toBeGreaterThanOrEqual(30);
    // Target 0.95; the floor leaves room for upstream extraction changes without hiding a regression.
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.93);
    expect(e.timeline.recall).toBeGreaterThanOrEqual(0.75);
    expect(e.copies.found).toBe(e.copies.gold);
    expect(e.orderIndependence.identical).toBe(true);
  });
});
