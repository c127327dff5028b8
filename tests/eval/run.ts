/**
 * `npm run eval`: language ID, entities and temporal expressions on the labelled dev sets, ours against the
 * plain baselines (franc, compromise, chrono-node) in the same run. Dev sets 2 and 3 (formerly "holdout" and
 * "holdout2") have been tuned on: their floors guard against regressions only. Prints tables, writes
 * tests/eval/results.json. `--errors` also lists every mistake of ours.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Accuracy, LanguageIdReport } from '../../src/language/index.ts';
import { SHORT_LINE_CHARS } from '../../src/language/index.ts';
import { TEMPORAL_CLASSES } from './data.ts';
import { ENTITY_TYPES, type EntityReport, type Prf } from './entities.ts';
import { evaluateIncidents, formatIncidentReport } from './incidents.ts';
import { evaluateRealIncidents, formatRealReport } from './incidents-real.ts';
import {
  figures,
  flatten,
  floorChecks,
  loadFloors,
  regressionFigures,
  runEvaluation,
  TARGETS,
} from './score.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const frac = (a: Accuracy | { correct: number; total: number; accuracy: number }) =>
  `${pct(a.accuracy)} (${a.correct}/${a.total})`;

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

function langTable(sets: [string, LanguageIdReport][]): string {
  const rows: string[][] = [];
  for (const [name, r] of sets) {
    rows.push([
      `${name}: < ${SHORT_LINE_CHARS} chars`,
      frac(r.ours.buckets.short),
      frac(r.franc.buckets.short),
    ]);
    rows.push([
      `${name}: >= ${SHORT_LINE_CHARS} chars`,
      frac(r.ours.buckets.long),
      frac(r.franc.buckets.long),
    ]);
    rows.push([`${name}: overall`, frac(r.ours.overall), frac(r.franc.overall)]);
  }
  return table(['lines', 'ours', 'franc (raw)'], rows);
}

const p3 = (p: Prf) => [p.precision, p.recall, p.f1].map((x) => x.toFixed(3));

function entityTable(r: EntityReport): string {
  const rows = ENTITY_TYPES.map((t) => [
    t,
    ...p3(r.ours.perType[t]),
    `${r.ours.perType[t].tp}/${r.ours.perType[t].fp}/${r.ours.perType[t].fn}`,
    ...p3(r.compromise.perType[t]),
    TARGETS.entities[r.lang][t].toFixed(2),
  ]);
  rows.push([
    'all',
    ...p3(r.ours.all),
    `${r.ours.all.tp}/${r.ours.all.fp}/${r.ours.all.fn}`,
    ...p3(r.compromise.all),
    '',
  ]);
  return table(['type', 'P', 'R', 'F1', 'tp/fp/fn', 'cmp P', 'cmp R', 'cmp F1', 'target F1'], rows);
}

const results = runEvaluation();
const fig = figures(results);
const checks = floorChecks(results);
const targets = flatten(TARGETS);
const out: string[] = [];

out.push('== Language identification (tests/fixtures/langid) ==');
out.push(
  langTable([
    ['dev', results.langid.dev],
    ['holdout', results.langid.holdout],
    ['all', results.langid.all],
  ]),
);

for (const [set, ents] of [
  ['dev set 1', results.entities],
  ['dev set 2 (formerly "holdout"; tuned on)', results.dev2.entities],
  ['dev set 3 (formerly "holdout2"; tuned on)', results.dev3.entities],
] as const)
  for (const lang of ['hin', 'eng'] as const) {
    const r = ents[lang];
    out.push('');
    out.push(
      `== Entities, ${lang === 'hin' ? 'Hindi' : 'English'}, ${set} (${r.paragraphs} paragraphs, ${r.goldMentions} gold mentions; ` +
        `ours vs compromise alone) ==`,
    );
    out.push(entityTable(r));
    if (r.compromise.all.tp + r.compromise.all.fp === 0) out.push('compromise finds nothing in this text.');
    out.push(
      `speed: ours ${r.ours.msPerParagraph.toFixed(2)} ms/paragraph, compromise ${r.compromise.msPerParagraph.toFixed(2)} ms/paragraph`,
    );
  }

for (const [set, t] of [
  ['dev set 1', results.temporal],
  ['dev set 2 (formerly "holdout"; tuned on)', results.dev2.temporal],
] as const) {
  out.push('');
  out.push(
    `== Dates, times, durations, ${set} (${t.expressions} expressions in ${t.sentences} sentences; ours vs chrono-node alone) ==`,
  );
  const trows = TEMPORAL_CLASSES.map((c) => [c, frac(t.ours.perClass[c]), frac(t.chrono.perClass[c])]);
  trows.push(['Hindi', frac(t.ours.perLang.hin), frac(t.chrono.perLang.hin)]);
  trows.push(['English', frac(t.ours.perLang.eng), frac(t.chrono.perLang.eng)]);
  trows.push(['overall', frac(t.ours.overall), frac(t.chrono.overall)]);
  out.push(table(['class', 'ours', 'chrono'], trows));
  out.push(
    `speed: ours ${t.ours.msPerSentence.toFixed(3)} ms/sentence, chrono ${t.chrono.msPerSentence.toFixed(3)} ms/sentence`,
  );
}
const t = results.temporal;

const incidents = await evaluateIncidents();
out.push('', formatIncidentReport(incidents));
const realIncidents = await evaluateRealIncidents();
out.push('', formatRealReport(realIncidents, process.argv.includes('--errors')));

out.push('');
out.push('== Gate (tests/eval/floors.json) ==');
const grows = checks.dev.map(({ figure, got, floor }) => {
  const status = got < floor ? 'FAIL' : got < targets[figure]! ? 'below target' : 'ok';
  return [figure, pct(got), pct(floor), pct(targets[figure]!), status];
});
out.push(table(['figure', 'ours', 'floor', 'target', 'status'], grows));
out.push('');
out.push(
  '== Regression floors of dev sets 2 and 3 (tests/eval/dev-regression-floors.json; measured, not targets) ==',
);
out.push(
  table(
    ['figure', 'ours', 'floor', 'status'],
    checks.regression.map((c) => [c.figure, pct(c.got), pct(c.floor), c.got < c.floor ? 'FAIL' : 'ok']),
  ),
);

if (process.argv.includes('--errors')) {
  out.push('', '== Errors ==');
  for (const e of results.langid.all.ours.errors) out.push(`langid ${e.gold} → ${e.predicted}: ${e.text}`);
  for (const ents of [results.entities, results.dev2.entities, results.dev3.entities])
    for (const lang of ['hin', 'eng'] as const)
      for (const e of ents[lang].ours.errors) out.push(`entity ${e.id} ${e.kind} ${e.type} ${e.canonical}`);
  for (const e of t.ours.errors)
    out.push(`temporal ${e.id} "${e.surface}" expected ${e.expected}; got ${e.got}`);
}

console.log(out.join('\n'));
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(
  join(here, 'results.json'),
  `${JSON.stringify({ figures: fig, regression: regressionFigures(results), floors: loadFloors(), targets: TARGETS, results, incidents, realIncidents: { ...realIncidents, errors: realIncidents.errors.length } }, null, 2)}\n`,
);
