/**
 * `npm run train:ner -- --speed`: CPU milliseconds per 4,000 characters of Hindi body for the tagger alone
 * and for the whole entity stage (rules, gazetteer and tagger), on the seed article and the Hindi dev sets.
 * One core, warm caches (the model load, once per process, is reported apart).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEntities } from '../src/entities/extract.ts';
import { loadGazetteer } from '../src/entities/gazetteer.ts';
import { loadTagger, tagEntities } from '../src/entities/tagger/index.ts';

function cpuMs(run: () => void, rounds: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / rounds;
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
    const stage = () => extractEntities(input);
    for (let i = 0; i < 20; i++) stage();
    const per4k = (ms: number) => ((ms * 4000) / chars).toFixed(2);
    console.log(
      `${name} (${chars} chars): tagger ${per4k(cpuMs(tagger, 100))} ms, whole entity stage ` +
        `${per4k(cpuMs(stage, 100))} ms per 4,000 chars (CPU time)`,
    );
  }
}
