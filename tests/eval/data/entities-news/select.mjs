// Chooses the paragraphs of the entities-news set, deterministically, from incidents-real.
// Rule: per language, order articles by sha256('entities-news:' + id); in each article keep the
// paragraphs of 80 to 600 characters (trimmed) and take the one at index
// sha256(id + ':para') mod (number kept); stop at 60 articles per language.
// Run: node tests/eval/data/entities-news/select.mjs > tests/eval/data/entities-news/paragraphs.jsonl
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, '..', 'incidents-real', 'articles.jsonl');
const hash = (s) => createHash('sha256').update(s).digest('hex');
const articles = readFileSync(src, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

for (const lang of ['eng', 'hin']) {
  const ordered = articles
    .filter((a) => a.lang === lang)
    .sort((a, b) => hash(`entities-news:${a.id}`).localeCompare(hash(`entities-news:${b.id}`)));
  let n = 0;
  for (const a of ordered) {
    if (n === 60) break;
    const paras = a.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length >= 80 && p.length <= 600);
    if (paras.length === 0) continue;
    const pick = Number.parseInt(hash(`${a.id}:para`).slice(0, 8), 16) % paras.length;
    n++;
    const id = `${lang}-${String(n).padStart(2, '0')}`;
    console.log(JSON.stringify({ id, articleId: a.id, lang, text: paras[pick] }));
  }
}
