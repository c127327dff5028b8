import { describe, expect, it } from 'vitest';
import { evaluateIncidents, formatIncidentReport } from '../eval/incidents.ts';

describe('incident evaluation (tests/fixtures/incidents)', () => {
  it('groups the corpus like the gold, recognises copies, and does not depend on arrival order', async () => {
    const e = await evaluateIncidents({ orders: 3 });
    console.log(formatIncidentReport(e));
    expect(e.articles).toBeGreaterThanOrEqual(30);
    // Grouping is conservative: it never joins strangers (precision 1 here), and follow-ups weeks later
    // that do not date the incident stay apart (recall ~0.76 on this set in Dec 2026).
    expect(e.bcubed.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.bcubed.f1).toBeGreaterThanOrEqual(0.84);
    expect(e.timeline.recall).toBeGreaterThanOrEqual(0.75);
    expect(e.copies.found).toBe(e.copies.gold);
    expect(e.orderIndependence.identical).toBe(true);
  });
});
