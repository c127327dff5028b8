// Turns the hand annotations (annotations-1.txt … annotations-6.txt, one per labeller batch: per
// paragraph id, the mentions in text order as "TYPE surface") into gold.jsonl with character offsets.
// A surface not found in order is an error; unlabelled repeats of a labelled surface are counted (and
// listed with --repeats) but kept as labelled: they are the labellers' calls.
// Run: node tests/eval/data/pib-hindi-ner/build-gold.mjs [--repeats]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeMentions, readAnnotations } from '../annotations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const paras = readFileSync(join(here, 'paragraphs.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const files = readdirSync(here)
  .filter((f) => /^annotations-\d+\.txt$/.test(f))
  .sort()
  .map((f) => join(here, f));
const ann = readAnnotations(files);
const out = [];
let errors = 0;
let repeats = 0;
for (const p of paras) {
  const list = ann.get(p.id);
  if (!list) throw new Error(`no annotation block for ${p.id}`);
  const placed = placeMentions(p.text, list, { glued: true });
  for (const g of placed.glued) console.error(`glued ${p.id}: "${g.text}" at ${g.start}`);
  for (const m of placed.missing) {
    console.error(`ERROR ${p.id}: "${m.text}" not found after ${m.after}`);
    errors++;
  }
  repeats += placed.repeats.length;
  if (process.argv.includes('--repeats'))
    for (const r of placed.repeats) console.error(`repeat ${p.id}: "${r.text}" at ${r.start}`);
  out.push({ id: p.id, mentions: placed.mentions });
}
for (const id of ann.keys()) if (!paras.some((p) => p.id === id)) throw new Error(`unknown id ${id}`);
if (errors) process.exit(1);
writeFileSync(join(here, 'gold.jsonl'), `${out.map((o) => JSON.stringify(o)).join('\n')}\n`);
const counts = {};
for (const o of out) for (const m of o.mentions) counts[m.type] = (counts[m.type] ?? 0) + 1;
console.log({ paragraphs: out.length, ...counts, unlabelledRepeats: repeats });
