/**
 * `npm run train:ner`: trains the Hindi entity tagger on HiNER's development split
 * (../shared/data/hiner-dev/, CC BY-SA 4.0, CFILT IIT Bombay), IL-NER's Hindi train and dev splits
 * (tests/eval/data/il-ner-hindi/, CC BY 4.0, Bhashini / IIIT Hyderabad, CDAC Noida, IIIT Bhubaneswar) and
 * the train split of pib-hindi-ner (tests/eval/data/pib-hindi-ner/: Government of India press releases in
 * Hindi, labelled by this project under entities-news's guidelines), and writes
 * src/entities/tagger/tagger.weights. Deterministic: fixed seeds for the shuffles.
 *
 * The corpora were labelled under different guidelines, so every IL-NER feature is also given a copy of
 * its own (`il:` + the feature, Daumé's "frustratingly easy" domain adaptation): what only IL-NER's
 * conventions want is learnt there, and those rows are dropped from the stored model. pib-hindi-ner gets
 * no copy: it is news text under the guidelines Khabar's news output follows, so what it teaches belongs
 * in the stored rows (with a copy, the stored rows learnt little from it; see src/entities/tagger/README.md).
 *
 *   npm run train:ner                 train on all three corpora, write the weights
 *   npm run train:ner -- --cv 5       5-fold cross-validation on hiner-dev (IL-NER and pib-hindi-ner
 *                                     train always in training),
 *                                     with and without lexicon features, plus the overlap of hiner-dev
 *                                     gold names with the lexicons
 *   --ilner-test                      train as for the weights, then score IL-NER's Hindi test split
 *                                     (less its sentences that also occur in train or dev): a corpus
 *                                     nobody here read; nothing is written
 *   --ilner-dev                       train on hiner-dev alone, then score IL-NER's Hindi dev split: the
 *                                     cross-corpus check choices are made on (so a dev figure); nothing
 *                                     is written
 *   --pib-dev                         train as for the weights, then score pib-hindi-ner's dev split (Hindi
 *                                     government news text labelled under entities-news's guidelines): the
 *                                     check choices about that corpus are made on; nothing is written
 *   --hiner-only                      leave IL-NER and pib-hindi-ner out (the weights before them)
 *   --no-pib                          leave pib-hindi-ner out
 *   --no-domain-copy                  IL-NER features without their IL-NER-only copies (plain mixing)
 *   --no-lexicons                     train (or cross-validate) without lexicon features only
 *   --epochs N                        perceptron passes (default 8)
 *   --min-weight W                    prune feature rows whose weights all stay below W (default 1)
 *   --lexicons-only                   cross-validate only the model with lexicon features
 *   --speed                           CPU time of the tagger alone and of the whole entity stage per
 *                                     4,000 characters of Hindi body (the seed article and the Hindi dev sets)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryFor, loadGazetteer } from '../src/entities/gazetteer.ts';
import {
  addScores,
  emptyScores,
  finishScores,
  type LabelledSentence,
  parseConll,
  type Scores,
} from '../src/entities/tagger/conll.ts';
import { type FeatureLexicons, sequenceFeatures } from '../src/entities/tagger/features.ts';
import { TaggerModel } from '../src/entities/tagger/model.ts';
import { prng, type TrainSeq, trainPerceptron } from '../src/entities/tagger/perceptron.ts';
import { ilnerTagIndex, NTAGS, spansOf } from '../src/entities/tagger/tags.ts';
import { isNameWord } from '../src/entities/translit.ts';
import { ilnerSplit } from './il-ner.ts';
import { pibSplit } from './pib-ner.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, '..', 'shared', 'data', 'hiner-dev', 'hiner-dev.conll');
const OUT = join(ROOT, 'src', 'entities', 'tagger', 'tagger.weights');
const SOURCE =
  'HiNER development split (cfiltnlp/HiNER commit 5e12e796a7a4, data/collapsed/validation.conll; ' +
  '8,680 of its 10,851 sentences), Murthy et al., LREC 2022; CFILT, IIT Bombay';
const ILNER_SOURCE =
  'IL-NER Hindi train and dev splits (SankalpBahad/IL-NER commit 079e9184d819, Datasets/Hindi), ' +
  'Bahad et al. 2024; Bhashini project, MeitY; IIIT Hyderabad, CDAC Noida, IIIT Bhubaneswar; CC BY 4.0';
const LICENCE = 'CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)';
const PIB_SOURCE =
  'pib-hindi-ner train split (Hindi Press Information Bureau releases of 2020 via DhanviDesai/PIB_Scraping ' +
  'commit ecc3f68540e9, Government of India text; labels by this project)';
/** Prefix of the IL-NER-only copy of a feature (training only; never stored). */
const DOMAIN = 'il:';
const SEED = 12;

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--cv') ?? 0);
const epochs = Number(opt('--epochs') ?? 8);
/** Feature rows whose weights all stay below this are pruned from the stored model. */
const MIN_WEIGHT = Number(opt('--min-weight') ?? 1);
const lexiconModes = args.includes('--no-lexicons')
  ? [false]
  : folds && !args.includes('--lexicons-only')
    ? [true, false]
    : [true];

const speed = args.includes('--speed');
const ilnerDev = args.includes('--ilner-dev');
// Options that cannot go together: --ilner-dev trains without IL-NER (with another measurement it would
// change what that measures); --pib-dev trains as for the weights and scores one split (another
// measurement would be ignored).
const EXCLUSIVE: Array<[string, string[]]> = [
  ['--ilner-dev', ['--cv', '--ilner-test', '--speed']],
  ['--pib-dev', ['--cv', '--ilner-test', '--ilner-dev', '--speed']],
];
for (const [option, others] of EXCLUSIVE)
  for (const other of others)
    if (args.includes(option) && args.includes(other)) {
      console.error(`train:ner: ${option} cannot be combined with ${other}`);
      process.exit(2);
    }
const withIlner = !speed && !ilnerDev && !args.includes('--hiner-only');
const withPib = withIlner && !args.includes('--no-pib');
const noDomainCopy = args.includes('--no-domain-copy');
const readIlner = (split: 'train' | 'dev' | 'test'): LabelledSentence[] =>
  parseConll(ilnerSplit(split), ilnerTagIndex);
const hiner = speed ? [] : parseConll(readFileSync(DATA, 'utf8'));
/** IL-NER's train and dev splits: training data only, never scored. */
const extra = withIlner ? [...readIlner('train'), ...readIlner('dev')] : [];
/** pib-hindi-ner's train split: training data only; its dev split is scored by --pib-dev. */
const pib = withPib ? pibSplit('train') : [];
/** hiner-dev (indices 0 … hiner.length - 1), then IL-NER, then pib-hindi-ner. */
const sentences = [...hiner, ...extra, ...pib];
const extraIdx = [...extra, ...pib].map((_, i) => hiner.length + i);
/** The domain-copy prefix of sentence i: IL-NER's; none for hiner-dev and pib-hindi-ner (see the header). */
const domainOf = (i: number): string => (i >= hiner.length && i < hiner.length + extra.length ? DOMAIN : '');
const gazetteer = loadGazetteer();
const trainedOn = [
  'hiner-dev',
  ...(withIlner ? ['IL-NER train/dev'] : []),
  ...(withPib ? ['pib-hindi-ner train'] : []),
].join(' + ');
const count = (ss: LabelledSentence[]): string =>
  `${ss.length} sentences, ${ss.reduce((n, s) => n + s.tokens.length, 0)} tokens`;
if (hiner.length) console.log(`hiner-dev: ${count(hiner)}`);
if (extra.length) console.log(`IL-NER Hindi train + dev (training only): ${count(extra)}`);
if (pib.length) console.log(`pib-hindi-ner train (training only): ${count(pib)}`);

/** Feature strings of every sentence, and integer ids over the sentences in `train`. */
function featurise(lex: FeatureLexicons | undefined): string[][][] {
  return sentences.map((s, i) => {
    const feats = sequenceFeatures(s.text, s.tokens, lex);
    const domain = domainOf(i);
    return !domain || noDomainCopy ? feats : feats.map((fs) => [...fs, ...fs.map((f) => domain + f)]);
  });
}

function trainOn(feats: string[][][], idx: number[], lexicons: boolean): TaggerModel {
  const ids = new Map<string, number>();
  const seqs: TrainSeq[] = idx.map((i) => ({
    gold: sentences[i].gold,
    feats: feats[i].map((fs) =>
      Int32Array.from(fs, (f) => {
        let id = ids.get(f);
        if (id === undefined) {
          id = ids.size;
          ids.set(f, id);
        }
        return id;
      }),
    ),
  }));
  const w = trainPerceptron(seqs, ids.size, { epochs, seed: SEED });
  // The IL-NER-only rows are never read at run time: left out of the model whatever --min-weight says.
  const names: string[] = [];
  const rows: number[] = [];
  [...ids.keys()].forEach((name, f) => {
    if (name.startsWith(DOMAIN)) return;
    names.push(name);
    rows.push(f);
  });
  const emit = new Float32Array(rows.length * NTAGS);
  rows.forEach((f, k) => {
    emit.set(w.emit.subarray(f * NTAGS, (f + 1) * NTAGS), k * NTAGS);
  });
  return TaggerModel.fromTrained(names, { emit, trans: w.trans }, lexicons, MIN_WEIGHT);
}

/** Trains on every training sentence (per lexicon mode) and prints the scores on `test`. */
function scoreTrainedOnAll(test: LabelledSentence[], title: string): void {
  for (const lexicons of lexiconModes) {
    const lex = lexicons ? { gazetteer } : undefined;
    const model = trainOn(
      featurise(lex),
      sentences.map((_, i) => i),
      lexicons,
    );
    const total = emptyScores();
    for (const s of test) addScores(total, s.gold, model.decode(sequenceFeatures(s.text, s.tokens, lex)));
    console.log(table(`\n${title}, ${lexicons ? 'WITH' : 'WITHOUT'} lexicon features:`, finishScores(total)));
  }
}

const f3 = (x: number): string => x.toFixed(3);
function table(title: string, s: Scores): string {
  const rows = (['PER', 'LOC', 'ORG', 'all'] as const).map((t) => {
    const v = s[t];
    return `${t.padEnd(4)}  ${f3(v.precision)}  ${f3(v.recall)}  ${f3(v.f1)}  ${`${v.tp}/${v.fp}/${v.fn}`.padStart(17)}`;
  });
  return [title, 'type      P      R     F1       tp/fp/fn', ...rows].join('\n');
}

/** How many gold entity strings of hiner-dev the lexicons already hold (they would inflate the CV). */
function overlapReport(data: LabelledSentence[]): string {
  const mentions = { all: 0, inGaz: 0, perAllNames: 0, per: 0 };
  const unique = new Map<string, boolean>();
  for (const s of data) {
    for (const sp of spansOf(s.gold)) {
      const surface = s.text.slice(s.tokens[sp.start].start, s.tokens[sp.end - 1].end);
      const hit = entryFor(surface, gazetteer) !== undefined;
      mentions.all++;
      if (hit) mentions.inGaz++;
      unique.set(surface, hit);
      if (sp.type === 'PER') {
        mentions.per++;
        if (s.tokens.slice(sp.start, sp.end).every((t) => isNameWord(t.text))) mentions.perAllNames++;
      }
    }
  }
  const uniqueHits = [...unique.values()].filter(Boolean).length;
  return [
    'Overlap of hiner-dev gold entities with the lexicons (gazetteer*.json via the gazetteer alias keys):',
    `  mentions: ${mentions.inGaz} of ${mentions.all} (${((100 * mentions.inGaz) / mentions.all).toFixed(1)}%) are a gazetteer alias`,
    `  distinct strings: ${uniqueHits} of ${unique.size} (${((100 * uniqueHits) / unique.size).toFixed(1)}%)`,
    `  PER mentions whose every word is a listed name spelling (names-latin.txt): ${mentions.perAllNames} of ${mentions.per}`,
  ].join('\n');
}

if (args.includes('--speed')) {
  const { measureSpeed } = await import('./train-ner-speed.ts');
  measureSpeed(ROOT);
} else if (folds > 1) {
  console.log(overlapReport(hiner));
  const rand = prng(SEED);
  const order = hiner.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const lexicons of lexiconModes) {
    const feats = featurise(lexicons ? { gazetteer } : undefined);
    const total = emptyScores();
    for (let k = 0; k < folds; k++) {
      const test = order.filter((_, i) => i % folds === k);
      const train = [...order.filter((_, i) => i % folds !== k), ...extraIdx];
      const model = trainOn(feats, train, lexicons);
      const fold = emptyScores();
      for (const i of test) {
        const pred = model.decode(feats[i]);
        addScores(fold, sentences[i].gold, pred);
        addScores(total, sentences[i].gold, pred);
      }
      finishScores(fold);
      console.log(`  fold ${k + 1}: F1 ${f3(fold.all.f1)} (${model.size} feature rows)`);
    }
    console.log(
      table(
        `\n${folds}-fold CV on hiner-dev, ${lexicons ? 'WITH' : 'WITHOUT'} lexicon features (entity-level, exact span):`,
        finishScores(total),
      ),
    );
  }
} else if (args.includes('--pib-dev')) {
  const test = pibSplit('dev');
  console.log(`pib-hindi-ner dev: ${count(test)}`);
  scoreTrainedOnAll(test, 'pib-hindi-ner dev');
} else if (args.includes('--ilner-test') || ilnerDev) {
  // Sentences of the test split that also occur in train or dev (the corpus repeats some) are left out;
  // the dev split is scored whole (its model is trained on hiner-dev alone).
  const heldOut = (): LabelledSentence[] => {
    const trainDev = withIlner ? extra : [...readIlner('train'), ...readIlner('dev')];
    const seen = new Set(trainDev.map((s) => s.text));
    return readIlner('test').filter((s) => !seen.has(s.text));
  };
  const test = ilnerDev ? readIlner('dev') : heldOut();
  const split = ilnerDev ? 'dev' : 'test';
  console.log(
    ilnerDev
      ? `IL-NER Hindi dev: ${count(test)}`
      : `IL-NER Hindi test, less sentences also in train or dev: ${count(test)}`,
  );
  scoreTrainedOnAll(test, `IL-NER Hindi ${split}, trained on ${trainedOn}`);
} else {
  const lexicons = lexiconModes[0];
  const feats = featurise(lexicons ? { gazetteer } : undefined);
  const model = trainOn(
    feats,
    sentences.map((_, i) => i),
    lexicons,
  );
  const sources = [SOURCE, ...(withIlner ? [ILNER_SOURCE] : []), ...(withPib ? [PIB_SOURCE] : [])];
  const stored = model.toStored(sources.join('; '), LICENCE);
  writeFileSync(OUT, `${JSON.stringify(stored)}\n`);
  console.log(
    `wrote ${OUT}: ${model.size} feature rows, ${(JSON.stringify(stored).length / 1e6).toFixed(2)} MB`,
  );
}
