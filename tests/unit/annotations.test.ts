import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pibSplit, withoutJoiners } from '../../scripts/pib-ner.ts';
import { SENTENCE_END } from '../../src/entities/tagger/index.ts';
import { spansOf, TAGS } from '../../src/entities/tagger/tags.ts';
import { taggerTokens } from '../../src/entities/tagger/tokens.ts';
// @ts-expect-error: a plain .mjs module without types (the data builders run under bare node)
import { placeMentions, readAnnotations } from '../eval/data/annotations.mjs';
import { loadPibDev } from '../eval/entities-news.ts';

type Placed = {
  mentions: { start: number; end: number; text: string; type: string }[];
  missing: { text: string }[];
  repeats: { text: string; start: number }[];
  glued: { text: string; start: number }[];
};
const place = (text: string, list: { type: string; text: string }[], opts?: object): Placed =>
  placeMentions(text, list, opts);

describe('hand annotations placed in their paragraph', () => {
  it('finds mentions in order at word boundaries, repeats included', () => {
    const text = 'भारत और भारतीय सेना के साथ भारत';
    const p = place(text, [
      { type: 'LOC', text: 'भारत' },
      { type: 'LOC', text: 'भारत' },
    ]);
    // "भारतीय" is not a bounded occurrence of भारत: the second mention is the last word.
    expect(p.mentions.map((m) => [m.start, m.end])).toEqual([
      [0, 4],
      [text.length - 4, text.length],
    ]);
    expect(p.missing).toEqual([]);
    expect(p.repeats).toEqual([]);
  });

  it('ignores zero-width joiners and matches a precomposed nukta letter typed either way', () => {
    // The text holds U+095D (ढ़), which NFC decomposes; the annotator may type either form.
    const precomposed = 'चंडीग\u095d';
    const text = `${precomposed} में बैठक हुई। दिल्\u200dली`;
    expect(precomposed.normalize('NFC')).toBe('चंडीग\u0922\u093c');
    for (const typed of [precomposed, precomposed.normalize('NFC')]) {
      const p = place(text, [
        { type: 'LOC', text: typed },
        { type: 'LOC', text: 'दिल्ली' },
      ]);
      expect(p.missing).toEqual([]);
      expect(p.mentions.map((m) => m.text)).toEqual([precomposed, 'दिल्\u200dली']);
    }
  });

  it('reports a surface run into the next word, and places it only when asked', () => {
    const text = 'मरीजों के लिए एलएनजेपीमें बिस्तर';
    const strict = place(text, [{ type: 'ORG', text: 'एलएनजेपी' }]);
    expect(strict.mentions).toEqual([]);
    expect(strict.missing.map((m) => m.text)).toEqual(['एलएनजेपी']);
    const glued = place(text, [{ type: 'ORG', text: 'एलएनजेपी' }], { glued: true });
    expect(glued.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['एलएनजेपी']);
    expect(glued.glued).toHaveLength(1);
  });

  it('does not take a joiner for a word boundary, and takes the first occurrence in any encoding', () => {
    // अल्‍पकालिक holds a joiner after the virama: पकालिक is not a word of its own there.
    const joined = 'अल्\u200dपकालिक ऋण और पकालिक';
    expect(place(joined, [{ type: 'ORG', text: 'पकालिक' }]).mentions.map((m) => m.start)).toEqual([
      joined.length - 6,
    ]);
    // The precomposed form comes first in the text; a surface typed in NFC must still find it there.
    const both = 'चंडीग\u095d और चंडीग\u0922\u093c';
    const p = place(both, [{ type: 'LOC', text: 'चंडीग\u0922\u093c' }]);
    expect(p.mentions.map((m) => m.start)).toEqual([0]);
  });

  it('lists an unlabelled repeat of a labelled surface for review', () => {
    const p = place('मोदी ने कहा कि मोदी', [{ type: 'PER', text: 'मोदी' }]);
    expect(p.repeats).toEqual([{ text: 'मोदी', start: 15 }]);
  });

  it('reads blocks of mentions per id, and refuses a mention before any id or a repeated id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-ann-'));
    const write = (name: string, body: string) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    };
    const ok = write('ok.txt', '# comment\np-1\nPER नरेन्द्र मोदी\nLOC भारत\np-2\n');
    expect([...readAnnotations([ok]).entries()]).toEqual([
      [
        'p-1',
        [
          { type: 'PER', text: 'नरेन्द्र मोदी' },
          { type: 'LOC', text: 'भारत' },
        ],
      ],
      ['p-2', []],
    ]);
    expect(() => readAnnotations([write('early.txt', 'LOC भारत\np-1\n')])).toThrow(/mention before any id/);
    expect(() => readAnnotations([ok, ok])).toThrow(/duplicate id p-1/);
  });
});

describe('pib-hindi-ner as tagger sequences', () => {
  const dir = join(import.meta.dirname, '..', 'eval', 'data', 'pib-hindi-ner');
  const paragraphs = readFileSync(join(dir, 'paragraphs.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; split: string; text: string });
  const gold = new Map(
    readFileSync(join(dir, 'gold.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; mentions: { start: number; end: number; type: string }[] })
      .map((g) => [g.id, g.mentions]),
  );

  it('keeps the dev split out of the training sequences and gives every labelled mention its span', () => {
    const train = pibSplit('train');
    const dev = pibSplit('dev');
    const texts = (split: string) =>
      new Set(paragraphs.filter((p) => p.split === split).map((p) => withoutJoiners(p.text).text));
    expect(train.every((s) => texts('train').has(s.text))).toBe(true);
    expect(dev.every((s) => texts('dev').has(s.text))).toBe(true);
    // Joiners are gone from the training text, as extraction drops them from pages.
    expect([...train, ...dev].some((s) => /[\u200c\u200d]/.test(s.text))).toBe(false);
    expect(paragraphs.some((p) => /[\u200c\u200d]/.test(p.text))).toBe(true);
    for (const [split, seqs] of [
      ['train', train],
      ['dev', dev],
    ] as const) {
      const spans = new Set<string>();
      for (const s of seqs)
        for (const sp of spansOf(s.gold))
          spans.add(`${s.text}\u0000${s.tokens[sp.start].start}-${s.tokens[sp.end - 1].end}:${sp.type}`);
      // The source sometimes runs words together ("उत्तर प्रदेश,महाराष्ट्र"): a mention that starts or
      // ends inside a run-time token cannot be a span of its own. Every other one is exactly a span.
      let mentions = 0;
      let inside = 0;
      for (const p of paragraphs.filter((q) => q.split === split)) {
        const { text, at } = withoutJoiners(p.text);
        const tokens = taggerTokens(text);
        const starts = new Set(tokens.map((t) => t.start));
        const ends = new Set(tokens.map((t) => t.end));
        for (const m of gold.get(p.id) ?? []) {
          mentions++;
          const [start, end] = [at(m.start), at(m.end)];
          if (!starts.has(start) || !ends.has(end)) {
            inside++;
            continue;
          }
          // A mention a sentence end cuts ("आई. एम्. एस.") gives two spans; the rest give one, end to end.
          const cut = tokens.some((t) => t.start > start && t.end < end && SENTENCE_END.has(t.text));
          if (!cut)
            expect(spans.has(`${text}\u0000${start}-${end}:${m.type}`), `${p.id} ${m.start} ${m.type}`).toBe(
              true,
            );
        }
      }
      expect(mentions).toBeGreaterThan(split === 'train' ? 1000 : 100);
      expect(inside / mentions).toBeLessThan(0.05); // 26 of 1,121 in train, 6 of 198 in dev
    }
    // Tags are valid BIO: no sequence opens with an I- tag.
    for (const s of [...train, ...dev]) expect(TAGS[s.gold[0]].startsWith('I-')).toBe(false);
  });

  it('is what the pib-dev evaluation reads: the dev paragraphs with their gold', () => {
    const dev = loadPibDev();
    expect(dev.map((p) => p.id)).toEqual(paragraphs.filter((p) => p.split === 'dev').map((p) => p.id));
    for (const p of dev) for (const m of p.gold) expect(p.text.slice(m.start, m.end)).toBe(m.text);
  });
});
