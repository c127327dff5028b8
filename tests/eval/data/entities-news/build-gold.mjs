// Turns the hand annotations (annotations-eng.txt, annotations-hin.txt: per paragraph id, the
// mentions in text order as "TYPE surface") into gold.jsonl with character offsets, and checks
// them: every mention is found in order at word boundaries, text.slice(start, end) equals it,
// no two mentions overlap. Warnings list unlabelled repeats of a labelled surface, for review.
// Run: node tests/eval/data/entities-news/build-gold.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeMentions, readAnnotations } from '../annotations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const paras = readFileSync(join(here, 'paragraphs.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const ann = readAnnotations(['eng', 'hin'].map((lang) => join(here, `annotations-${lang}.txt`)));
const out = [];
let errors = 0;
for (const p of paras) {
  const list = ann.get(p.id);
  if (!list) throw new Error(`no annotation block for ${p.id}`);
  const { mentions, missing, repeats } = placeMentions(p.text, list);
  for (const m of missing) {
    console.error(`ERROR ${p.id}: "${m.text}" not found after ${m.after}`);
    errors++;
  }
  for (const r of repeats) console.error(`WARN ${p.id}: unlabelled repeat of "${r.text}" at ${r.start}`);
  out.push({ id: p.id, mentions });
}
for (const id of ann.keys()) if (!paras.some((p) => p.id === id)) throw new Error(`unknown id ${id}`);
if (errors) process.exit(1);
writeFileSync(join(here, 'gold.jsonl'), `${out.map((o) => JSON.stringify(o)).join('\n')}\n`);
const counts = {};
for (const o of out) {
  const lang = o.id.slice(0, 3);
  for (const m of o.mentions) counts[`${lang} ${m.type}`] = (counts[`${lang} ${m.type}`] ?? 0) + 1;
}
console.log(counts);
