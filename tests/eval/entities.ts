/**
 * Entity scoring: per paragraph, the set of (type, canonical) pairs found is compared with the gold set;
 * micro precision/recall/F1 per type. Canonicals compare case- and punctuation-insensitively, against the
 * gold canonical or one of its listed alternatives; PER/LOC also match by phonetic key (the same
 * transliteration-tolerant key the system used, frozen here so that loosening the system's key cannot
 * loosen the scoring).
 */
import nlp from 'compromise';
import type { EntityType } from '../../src/core/types.ts';
import { extractEntities } from '../../src/entities/index.ts';
import type { Prf } from '../../src/entities/tagger/conll.ts';
import type { EntityParagraph, GoldEntity } from './data.ts';

export const ENTITY_TYPES: EntityType[] = ['ORG', 'LOC', 'PER', 'ID'];

export type { Prf };

export interface Predicted {
  type: EntityType;
  canonical: string;
}

export interface EntitySystemReport {
  perType: Record<EntityType, Prf>;
  all: Prf;
  /** Mistakes for error analysis: `fp` (spurious or wrong canonical/type) and `fn` (missed). */
  errors: { id: string; kind: 'fp' | 'fn'; type: EntityType; canonical: string }[];
  msPerParagraph: number;
}

/** Frozen copy of the entity stage's phonetic key as of the dev sets' creation. */
export function phoneticKey(latin: string): string {
  return latin
    .toLowerCase()
    .normalize('NFD')
    .split(/[^a-z]+/)
    .map((w) =>
      w
        .replace(/y$/, 'i')
        .replace(/ee/g, 'i')
        .replace(/oo/g, 'u')
        .replace(/ph/g, 'f')
        .replace(/([bcdgjklmnprstvz])h/g, '$1')
        .replace(/w/g, 'v')
        .replace(/z/g, 'j')
        .replace(/q/g, 'k')
        .replace(/e/g, 'a')
        .replace(/m(?=[pb])/g, 'n')
        .replace(/([a-z])\1+/g, '$1'),
    )
    .join('');
}

export const norm = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/['’]s$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

function sameEntity(p: Predicted, g: GoldEntity): boolean {
  if (p.type !== g.type) return false;
  const names = [g.canonical, ...(g.alt ?? [])];
  const k = norm(p.canonical);
  if (names.some((n) => norm(n) === k)) return true;
  if (p.type === 'PER' || p.type === 'LOC') {
    const pk = phoneticKey(p.canonical);
    return pk.length > 0 && names.some((n) => phoneticKey(n) === pk);
  }
  return false;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** Score a predictor over paragraphs; `predict` returns the entities found in one paragraph. */
export function scoreEntities(
  paragraphs: EntityParagraph[],
  predict: (text: string) => Predicted[],
): EntitySystemReport {
  const counts = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    EntityType,
    { tp: number; fp: number; fn: number }
  >;
  const errors: EntitySystemReport['errors'] = [];
  let ms = 0;
  for (const para of paragraphs) {
    const t0 = performance.now();
    const raw = predict(para.text);
    ms += performance.now() - t0;
    // Gold: one item per (type, canonical); predictions: one per (type, normalised canonical).
    const gold = new Map<string, GoldEntity>();
    for (const g of para.entities) gold.set(`${g.type}|${g.canonical}`, g);
    const pred = new Map<string, Predicted>();
    for (const p of raw) pred.set(`${p.type}|${norm(p.canonical)}`, p);
    const unmatched = [...gold.values()];
    for (const p of pred.values()) {
      const i = unmatched.findIndex((g) => sameEntity(p, g));
      if (i >= 0) {
        counts[p.type].tp++;
        unmatched.splice(i, 1);
      } else {
        counts[p.type].fp++;
        errors.push({ id: para.id, kind: 'fp', type: p.type, canonical: p.canonical });
      }
    }
    for (const g of unmatched) {
      counts[g.type].fn++;
      errors.push({ id: para.id, kind: 'fn', type: g.type, canonical: g.canonical });
    }
  }
  const perType = Object.fromEntries(
    ENTITY_TYPES.map((t) => [t, prf(counts[t].tp, counts[t].fp, counts[t].fn)]),
  ) as Record<EntityType, Prf>;
  const sum = (k: 'tp' | 'fp' | 'fn') => ENTITY_TYPES.reduce((n, t) => n + counts[t][k], 0);
  return {
    perType,
    all: prf(sum('tp'), sum('fp'), sum('fn')),
    errors,
    msPerParagraph: paragraphs.length ? ms / paragraphs.length : 0,
  };
}

/** Our entity stage on one paragraph. */
export function oursPredictor(lang: 'hin' | 'eng'): (text: string) => Predicted[] {
  return (text) =>
    extractEntities({ title: '', paragraphs: [{ text, lang }] }).map((e) => ({
      type: e.type,
      canonical: e.canonical,
    }));
}

/** Baseline: compromise alone, organizations()/places()/people() as ORG/LOC/PER, surface as canonical. */
export function compromisePredictor(text: string): Predicted[] {
  const doc = nlp(text);
  const out: Predicted[] = [];
  const add = (type: EntityType, list: string[]) => {
    for (const s of list) {
      const c = s
        .replace(/[\s,.;:!?"“”]+$/u, '')
        .replace(/['’]s$/, '')
        .trim();
      if (c) out.push({ type, canonical: c });
    }
  };
  add('ORG', doc.organizations().out('array') as string[]);
  add('LOC', doc.places().out('array') as string[]);
  add('PER', doc.people().out('array') as string[]);
  return out;
}

export interface EntityReport {
  lang: 'hin' | 'eng';
  paragraphs: number;
  goldMentions: number;
  ours: EntitySystemReport;
  compromise: EntitySystemReport;
}

export function evaluateEntities(
  lang: 'hin' | 'eng',
  paragraphs: EntityParagraph[],
  baseline = true,
): EntityReport {
  // Warm-up: the gazetteer compiles on first use; keep that out of the per-paragraph timing.
  oursPredictor(lang)(paragraphs[0]?.text ?? '');
  return {
    lang,
    paragraphs: paragraphs.length,
    goldMentions: paragraphs.reduce((n, p) => n + p.entities.length, 0),
    ours: scoreEntities(paragraphs, oursPredictor(lang)),
    compromise: scoreEntities(paragraphs, baseline ? compromisePredictor : () => []),
  };
}
