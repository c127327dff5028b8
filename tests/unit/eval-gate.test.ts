/**
 * Quality gate: the dev-set evaluation behind `npm run eval` must stay at or above tests/eval/floors.json,
 * and the floors themselves may not be lowered more than a little below the targets. Dev sets 2 and 3
 * (formerly "holdout") have regression floors (tests/eval/dev-regression-floors.json): measured figures less a
 * margin, so a change that only helps the first dev set at their expense fails.
 */
import { describe, expect, it } from 'vitest';
import { loadEntityParagraphs, loadLangLines, loadTemporal } from '../eval/data.ts';
import { FLOOR_SLACK, flatten, floorChecks, loadFloors, runEvaluation, TARGETS } from '../eval/score.ts';

describe('eval gate: floors.json', () => {
  const floors = flatten(loadFloors());
  const targets = flatten(TARGETS);

  it('covers every target figure', () => {
    expect(Object.keys(floors).sort()).toEqual(Object.keys(targets).sort());
  });

  it.each(Object.keys(targets))('%s floor is within the allowed slack below its target', (k) => {
    expect(floors[k]).toBeGreaterThanOrEqual(targets[k] - FLOOR_SLACK - 1e-9);
    expect(floors[k]).toBeLessThanOrEqual(targets[k]);
  });
});

describe('eval gate: dev sets', () => {
  it('are big enough to mean something', () => {
    expect(loadEntityParagraphs('hin').length).toBeGreaterThanOrEqual(40);
    expect(loadEntityParagraphs('eng').length).toBeGreaterThanOrEqual(40);
    expect(loadTemporal().reduce((n, s) => n + s.expected.length, 0)).toBeGreaterThanOrEqual(150);
    const lines = loadLangLines();
    expect(lines.dev.length + lines.holdout.length).toBeGreaterThanOrEqual(300);
  });
});

describe('eval gate: dev sets 2 and 3', () => {
  it('are big enough to mean something', () => {
    for (const lang of ['hin', 'eng'] as const) {
      const paras = loadEntityParagraphs(lang, 'dev2');
      expect(paras.length).toBeGreaterThanOrEqual(40);
      expect(paras.reduce((n, p) => n + p.entities.length, 0)).toBeGreaterThanOrEqual(200);
    }
    expect(loadTemporal('dev2').reduce((n, s) => n + s.expected.length, 0)).toBeGreaterThanOrEqual(60);
    for (const lang of ['hin', 'eng'] as const) {
      const paras = loadEntityParagraphs(lang, 'dev3');
      expect(paras.length).toBeGreaterThanOrEqual(30);
      expect(paras.reduce((n, p) => n + p.entities.length, 0)).toBeGreaterThanOrEqual(200);
    }
  });
});

describe('eval gate: figures', () => {
  const checks = floorChecks(runEvaluation({ baselines: false }));
  it.each(checks.dev)('$figure is at or above its floor', ({ figure, got, floor }) => {
    expect(got, figure).toBeGreaterThanOrEqual(floor);
  });
  it.each(checks.regression)('dev2/dev3 $figure is at or above its floor', ({ figure, got, floor }) => {
    expect(got, figure).toBeGreaterThanOrEqual(floor);
  });
});
