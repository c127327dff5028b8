/**
 * `npm run bench -- real`: the pipeline on real text nobody here wrote, in rounds (`--rounds N`, default 3).
 * Each round empties every per-word cache, warms up on other real text (the first half of the pages;
 * IL-NER's texts for the Hindi run), then times the rest, each document once, so no timed text has had its
 * rare words (names, places) remembered. A replay measures caches: 242 pages/s on 15 bundled pages was 28.5
 * on real ones, and a second round over the same real texts, caches kept, put the Hindi entity stage at
 * 2.1–2.5 ms per 4,000 characters where texts it had not seen cost 3.4–4.4.
 *
 * - pages: ../shared/data/extraction-dev (990 real web pages, mostly European languages, no Hindi);
 * - Hindi: ../shared/data/hiner-dev (8,680 real Hindi sentences), joined 20 to a text as plain-text input,
 *   all of it timed after a warm-up on IL-NER's Hindi train and dev (12,465 real sentences,
 *   tests/eval/data/il-ner-hindi), joined the same way.
 *
 * Prints per-stage milliseconds per document, documents per second on this one core, and peak RSS.
 * Options: `--data DIR` (the shared data dir), `--rounds N`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ilnerSplit } from '../scripts/il-ner.ts';
import { cleanBlocks } from '../src/clean/index.ts';
import { clearWordCaches } from '../src/core/word-cache.ts';
import { extractEntities } from '../src/entities/index.ts';
import { decodeChunks } from '../src/extract/decode.ts';
import { extractHtml } from '../src/extract/html.ts';
import { extractText } from '../src/extract/text.ts';
import { extractIncident } from '../src/incidents/article.ts';
import { detectDocumentLanguages } from '../src/language/index.ts';
import { extractTemporal } from '../src/temporal/index.ts';

export interface Doc {
  /** The bytes, or a function that reads them (a corpus read page by page, not held in memory). */
  content: Buffer | (() => Buffer);
  format: 'html' | 'text';
}

/** A document's bytes, read now if the corpus is read lazily. */
export const bytesOf = (d: Doc): Buffer => (typeof d.content === 'function' ? d.content() : d.content);

const STAGES = ['decode', 'extract', 'clean', 'language', 'entities', 'temporal', 'incident'] as const;

/** The pages of extraction-dev (`dir`), decompressed, in the set's order. */
export function extractionPages(dir: string): Doc[] {
  const evaldata: Record<string, { file: string }> = JSON.parse(
    readFileSync(join(dir, 'evaldata.json'), 'utf8'),
  );
  // Read when used: 143 MB of pages held at once would be most of the peak RSS the bench reports.
  return Object.values(evaldata).map((it) => ({
    content: () => gunzipSync(readFileSync(join(dir, 'html', `${it.file}.gz`))),
    format: 'html' as const,
  }));
}

/** CoNLL sentences (token per line, blank line between sentences) joined 20 to a text. */
function hindiTexts(src: string, perText = 20): Doc[] {
  const sentences = src
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.split('\t')[0] ?? '')
        .filter(Boolean)
        .join(' ')
        .replace(/ ([,।?!:;)])/g, '$1'),
    )
    .filter(Boolean);
  const docs: Doc[] = [];
  for (let i = 0; i < sentences.length; i += perText) {
    const paras = [];
    // Paragraphs of five sentences, as news copy runs.
    for (let k = i; k < Math.min(i + perText, sentences.length); k += 5)
      paras.push(sentences.slice(k, k + 5).join(' '));
    docs.push({ content: Buffer.from(paras.join('\n\n')), format: 'text' });
  }
  return docs;
}

/** IL-NER's Hindi train and dev splits as texts (warm-up for the Hindi run). */
function ilnerTexts(): Doc[] {
  return [...hindiTexts(ilnerSplit('train')), ...hindiTexts(ilnerSplit('dev'))];
}

export interface StageTimes {
  /** Milliseconds per stage, summed over the timed documents. */
  totals: Record<(typeof STAGES)[number], number>;
  /** Documents timed (analysed + refused), analysed, and the body characters of the analysed ones. */
  timed: number;
  analysed: number;
  bodyChars: number;
  /** CPU milliseconds (process.cpuUsage, user + system) of the entity stage over the timed documents:
   * less swayed than wall-clock time by other processes on a loaded machine. */
  entitiesCpu: number;
}

/**
 * Run the stages one by one over `docs` for `rounds` rounds, timing each; the first `warmup` rounds are
 * not timed (JIT). Shared by this bench and the replayed-pages `stages` bench.
 */
export function timeStages(docs: Doc[], opts: { rounds: number; warmup: number }): StageTimes {
  const totals = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes['totals'];
  let analysed = 0;
  let timed = 0;
  let bodyChars = 0;
  let entitiesCpu = 0;
  for (let r = 0; r < opts.rounds; r++) {
    const isTimed = r >= opts.warmup;
    for (const d of docs) {
      const bytes = bytesOf(d);
      let t = performance.now();
      const lap = (k: (typeof STAGES)[number]) => {
        const now = performance.now();
        if (isTimed) totals[k] += now - t;
        t = now;
      };
      if (isTimed) timed++;
      // As the pipeline reads them: a page in pieces for the HTML parser, text whole.
      const { chunks } = decodeChunks(bytes);
      lap('decode');
      const doc = d.format === 'text' ? extractText(chunks.join('')) : extractHtml(chunks);
      lap('extract');
      const { paragraphs } = cleanBlocks(doc.blocks, doc.title);
      lap('clean');
      if (paragraphs.length === 0) continue;
      const langs = detectDocumentLanguages(paragraphs, { title: doc.title, declared: doc.declaredLang });
      const paras = paragraphs.map((p, i) => ({ text: p, lang: langs.paragraphs[i]!.lang }));
      lap('language');
      const input = { title: doc.title, paragraphs: paras };
      const cpu = process.cpuUsage();
      const entities = extractEntities(input);
      const used = process.cpuUsage(cpu);
      if (isTimed) entitiesCpu += (used.user + used.system) / 1000;
      lap('entities');
      const temporal = extractTemporal(input, { published: doc.published });
      lap('temporal');
      extractIncident({ title: doc.title, paragraphs: paras, entities, temporal });
      lap('incident');
      if (isTimed) {
        analysed++;
        bodyChars += paragraphs.reduce((s, p) => s + p.length, 0);
      }
    }
  }
  return { totals, timed, analysed, bodyChars, entitiesCpu };
}

/**
 * `rounds` times: empty every per-word cache, warm up on `warm` (default: the first half of `docs`), then
 * time the rest of `docs`, each once. Every round starts with nothing remembered of any text but what the
 * warm-up leaves, so no timed document has had its rare words remembered. The JIT is not reset: from the
 * second round on it has compiled every path the timed texts take, as in a worker that has run a while;
 * the first round also pays for compiling what the warm-up did not reach.
 */
function run(docs: Doc[], rounds: number, warm?: Doc[]): Record<string, number | string> {
  const half = warm ? 0 : Math.floor(docs.length / 2);
  const figures: Record<string, number>[] = [];
  const sums = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes['totals'];
  let timedAll = 0;
  let round: StageTimes | undefined;
  for (let r = 0; r < rounds; r++) {
    clearWordCaches();
    globalThis.gc?.();
    timeStages(warm ?? docs.slice(0, half), { rounds: 1, warmup: 1 });
    globalThis.gc?.();
    round = timeStages(docs.slice(half), { rounds: 1, warmup: 0 });
    for (const k of STAGES) sums[k] += round.totals[k];
    timedAll += round.timed;
    figures.push(roundFigures(round));
  }
  const { timed, analysed, bodyChars } = round!;
  const ms = (k: (typeof STAGES)[number]) => sums[k] / timedAll;
  return {
    [warm
      ? `documents (timed per round; ${warm.length} others warm up)`
      : 'documents (timed per round: the second half)']: `${docs.length} (${timed})`,
    'analysed (rest: no article text)': analysed,
    'body chars / document': Math.round(bodyChars / Math.max(1, analysed)),
    rounds,
    // Means over every round, the first (with its JIT work) included; the figures below are medians.
    ...Object.fromEntries(STAGES.map((k) => [`${k} ms/doc (mean of rounds)`, Math.round(ms(k) * 100) / 100])),
    ...Object.fromEntries(
      Object.keys(figures[0]!).map((k) => [k, medianAndRounds(figures.map((f) => f[k]!))]),
    ),
    'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The headline figures of one round. */
function roundFigures({ totals, timed, bodyChars, entitiesCpu }: StageTimes): Record<string, number> {
  const ms = (k: (typeof STAGES)[number]) => totals[k] / timed;
  const all = STAGES.reduce((s, k) => s + ms(k), 0);
  const per4000 = (x: number) => Math.round((x / Math.max(1, bodyChars)) * 4000 * 100) / 100;
  return {
    // Issue #12's budget for the entity stage is 3 ms of one core per 4,000 characters of body.
    // CPU time counts the process's other threads too (the JIT compiling in the background, the GC);
    // wall time is the stage on the one thread that runs it, on an otherwise idle machine.
    'entities CPU ms per 4,000 body chars': per4000(entitiesCpu),
    'entities wall ms per 4,000 body chars': per4000(totals.entities),
    'docs/s, decode+extract+clean (1 core)': Math.round(1000 / (ms('decode') + ms('extract') + ms('clean'))),
    'docs/s, full analyze (1 core)': Math.round(1000 / all),
  };
}

/** `median (round 1, round 2, …)`. */
export function medianAndRounds(xs: number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return xs.length === 1 ? String(median) : `${Math.round(median * 100) / 100} (${xs.join(', ')})`;
}

/** Both corpora, when ../shared holds them; a corpus that is missing is said, not skipped silently. */
export function benchReal(
  root: string,
  /** `data`: the shared data dir (default ../shared/data); `rounds`: a whole number ≥ 1 (default 3). */
  options: { data?: string; rounds?: number } = {},
): Record<string, Record<string, number | string>> {
  const rounds = options.rounds ?? 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds: ${rounds}`);
  const shared = resolve(options.data ?? join(root, '../shared/data'));
  const out: Record<string, Record<string, number | string>> = {};
  const pagesDir = join(shared, 'extraction-dev');
  if (existsSync(join(pagesDir, 'evaldata.json')))
    out['real pages (extraction-dev)'] = run(extractionPages(pagesDir), rounds);
  else out['real pages (extraction-dev)'] = { missing: pagesDir };
  const hiner = join(shared, 'hiner-dev/hiner-dev.conll');
  // Warmed up on IL-NER's texts, another real corpus, so that every hiner-dev text is timed, once: twice the
  // timed text of warming up on hiner-dev's first half, so the JIT's one-time compiling weighs half as much.
  const hindi = 'real Hindi text (hiner-dev, 20 sentences a text; warm-up: IL-NER train/dev)';
  out[hindi] = existsSync(hiner)
    ? run(hindiTexts(readFileSync(hiner, 'utf8')), rounds, ilnerTexts())
    : { missing: hiner };
  return out;
}
