/**
 * `npm run eval -- extraction`: main-text extraction on ../shared/data/extraction-dev (990 real pages,
 * trafilatura's evaluation set, Apache-2.0; read from there, never copied into the repo), scored the way
 * ../shared/tools/extraction_snippets.py scores it, beside trafilatura 2.2.0's reference output.
 *
 * It is a DEV set: extraction was tuned on it, so these figures guard against regressions and say how far
 * we are from the anchor; they are not a blind measure of quality.
 *
 *   npm run eval -- extraction [--data DIR] [--pages] [--out predictions.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../src/core/errors.ts';
import { analyze } from '../../src/pipeline/analyze.ts';

interface Item {
  file: string;
  with: string[];
  without: string[];
}

export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Counts for one page; `text` undefined means no prediction (every "with" snippet missed). */
export function pageCounts(item: Pick<Item, 'with' | 'without'>, text: string | undefined): SnippetCounts {
  if (!text) return { tp: 0, fp: 0, fn: item.with.length, tn: item.without.length };
  const flat = squash(text);
  const tp = item.with.filter((s) => flat.includes(squash(s))).length;
  const fp = item.without.filter((s) => flat.includes(squash(s))).length;
  return { tp, fp, fn: item.with.length - tp, tn: item.without.length - fp };
}

export function metrics(c: SnippetCounts) {
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn),
  };
}

function add(a: SnippetCounts, b: SnippetCounts): SnippetCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function main(): number {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(arg('--data') ?? join(here, '../../../shared/data/extraction-dev'));
  if (!existsSync(join(dataDir, 'evaldata.json'))) {
    process.stderr.write(`extraction eval: no evaldata.json in ${dataDir} (give --data DIR)\n`);
    return 2;
  }
  const evaldata: Record<string, Item> = JSON.parse(readFileSync(join(dataDir, 'evaldata.json'), 'utf8'));
  const refPath = join(dataDir, 'reference-outputs/trafilatura-2.2.0-standard.json');
  const reference: Record<string, string | null> = existsSync(refPath)
    ? JSON.parse(readFileSync(refPath, 'utf8'))
    : {};
  const predictions: Record<string, string> = {};
  const refused: [string, string][] = [];
  const methods: Record<string, number> = {};
  let ours: SnippetCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let ref: SnippetCounts = { ...ours };
  const perPage: string[] = [];
  const entries = Object.entries(evaldata);
  const t0 = performance.now();
  for (const [i, [url, item]] of entries.entries()) {
    const bytes = gunzipSync(readFileSync(join(dataDir, 'html', `${item.file}.gz`)));
    let text: string | undefined;
    try {
      const a = analyze({ content: bytes, format: 'html', url });
      // Scored text: headline and body, as a reader of the stored article sees it.
      text = [a.title, ...a.paragraphs.map((p) => p.text)].join('\n');
      const m = a.extraction?.method ?? 'unknown';
      methods[m] = (methods[m] ?? 0) + 1;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      refused.push([item.file, e.code]);
    }
    if (text) predictions[item.file] = text;
    const c = pageCounts(item, text);
    ours = add(ours, c);
    ref = add(ref, pageCounts(item, reference[item.file] ?? undefined));
    if (c.fn || c.fp) perPage.push(`  ${item.file}\tmissed ${c.fn}\tleaked ${c.fp}`);
    if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1}/${entries.length} pages\r`);
  }
  const secs = (performance.now() - t0) / 1000;
  const fmt = (c: SnippetCounts) => {
    const m = metrics(c);
    return [m.precision, m.recall, m.f1, m.accuracy].map((x) => x.toFixed(3));
  };
  const rows = [
    ['khabar (analyze: headline + body)', ...fmt(ours)],
    ['trafilatura 2.2.0 (reference output)', ...fmt(ref)],
  ];
  const out: string[] = [];
  out.push(`== Main-text extraction: ${dataDir} (${entries.length} pages; DEV set) ==`);
  out.push(['', 'precision', 'recall', 'F1', 'accuracy'].join('\t'));
  for (const r of rows) out.push(r.join('\t'));
  out.push(`snippets: ours TP ${ours.tp} FP ${ours.fp} FN ${ours.fn} TN ${ours.tn}`);
  out.push(`methods: ${JSON.stringify(methods)}`);
  out.push(
    `refused: ${refused.length}${refused.length ? ` (${refused.map(([f, c]) => `${f}: ${c}`).join(', ')})` : ''}`,
  );
  out.push(
    `analyze time: ${secs.toFixed(1)} s (${((secs * 1000) / entries.length).toFixed(1)} ms/page, one core, every stage)`,
  );
  if (process.argv.includes('--pages')) out.push('pages with a miss or a leak:', ...perPage);
  process.stdout.write(`${out.join('\n')}\n`);
  const outFile = arg('--out');
  if (outFile) writeFileSync(outFile, JSON.stringify(predictions));
  return 0;
}
