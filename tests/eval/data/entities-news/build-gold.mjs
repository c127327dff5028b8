// Turns the hand annotations (annotations-eng.txt, annotations-hin.txt: per paragraph id, the
// mentions in text order as "TYPE surface") into gold.jsonl with character offsets, and checks
// them: every mention is found in order at word boundaries, text.slice(start, end) equals it,
// no two mentions overlap. Warnings list unlabelled repeats of a labelled surface, for review.
// Run: node tests/eval/data/entities-news/build-gold.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const paras = readFileSync(join(here, 'paragraphs.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const ann = new Map();
for (const lang of ['eng', 'hin']) {
  let cur = null;
  for (const raw of readFileSync(join(here, `annotations-${lang}.txt`), 'utf8').split('\n')) {
    const line = raw.trimEnd();
    if (!line || line.startsWith('#')) continue;
    const m = /^(PER|LOC|ORG) (.+)$/.exec(line);
    if (m) {
      if (!cur) throw new Error(`mention before any id: ${line}`);
      ann.get(cur).push({ type: m[1], text: m[2] });
    } else {
      cur = line.trim();
      if (ann.has(cur)) throw new Error(`duplicate id ${cur}`);
      ann.set(cur, []);
    }
  }
}
const wordChar = /[\p{L}\p{M}\p{N}]/u;
const bounded = (t, s, e) => !(s > 0 && wordChar.test(t[s - 1])) && !(e < t.length && wordChar.test(t[e]));
/** Drops U+200C/U+200D, keeping for each kept character its offset in the original. */
function stripJoiners(t) {
  let s = '';
  const map = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\u200c' || t[i] === '\u200d') continue;
    s += t[i];
    map.push(i);
  }
  map.push(t.length);
  return { s, map };
}
const out = [];
let errors = 0;
for (const p of paras) {
  const list = ann.get(p.id);
  if (!list) throw new Error(`no annotation block for ${p.id}`);
  let from = 0;
  const mentions = [];
  const { s: flat, map } = stripJoiners(p.text);
  // Finds the next word-bounded occurrence of a surface at or after original offset `at`,
  // ignoring zero-width joiners (the Hindi text carries U+200D that hand-typed surfaces lack).
  const find = (surface, at) => {
    const needle = stripJoiners(surface.normalize('NFC')).s;
    let i = flat.indexOf(
      needle,
      map.findIndex((o) => o >= at),
    );
    while (i >= 0) {
      const s = map[i];
      const e = map[i + needle.length - 1] + 1;
      if (bounded(p.text, s, e)) return [s, e];
      i = flat.indexOf(needle, i + 1);
    }
    return null;
  };
  for (const { type, text } of list) {
    const hit = find(text, from);
    if (!hit) {
      console.error(`ERROR ${p.id}: "${text}" not found after ${from}`);
      errors++;
      continue;
    }
    const [s, e] = hit;
    const surface = p.text.slice(s, e);
    if (stripJoiners(surface).s !== stripJoiners(text.normalize('NFC')).s) throw new Error('mismatch');
    mentions.push({ start: s, end: e, text: surface, type });
    from = e;
  }
  for (const { text } of list) {
    for (let hit = find(text, 0); hit; hit = find(text, hit[0] + 1)) {
      const [s, e] = hit;
      if (!mentions.some((m) => m.start < e && s < m.end)) {
        console.error(`WARN ${p.id}: unlabelled repeat of "${text}" at ${s}`);
      }
    }
  }
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
