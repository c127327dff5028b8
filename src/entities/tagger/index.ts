/**
 * The trained Hindi entity tagger (averaged perceptron over BIO tags, trained on HiNER by
 * `npm run train:ner`; weights in tagger.weights (JSON), CC BY-SA 4.0, see README.md beside them).
 * Tags Devanagari text sentence by sentence and returns entity spans as character offsets.
 */
import { readFileSync } from 'node:fs';
import type { Gazetteer } from '../gazetteer.ts';
import type { Token } from '../text.ts';
import type { FeatureLexicons } from './features.ts';
import { type StoredModel, TaggerModel } from './model.ts';
import { NTAGS, spansOf, type TaggerType } from './tags.ts';
import { taggerTokens } from './tokens.ts';

export { TaggerModel } from './model.ts';
export type { TaggerType } from './tags.ts';
export { taggerTokens } from './tokens.ts';

/** One entity found by the tagger: UTF-16 offsets into the tagged text (end exclusive). */
export interface TaggedEntity {
  start: number;
  end: number;
  type: TaggerType;
  /** Mean over its tokens of the emission score of the chosen tag minus that of O: how sure the tagger is. */
  margin: number;
}

let model: TaggerModel | undefined;

/** The committed model, read once on first use (a few MB of JSON: not read unless Hindi is tagged). */
export function loadTagger(): TaggerModel {
  model ??= TaggerModel.fromStored(
    JSON.parse(readFileSync(new URL('./tagger.weights', import.meta.url), 'utf8')) as StoredModel,
  );
  return model;
}

// HiNER sentences end at these; a paragraph is tagged one sentence at a time, as the model was trained.
export const SENTENCE_END = new Set(['।', '॥', '?', '!', '.']);

/**
 * Entities in `text` (a Devanagari paragraph or title) found by the tagger. `matches`: the gazetteer
 * matches in `text` when the caller has them already (spares matching again); `entityTokens`: the entity
 * stage's tokens of `text` (spares looking each word up again).
 */
export function tagEntities(
  text: string,
  gazetteer: Gazetteer,
  tagger: TaggerModel = loadTagger(),
  matches?: FeatureLexicons['matches'],
  entityTokens?: readonly Token[],
): TaggedEntity[] {
  const tokens = taggerTokens(text, entityTokens);
  const out: TaggedEntity[] = [];
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !SENTENCE_END.has(tokens[i].text)) continue;
    const sentence: Token[] = tokens.slice(from, i + 1);
    from = i + 1;
    if (sentence.length === 0) continue;
    const scores = tagger.scores(text, sentence, { gazetteer, matches });
    const tags = tagger.best(scores);
    for (const s of spansOf(tags)) {
      let margin = 0;
      for (let i = s.start; i < s.end; i++) margin += scores[i * NTAGS + tags[i]] - scores[i * NTAGS];
      margin /= s.end - s.start;
      out.push({ start: sentence[s.start].start, end: sentence[s.end - 1].end, type: s.type, margin });
    }
  }
  return out;
}
