import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/core/types.ts';
import { type EntityInput, extractEntities } from '../../src/entities/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '../fixtures/etv-aiims-hi.txt');
const expectedPath = join(here, '../fixtures/etv-aiims-hi.expected.json');

interface Expected {
  title: string;
  body: { paragraphsStartWith: string[] };
  entities: { canonical: string; type: string; surfaces: string[] }[];
  entitiesAbsent: string[];
}

/** Title = first non-chrome line; paragraphs = first full occurrence of each expected start. */
function loadInput(expected: Expected): EntityInput {
  const lines = readFileSync(fixture, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const title = lines.find((l) => !/^ETV Bharat/.test(l)) ?? '';
  const paragraphs = expected.body.paragraphsStartWith.map((start) => {
    const text = lines.find((l) => l.startsWith(start));
    if (!text) throw new Error(`paragraph not found: ${start}`);
    return { text, lang: 'hin' };
  });
  return { title, paragraphs };
}

describe('entities: ETV Bharat AIIMS article (acceptance)', () => {
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
  const input = loadInput(expected);
  const entities = extractEntities(input);
  const textOf = (p: number | null): string => (p === null ? input.title : input.paragraphs[p].text);

  it('reads the expected title and the dedicated first paragraph', () => {
    expect(input.title).toBe(expected.title);
    expect(input.paragraphs[0].text).toContain('दक्षिणी दिल्ली जिला पुलिस(South Delhi District Police)');
  });

  /** Mentions of an entity and of every entity that is part of it. */
  const surfacesOf = (canonical: string): string[] =>
    entities
      .filter((e: Entity) => e.canonical === canonical || e.partOf === canonical)
      .flatMap((e) => e.mentions.map((m) => m.surface));

  for (const exp of expected.entities) {
    it(`finds ${exp.canonical} (${exp.type}) with surfaces ${exp.surfaces.join(', ')}`, () => {
      const e = entities.find((x) => x.canonical === exp.canonical);
      expect(e, exp.canonical).toBeDefined();
      const allowed = exp.canonical === 'OPD' || exp.canonical === 'IPD' ? ['ID', 'ORG'] : [exp.type];
      expect(allowed).toContain(e?.type);
      const seen = surfacesOf(exp.canonical);
      for (const s of exp.surfaces) expect(seen, `${exp.canonical} ← ${s}`).toContain(s);
    });
  }

  it('links the unit and district police to Delhi Police, and New Delhi to Delhi', () => {
    expect(entities.find((e) => e.canonical === 'IFSO')?.partOf).toBe('Delhi Police');
    expect(entities.find((e) => e.canonical === 'South Delhi District Police')?.partOf).toBe('Delhi Police');
    expect(entities.find((e) => e.canonical === 'New Delhi')?.partOf).toBe('Delhi');
  });

  it('lists aliases in both scripts', () => {
    const aiims = entities.find((e) => e.canonical === 'AIIMS');
    expect(aiims?.aliases).toContain('एम्स');
    expect(aiims?.aliases).toContain('All India Institute of Medical Sciences');
    const ifso = entities.find((e) => e.canonical === 'IFSO');
    expect(ifso?.aliases).toContain('आईएफएसओ');
  });

  it('does not report entities that only occur in dropped blocks', () => {
    for (const c of expected.entitiesAbsent) expect(entities.map((e) => e.canonical)).not.toContain(c);
  });

  it('gives exact UTF-16 offsets and one entity per canonical', () => {
    for (const e of entities) {
      for (const m of e.mentions) expect(textOf(m.paragraph).slice(m.start, m.end)).toBe(m.surface);
    }
    const names = entities.map((e) => e.canonical);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps postpositions out of surfaces', () => {
    for (const e of entities) {
      for (const m of e.mentions) expect(m.surface).not.toMatch(/\s(की|के|का|ने|को|में|से)$/);
    }
  });
});
