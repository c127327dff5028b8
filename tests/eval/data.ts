/**
 * Loaders for the labelled sets in tests/fixtures (entities, temporal expressions, language-ID lines):
 * all of them dev sets. The first (entities-*.jsonl, temporal.jsonl) was written alongside the gazetteers
 * and rules; the second and third (dev2-*, dev3-*; formerly "holdout" and "holdout2") were written blind
 * but have since been read to find and fix errors, so they measure regressions, not generalisation.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityType, TemporalKind } from '../../src/core/types.ts';
import { type LabelledLine, parseLabelledLines } from '../../src/language/index.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** One gold entity mention; `alt` lists other acceptable canonical spellings (e.g. an expansion). */
export interface GoldEntity {
  surface: string;
  type: EntityType;
  canonical: string;
  alt?: string[];
}

export interface EntityParagraph {
  id: string;
  text: string;
  entities: GoldEntity[];
}

export type TemporalClass = 'absolute-date' | 'weekday' | 'relative' | 'time-of-day' | 'duration';
export const TEMPORAL_CLASSES: TemporalClass[] = [
  'absolute-date',
  'weekday',
  'relative',
  'time-of-day',
  'duration',
];

export interface GoldTemporal {
  surface: string;
  kind: TemporalKind;
  value: string;
  class: TemporalClass;
  approximate?: boolean;
}

export interface TemporalSentence {
  id: string;
  text: string;
  lang: 'hin' | 'eng';
  published: string;
  expected: GoldTemporal[];
}

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** `dev2` and `dev3`: the sets once called holdout and holdout2 (tuned on since, so dev sets now). */
export type EvalSet = 'dev' | 'dev2' | 'dev3';

export function loadEntityParagraphs(lang: 'hin' | 'eng', set: EvalSet = 'dev'): EntityParagraph[] {
  const file = `${set === 'dev' ? '' : `${set}-`}entities-${lang === 'hin' ? 'hi' : 'en'}.jsonl`;
  return jsonl<EntityParagraph>(join(FIXTURES, 'nlp', file));
}

export function loadTemporal(set: EvalSet = 'dev'): TemporalSentence[] {
  return jsonl<TemporalSentence>(
    join(FIXTURES, 'nlp', set === 'dev' ? 'temporal.jsonl' : `${set}-temporal.jsonl`),
  );
}

export function loadLangLines(): { dev: LabelledLine[]; holdout: LabelledLine[] } {
  const read = (f: string) => parseLabelledLines(readFileSync(join(FIXTURES, 'langid', f), 'utf8'));
  return { dev: read('lines.tsv'), holdout: read('holdout.tsv') };
}
