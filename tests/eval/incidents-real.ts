/**
 * Incident evaluation on real news (tests/eval/data/incidents-real, a DEV set: it has been looked at while
 * tuning, so its figures are not a held-out estimate). Each article is analysed, typed and grouped by the
 * incremental engine; scored for type precision/recall over articles, B-cubed of the grouping, and the
 * false-merge rate (articles put in one incident with an article of another gold incident, or with a
 * "none" article).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, IncidentType } from '../../src/core/types.ts';
import { IncidentEngine } from '../../src/incidents/engine.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { bcubed } from './incidents.ts';

export const REAL_SET = join(import.meta.dirname, 'data/incidents-real');

interface Row {
  id: string;
  lang: string;
  title: string;
  text: string;
  published?: string;
  url?: string | null;
}
interface Label {
  id: string;
  type: string;
  incidentId: string | null;
}

/** Our types in the set's taxonomy: road and rail accidents are accidents; an outage is "other". */
const asGold = (t: IncidentType | undefined): string => {
  if (!t) return 'none';
  if (t === 'road-accident' || t === 'rail-accident') return 'accident';
  if (t === 'service-outage') return 'other';
  return t;
};

export interface RealEvaluation {
  articles: number;
  goldIncidentArticles: number;
  predictedIncidentArticles: number;
  type: { precision: number; recall: number; detected: { precision: number; recall: number } };
  bcubed: { precision: number; recall: number; f1: number };
  falseMergeRate: number;
  errors: { id: string; gold: string; predicted: string; title: string }[];
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(REAL_SET, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Analyse, type and group the real set; score against its labels. */
export async function evaluateRealIncidents(): Promise<RealEvaluation> {
  const rows = readJsonl<Row>('articles.jsonl');
  const labels = new Map(readJsonl<Label>('labels.jsonl').map((l) => [l.id, l]));
  const byArticle = new Map<string, string>();
  const articles: Article[] = [];
  for (const r of rows) {
    const a = analyze({
      content: r.text,
      title: r.title,
      format: 'text',
      ...(r.published ? { published: r.published } : {}),
      ...(r.url ? { url: r.url } : {}),
    });
    byArticle.set(a.id, r.id);
    articles.push(a);
  }
  const store = new SqliteIncidentStore(':memory:');
  await store.init();
  const engine = new IncidentEngine(store);
  for (const a of articles) await engine.add(a);
  const predLabel = new Map<string, string>();
  const { incidents } = await store.listIncidents({ limit: 1000 });
  for (const i of incidents)
    for (const m of await store.members(i.id)) predLabel.set(byArticle.get(m.id)!, i.id);
  await store.close();

  let tp = 0;
  let predicted = 0;
  let gold = 0;
  let detected = 0;
  const errors: RealEvaluation['errors'] = [];
  articles.forEach((a, k) => {
    const id = rows[k]!.id;
    const g = labels.get(id)?.type ?? 'none';
    const p = asGold(a.incident?.type);
    if (p !== 'none') predicted++;
    if (g !== 'none') gold++;
    if (p !== 'none' && g !== 'none') detected++;
    if (p !== 'none' && p === g) tp++;
    if (p !== g) errors.push({ id, gold: g, predicted: p, title: a.title });
  });
  // Gold clusters: the labelled incident, else the article alone.
  const goldLabel = new Map(rows.map((r) => [r.id, labels.get(r.id)?.incidentId ?? `solo:${r.id}`]));
  const pred = new Map(rows.map((r) => [r.id, predLabel.get(r.id) ?? `solo:${r.id}`]));
  const members = new Map<string, string[]>();
  for (const [id, inc] of pred) members.set(inc, [...(members.get(inc) ?? []), id]);
  const falselyMerged = rows.filter((r) =>
    members.get(pred.get(r.id)!)!.some((o) => o !== r.id && goldLabel.get(o) !== goldLabel.get(r.id)),
  ).length;
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  return {
    articles: rows.length,
    goldIncidentArticles: gold,
    predictedIncidentArticles: predicted,
    type: {
      precision: ratio(tp, predicted),
      recall: ratio(tp, gold),
      detected: { precision: ratio(detected, predicted), recall: ratio(detected, gold) },
    },
    bcubed: bcubed(goldLabel, pred),
    falseMergeRate: ratio(falselyMerged, rows.length),
    errors,
  };
}

const f3 = (x: number) => x.toFixed(3);

/** Plain-text report; `errors` lists every mistyped article. */
export function formatRealReport(e: RealEvaluation, errors = false): string {
  const lines = [
    '== Incidents on real news (tests/eval/data/incidents-real, DEV set) ==',
    `articles ${e.articles}; gold incident articles ${e.goldIncidentArticles}; typed by us ${e.predictedIncidentArticles}`,
    `type      P ${f3(e.type.precision)}  R ${f3(e.type.recall)}  (targets P >= 0.90, R >= 0.80)`,
    `incident? P ${f3(e.type.detected.precision)}  R ${f3(e.type.detected.recall)}  (any type vs none)`,
    `B-cubed   P ${f3(e.bcubed.precision)}  R ${f3(e.bcubed.recall)}  F1 ${f3(e.bcubed.f1)}  (target F1 >= 0.90)`,
    `false merges: ${(e.falseMergeRate * 100).toFixed(2)}% of articles (target <= 1%)`,
  ];
  if (errors)
    for (const x of e.errors)
      lines.push(`  ${x.id}: gold ${x.gold}, ours ${x.predicted} | ${x.title.slice(0, 90)}`);
  return lines.join('\n');
}
