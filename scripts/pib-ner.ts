/**
 * pib-hindi-ner (tests/eval/data/pib-hindi-ner; source, licence and labelling in the README there): Hindi
 * Press Information Bureau paragraphs with hand-labelled PER/LOC/ORG mentions, as tagger sequences. Each
 * paragraph is tokenised and cut into sentences the way the tagger reads text at run time (tagEntities);
 * a token is inside a mention when it starts inside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledSentence } from '../src/entities/tagger/conll.ts';
import { SENTENCE_END } from '../src/entities/tagger/index.ts';
import { taggerTokens } from '../src/entities/tagger/tokens.ts';

const DIR = join(import.meta.dirname, '..', 'tests', 'eval', 'data', 'pib-hindi-ner');
const TYPE_TAG: Record<string, number> = { PER: 1, LOC: 3, ORG: 5 };

/** A labelled mention: UTF-16 offsets into its paragraph, end exclusive. */
export interface PibMention {
  start: number;
  end: number;
  text: string;
  type: 'PER' | 'LOC' | 'ORG';
}

/** A paragraph of pib-hindi-ner with its labelled mentions. */
export interface PibParagraph {
  id: string;
  release: string;
  split: 'train' | 'dev';
  text: string;
  mentions: PibMention[];
}

const jsonl = <T>(file: string): T[] =>
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/** `text` without U+200C/U+200D, and the new offset of an offset into the original. */
export function withoutJoiners(original: string): { text: string; at: (offset: number) => number } {
  const before: number[] = [];
  let text = '';
  for (let i = 0; i < original.length; i++) {
    before.push(i - text.length);
    if (original[i] !== '\u200c' && original[i] !== '\u200d') text += original[i];
  }
  before.push(original.length - text.length);
  return { text, at: (offset) => offset - before[offset] };
}

/** One split's paragraphs (paragraphs.jsonl) joined with their mentions (gold.jsonl). */
export function pibParagraphs(split: 'train' | 'dev'): PibParagraph[] {
  const gold = new Map(
    jsonl<{ id: string; mentions: PibMention[] }>('gold.jsonl').map((g) => [g.id, g.mentions]),
  );
  return jsonl<Omit<PibParagraph, 'mentions'>>('paragraphs.jsonl')
    .filter((p) => p.split === split)
    .map((p) => {
      const mentions = gold.get(p.id);
      if (!mentions) throw new Error(`pib-hindi-ner: no gold for ${p.id}`);
      return { id: p.id, release: p.release, split: p.split, text: p.text, mentions };
    });
}

/** One split's sentences, with gold tags from the labelled mentions. */
export function pibSplit(split: 'train' | 'dev'): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  for (const p of pibParagraphs(split)) {
    // PIB's text keeps zero-width joiners after some viramas; extraction drops them from pages at run time
    // (and HiNER has almost none), so they go here too, offsets moved with them.
    const { text, at } = withoutJoiners(p.text);
    const mentions = p.mentions.map((m) => ({ ...m, start: at(m.start), end: at(m.end) }));
    const tokens = taggerTokens(text);
    const tags = new Int8Array(tokens.length);
    for (const m of mentions) {
      let first = true;
      tokens.forEach((t, i) => {
        if (t.start < m.start || t.start >= m.end) return;
        tags[i] = TYPE_TAG[m.type] + (first ? 0 : 1);
        first = false;
      });
    }
    let from = 0;
    for (let i = 0; i <= tokens.length; i++) {
      if (i < tokens.length && !SENTENCE_END.has(tokens[i].text)) continue;
      const to = Math.min(i + 1, tokens.length);
      if (to > from) {
        const gold = tags.slice(from, to);
        // A mention cut by a sentence end (an abbreviation's full stop) goes on as a new one.
        if (gold[0] && gold[0] % 2 === 0) gold[0]--;
        out.push({ text, tokens: tokens.slice(from, to), gold });
      }
      from = to;
    }
  }
  return out;
}
