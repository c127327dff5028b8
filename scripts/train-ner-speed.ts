/**
 * `npm run train:ner -- --speed`: CPU milliseconds per 4,000 characters of Hindi body for the tagger alone
 * and for the whole entity stage (rules, gazetteer and tagger), on the seed article and the Hindi dev-set paragraphs (each paragraph an article).
 * One core, warm caches (the model load, once per process, is reported apart).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEntities } from '../src/entities/extract.ts';
import { loadGazetteer } from '../src/entities/gazetteer.ts';
import { loadTagger, tagEntities } from '../src/entities/tagger/index.ts';

/** CPU ms per call of each function, interleaved and the best of several rounds (the machine is shared). */
function cpuMs(fns: Array<() => void>, rounds = 7, calls = 30): number[] {
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const start = process.cpuUsage();
      for (let c = 0; c < calls; c++) fn();
      const used = process.cpuUsage(start);
      best[i] = Math.min(best[i], (used.user + used.system) / 1000 / calls);
    });
  }
  return best;
}

/** Print the figures for the texts under `root`. */
export function measureSpeed(root: string): void {
  const gazetteer = loadGazetteer();
  const t0 = process.cpuUsage();
  loadTagger();
  const load = process.cpuUsage(t0);
  console.log(`model load: ${((load.user + load.system) / 1000).toFixed(0)} ms CPU, once per process`);
  const seed = readFileSync(join(root, 'tests', 'fixtures', 'etv-aiims-hi.txt'), 'utf8')
    .split(/\n+/)
    .filter((p) => /[\u0900-\u097f]/.test(p));
  const dev = ['entities-hi.jsonl', 'dev2-entities-hi.jsonl', 'dev3-entities-hi.jsonl'].flatMap((f) =>
    readFileSync(join(root, 'tests', 'fixtures', 'nlp', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  for (const [name, paras] of [
    ['seed article', seed],
    ['Hindi dev paragraphs', dev],
  ] as const) {
    const chars = paras.reduce((n, p) => n + p.length, 0);
    const input = { title: '', paragraphs: paras.map((text) => ({ text, lang: 'hin' })) };
    const tagger = () => {
      for (const p of paras) tagEntities(p, gazetteer);
    };
    // The dev paragraphs come from different stories: each is its own article; the seed is one article.
    const articles =
      name === 'seed article' ? [input] : input.paragraphs.map((p) => ({ title: '', paragraphs: [p] }));
    const stage = () => {
      for (const a of articles) extractEntities(a);
    };
    const rules = () => {
      for (const a of articles) extractEntities(a, { tagger: false });
    };
    for (let i = 0; i < 20; i++) stage();
    const [t, s, r] = cpuMs([tagger, stage, rules]).map((ms) => ((ms * 4000) / chars).toFixed(2));
    console.log(
      `${name} (${chars} chars), ms CPU per 4,000 chars, best of 7 rounds: tagger alone ${t}; ` +
        `entity stage with the tagger ${s}, without it ${r}`,
    );
  }
}
