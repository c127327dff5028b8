/**
 * The seed article (ETV Bharat, AIIMS Delhi server hack, 24 Nov 2022) through the CLI, checked point by
 * point against tests/fixtures/etv-aiims-hi.expected.json: the floor the analysis must reach.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Entity } from '../../src/core/types.ts';
import { ROOT } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/etv-aiims-hi.txt');
const expected = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/etv-aiims-hi.expected.json'), 'utf8'));

describe('seed article through `khabar analyze`', () => {
  let a: Article;
  beforeAll(async () => {
    const r = await runCli(['analyze', FIXTURE, '--format', 'text']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = JSON.parse(r.stdout);
  });

  it('reads title, publication time and language', () => {
    expect(a.title).toBe(expected.title);
    expect(a.published).toBe(expected.published);
    expect(a.publishedSource).toBe(expected.publishedFrom);
    expect(a.language).toBe(expected.language);
  });

  it('keeps each of the three paragraphs once, in order, and no boilerplate', () => {
    expect(a.paragraphs).toHaveLength(expected.body.uniqueParagraphs);
    expected.body.paragraphsStartWith.forEach((start: string, i: number) => {
      expect(a.paragraphs[i]!.text.startsWith(start)).toBe(true);
    });
    const body = [a.title, ...a.paragraphs.map((p) => p.text)].join('\n');
    for (const bad of expected.body.mustNotContain) {
      expect(a.paragraphs.map((p) => p.text).join('\n')).not.toContain(bad);
      if (bad !== 'ETV Bharat / state') expect(body).not.toContain(bad);
    }
    for (const p of a.paragraphs) expect(p.lang).toBe('hin');
  });

  it('records what was dropped and why', () => {
    const reasons = new Set(a.dropped.map((d) => d.reason));
    for (const r of ['duplicate', 'related-link', 'promo', 'logo', 'copyright', 'dateline'])
      expect(reasons).toContain(r);
    const related = a.dropped.filter((d) => d.reason === 'related-link');
    expect(related.length).toBe(2);
    expect(related[0]!.text).toContain('MCD चुनाव');
  });

  it('finds every listed entity with its surfaces, and none from the dropped related link', () => {
    const within = (canonical: string): Entity[] =>
      a.entities.filter((e) => e.canonical === canonical || e.partOf === canonical);
    for (const exp of expected.entities as { canonical: string; type: string; surfaces: string[] }[]) {
      const found = within(exp.canonical);
      expect(found.length, exp.canonical).toBeGreaterThan(0);
      const main = a.entities.find((e) => e.canonical === exp.canonical);
      if (main && exp.type !== 'ID') expect(main.type).toBe(exp.type);
      if (main && exp.type === 'ID') expect(['ID', 'ORG']).toContain(main.type);
      const surfaces = new Set(found.flatMap((e) => e.mentions.map((m) => m.surface)));
      for (const s of exp.surfaces) expect([...surfaces], `${exp.canonical} surface ${s}`).toContain(s);
    }
    for (const absent of expected.entitiesAbsent as string[]) {
      expect(a.entities.map((e) => e.canonical)).not.toContain(absent);
    }
    // Offsets point at the surface text.
    for (const e of a.entities) {
      for (const m of e.mentions) {
        const text = m.paragraph === null ? a.title : a.paragraphs[m.paragraph]!.text;
        expect(text.slice(m.start, m.end)).toBe(m.surface);
      }
    }
  });

  it('resolves the four temporal expressions against the publication time', () => {
    for (const exp of expected.temporal as {
      surface: string;
      kind: string;
      value: string;
      approximate?: boolean;
    }[]) {
      const t = a.temporal.find((x) => x.surface === exp.surface);
      expect(t, exp.surface).toBeDefined();
      expect(t!.kind).toBe(exp.kind);
      expect(t!.value).toBe(exp.value);
      if (exp.approximate) expect(t!.approximate).toBe(true);
      const text = t!.paragraph === null ? a.title : a.paragraphs[t!.paragraph]!.text;
      expect(text.slice(t!.start, t!.end)).toBe(t!.surface);
    }
  });

  it('builds the incident record with evidence sentences', () => {
    const inc = a.incident!;
    expect(inc.type).toBe(expected.incident.type);
    expect(inc.target?.value).toBe(expected.incident.target);
    expect(inc.start?.value).toBe(expected.incident.start);
    expect(inc.duration?.value).toBe(expected.incident.duration);
    for (const r of expected.incident.respondersInclude)
      expect(inc.responders.map((x) => x.value)).toContain(r);
    const impact = inc.impact.map((x) => x.sentence).join('\n');
    // OPD and IPD; manual admission, discharge and transfer; contact number as patient id without a UHID.
    expect(impact).toMatch(/ओपीडी[^\n]*आइपीडी/);
    expect(impact).toMatch(/प्रवेश, डिस्चार्ज और स्थानांतरण मैन्युअल/);
    expect(impact).toMatch(/यूएचआईडी[^\n]*संपर्क नंबर/);
    expect(inc.legalActions.map((x) => x.value)).toContain('case registered against unknown persons');
    for (const ev of [
      inc.target!,
      inc.start!,
      inc.duration!,
      ...inc.responders,
      ...inc.impact,
      ...inc.legalActions,
    ]) {
      const text = ev.location.paragraph === null ? a.title : a.paragraphs[ev.location.paragraph]!.text;
      expect(text.slice(ev.location.start, ev.location.end)).toBe(ev.sentence);
    }
  });
});
