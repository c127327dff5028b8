/**
 * IL-NER's Hindi splits, kept gzipped in tests/eval/data/il-ner-hindi (source, licence and tags in the
 * README there): read by the tagger's training script and by the speed bench.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const DIR = join(import.meta.dirname, '..', 'tests', 'eval', 'data', 'il-ner-hindi');

/** The CoNLL text of one split (`token TAB tag` lines, a blank line between sentences). */
export function ilnerSplit(split: 'train' | 'dev' | 'test'): string {
  return gunzipSync(readFileSync(join(DIR, `${split}.conll.gz`))).toString('utf8');
}
