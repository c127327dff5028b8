/**
 * Incident evaluation: the fixture corpus (tests/fixtures/incidents) through the real analyze() and the
 * incremental grouping, scored against the gold grouping (B-cubed precision/recall/F1), the gold timelines
 * (event kind + date) and the gold syndicated copies. Also checks that shuffled arrival orders give the
 * same incidents. Used by tests/unit/incidents-eval.test.ts and by the eval runner.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/core/types.ts';
import { IncidentEngine } from '../../src/incidents/engine.ts';
import type { IncidentRecord } from '../../src/incidents/types.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';

export const INCIDENT_FIXTURES = join(import.meta.dirname, '../fixtures/incidents');

interface Gold {
  incidents: { key: string; articles: string[]; timeline: { kind: string; date: string }[] }[];
  copies: string[][];
}

export interface IncidentEvaluation {
  articles: number;
  goldIncidents: number;
  predictedIncidents: number;
  bcubed: { precision: number; recall: number; f1: number };
  timeline: {
    gold: number;
    predicted: number;
    matched: number;
    recall: number;
    precision: number;
    accuracy: number;
  };
  copies: { gold: number; found: number };
  /** Shuffled arrival orders tried, and whether each gave exactly the same incidents as the sorted order. */
  orderIndependence: { orders: number; identical: boolean };
  /** Per gold incident: the predicted incident holding most of its articles and the misses. */
  details: { key: string; incidentId?: string; missing: string[]; timelineMissed: string[] }[];
}

/** The corpus, analysed: file name → article. */
export function loadIncidentCorpus(): Map<string, Article> {
  const dir = join(INCIDENT_FIXTURES, 'articles');
  const out = new Map<string, Article>();
  for (const f of readdirSync(dir).sort()) {
    out.set(
      f,
      analyze({ content: readFileSync(join(dir, f)), format: f.endsWith('.txt') ? 'text' : 'html' }),
    );
  }
  return out;
}

export function loadIncidentGold(): Gold {
  return JSON.parse(readFileSync(join(INCIDENT_FIXTURES, 'gold.json'), 'utf8')) as Gold;
}

/** Group articles in the given order in a fresh in-memory store; returns the records. */
export async function groupArticles(articles: Article[]): Promise<IncidentRecord[]> {
  const store = new SqliteIncidentStore(':memory:');
  await store.init();
  const engine = new IncidentEngine(store);
  for (const a of articles) await engine.add(a);
  const { incidents } = await store.listIncidents({ limit: 1000 });
  const records = await Promise.all(incidents.map((i) => store.getIncident(i.id)));
  await store.close();
  return records.filter((r): r is IncidentRecord => !!r).sort((a, b) => a.id.localeCompare(b.id));
}

/** Deterministic shuffle (mulberry32), so a failing order can be reproduced. */
export function shuffle<T>(xs: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** B-cubed precision and recall of a predicted clustering against a gold one (item → cluster label). */
export function bcubed(gold: Map<string, string>, predicted: Map<string, string>) {
  let p = 0;
  let r = 0;
  const items = [...gold.keys()];
  for (const i of items) {
    const same = (m: Map<string, string>, j: string) => m.get(j) !== undefined && m.get(j) === m.get(i);
    const predCluster = items.filter((j) => same(predicted, j));
    const goldCluster = items.filter((j) => same(gold, j));
    const both = predCluster.filter((j) => same(gold, j)).length;
    // An article left ungrouped is its own singleton cluster.
    p += predCluster.length ? both / predCluster.length : 1;
    r += goldCluster.length ? (predCluster.length ? both : 1) / goldCluster.length : 1;
  }
  const precision = p / items.length;
  const recall = r / items.length;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const signature = (records: IncidentRecord[]) =>
  JSON.stringify(
    records.map((r) => [r.id, r.sources.map((s) => s.articleId), r.timeline, r.start, r.duration]),
  );

/** Run the whole evaluation. `orders`: shuffled arrival orders to compare with the sorted one. */
export async function evaluateIncidents(options: { orders?: number } = {}): Promise<IncidentEvaluation> {
  const corpus = loadIncidentCorpus();
  const gold = loadIncidentGold();
  const fileOf = new Map([...corpus].map(([f, a]) => [a.id, f]));
  const articles = [...corpus.values()];
  const records = await groupArticles(articles);

  const goldLabel = new Map<string, string>();
  for (const g of gold.incidents) for (const f of g.articles) goldLabel.set(f, g.key);
  const predLabel = new Map<string, string>();
  for (const r of records) for (const s of r.sources) predLabel.set(fileOf.get(s.articleId)!, r.id);

  const details: IncidentEvaluation['details'] = [];
  let goldEvents = 0;
  let matched = 0;
  const usedRecords = new Set<string>();
  for (const g of gold.incidents) {
    const votes = new Map<string, number>();
    for (const f of g.articles)
      if (predLabel.get(f)) votes.set(predLabel.get(f)!, (votes.get(predLabel.get(f)!) ?? 0) + 1);
    const best = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    const rec = records.find((r) => r.id === best);
    if (best) usedRecords.add(best);
    const have = new Set((rec?.timeline ?? []).map((e) => `${e.kind}@${e.date}`));
    const missed = g.timeline.map((e) => `${e.kind}@${e.date}`).filter((k) => !have.has(k));
    goldEvents += g.timeline.length;
    matched += g.timeline.length - missed.length;
    details.push({
      key: g.key,
      ...(best ? { incidentId: best } : {}),
      missing: g.articles.filter((f) => predLabel.get(f) !== best),
      timelineMissed: missed,
    });
  }
  const predictedEvents = records
    .filter((r) => usedRecords.has(r.id))
    .reduce((n, r) => n + r.timeline.length, 0);

  const copyOf = new Map<string, string | undefined>();
  for (const r of records)
    for (const s of r.sources) copyOf.set(fileOf.get(s.articleId)!, s.copyOf && fileOf.get(s.copyOf));
  const copiesFound = gold.copies.filter(([a, b]) => copyOf.get(b!) === a || copyOf.get(a!) === b).length;

  const base = signature(records);
  const orders = options.orders ?? 3;
  let identical = true;
  for (let k = 1; k <= orders; k++) {
    if (signature(await groupArticles(shuffle(articles, k * 7919))) !== base) identical = false;
  }
  const recall = goldEvents ? matched / goldEvents : 1;
  const precision = predictedEvents ? matched / predictedEvents : 1;
  return {
    articles: articles.length,
    goldIncidents: gold.incidents.length,
    predictedIncidents: records.length,
    bcubed: bcubed(goldLabel, predLabel),
    timeline: {
      gold: goldEvents,
      predicted: predictedEvents,
      matched,
      recall,
      precision,
      accuracy: matched / (goldEvents + predictedEvents - matched || 1),
    },
    copies: { gold: gold.copies.length, found: copiesFound },
    orderIndependence: { orders, identical },
    details,
  };
}

const f3 = (x: number) => x.toFixed(3);

/** Plain-text report of an evaluation. */
export function formatIncidentReport(e: IncidentEvaluation): string {
  const lines = [
    '== Incident grouping (tests/fixtures/incidents) ==',
    `articles ${e.articles}, gold incidents ${e.goldIncidents}, predicted incidents ${e.predictedIncidents}`,
    `B-cubed  P ${f3(e.bcubed.precision)}  R ${f3(e.bcubed.recall)}  F1 ${f3(e.bcubed.f1)}  (precision first: strangers never merge)`,
    `timeline events: ${e.timeline.matched}/${e.timeline.gold} gold found (recall ${f3(e.timeline.recall)}), precision ${f3(e.timeline.precision)} of ${e.timeline.predicted} predicted, accuracy ${f3(e.timeline.accuracy)}`,
    `syndicated copies recognised: ${e.copies.found}/${e.copies.gold}`,
    `order independence: ${e.orderIndependence.orders} shuffled orders ${e.orderIndependence.identical ? 'identical' : 'DIFFER'}`,
  ];
  for (const d of e.details) {
    if (d.missing.length || d.timelineMissed.length)
      lines.push(
        `  ${d.key}: ${d.missing.length ? `split off: ${d.missing.join(', ')}; ` : ''}timeline missed: ${d.timelineMissed.join(', ') || '-'}`,
      );
  }
  return lines.join('\n');
}
