/**
 * Incident grouping cost per new article as the store grows (synthetic corpus, embedded SQLite incident
 * store on disk). Articles arrive in time order, as from a crawler: ~5 articles per incident, 10% of them
 * near-copies of an earlier story, organisations and places drawn from skewed pools (a few places, like
 * Delhi, are in many stories), three years of news. Prints mean / p50 / p95 ms per article for each
 * slice; "roughly flat" means later slices cost about what early ones do. Measurements, not assertions.
 *
 *   node --import tsx bench/incidents.mts            100,000 articles
 *   node --import tsx bench/incidents.mts 20000      fewer
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableId } from '../src/core/hash.ts';
import type { Article, Entity, IncidentType } from '../src/core/types.ts';
import { IncidentEngine } from '../src/incidents/engine.ts';
import { SqliteIncidentStore } from '../src/store/incidents/sqlite-incident-store.ts';

const TOTAL = Number(process.argv[2] ?? 100_000);
const SLICES = 10;
const TYPES: IncidentType[] = [
  'cyberattack',
  'service-outage',
  'fire',
  'building-collapse',
  'rail-accident',
  'road-accident',
  'crime',
  'protest',
  'natural-disaster',
];
const START = Date.parse('2021-01-01T00:00:00+05:30');
const SPAN = 3 * 365 * 86_400_000;

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
/** Skewed pick: low indices are much more frequent (Zipf-like). */
const skewed = (n: number) => Math.floor(n * rand() ** 2.5);
const VOCAB = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
const words = (n: number) => Array.from({ length: n }, () => VOCAB[skewed(VOCAB.length)]!).join(' ');

const entity = (canonical: string, type: 'ORG' | 'LOC'): Entity => ({
  canonical,
  type,
  aliases: [],
  mentions: [{ surface: canonical, paragraph: 0, start: 0, end: canonical.length }],
});

interface Seed {
  type: IncidentType;
  org: string;
  place: string;
  time: number;
  text: string;
}

function article(n: number, s: Seed, copy: boolean): Article {
  const time = s.time + Math.floor(rand() * 10 * 86_400_000);
  const text = copy ? `${s.text} ${words(3)}` : `${words(40)} ${s.org} ${s.place}`;
  const sentence = { sentence: text.slice(0, 80), location: { paragraph: 0, start: 0, end: 80 } };
  return {
    id: stableId(`bench:${n}`),
    title: `Story ${n}`,
    published: new Date(time).toISOString(),
    language: rand() < 0.5 ? 'hin' : 'eng',
    languageConfidence: 1,
    paragraphs: [{ index: 0, text, lang: 'eng', langConfidence: 1 }],
    captions: [],
    dropped: [],
    entities: [entity(s.org, 'ORG'), entity(s.place, 'LOC')],
    temporal: [],
    incident: {
      type: s.type,
      typeEvidence: [{ value: s.type, ...sentence }],
      target: { value: s.org, ...sentence },
      responders: [],
      impact: [],
      legalActions: [],
      locations: [{ value: s.place, ...sentence }],
    },
    contentHash: stableId(text),
    pipelineVersion: 'bench',
  };
}

const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-incidents-'));
const store = new SqliteIncidentStore(join(dir, 'khabar.db'));
await store.init();
const engine = new IncidentEngine(store);
const incidents = Math.ceil(TOTAL / 5);
const seeds: Seed[] = Array.from({ length: incidents }, (_, i) => ({
  type: TYPES[Math.floor(rand() * TYPES.length)]!,
  org: `org${skewed(4000)}`,
  place: `place${skewed(400)}`,
  time: START + Math.floor((i / incidents) * SPAN),
  text: '',
}));
const slice = Math.ceil(TOTAL / SLICES);
const rows: string[][] = [];
let times: number[] = [];
const t0 = performance.now();
for (let n = 0; n < TOTAL; n++) {
  // Articles of an incident arrive over the days after it; incidents start in time order.
  const k = Math.min(incidents - 1, Math.floor(n / 5) + (rand() < 0.3 ? -Math.floor(rand() * 3) : 0));
  const s = seeds[Math.max(0, k)]!;
  const copy = s.text !== '' && rand() < 0.1;
  const a = article(n, s, copy);
  if (!s.text) s.text = a.paragraphs[0]!.text;
  const t = performance.now();
  await engine.add(a);
  times.push(performance.now() - t);
  if ((n + 1) % slice === 0 || n + 1 === TOTAL) {
    const sorted = [...times].sort((x, y) => x - y);
    const mean = sorted.reduce((x, y) => x + y, 0) / sorted.length;
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    const { total } = await store.listIncidents({ limit: 1 });
    rows.push([
      `${n + 1 - times.length + 1}-${n + 1}`,
      mean.toFixed(2),
      q(0.5).toFixed(2),
      q(0.95).toFixed(2),
      String(total),
    ]);
    process.stdout.write(`  ${rows.at(-1)!.join('  ')}\n`);
    times = [];
  }
}
const head = ['articles', 'mean ms', 'p50 ms', 'p95 ms', 'incidents'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
console.log(`\n== Incident grouping cost per new article (${TOTAL} synthetic articles, SQLite) ==`);
console.log([line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n'));
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
await store.close();
rmSync(dir, { recursive: true, force: true });
