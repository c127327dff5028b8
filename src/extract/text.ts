/**
 * Plain text → ExtractedDocument. Text scraped from a page keeps one paragraph per line and carries the
 * page's chrome as short lines; cleaning sorts those out. Hard-wrapped prose is re-joined.
 */

import { isBoilerplate } from '../clean/boilerplate.ts';
import { squash } from '../core/text.ts';
import type { Block, ExtractedDocument } from './blocks.ts';
import { DATELINE, parseHumanDate } from './published.ts';

const TERMINAL = /[.।?!:"”']$/u;

function chunkToBlocks(chunk: string[]): Block[] {
  const lines = chunk.map(squash).filter(Boolean);
  // Wrapped prose: every line but the last is long and none of them ends a sentence.
  const wrapped = lines.length > 1 && lines.slice(0, -1).every((l) => l.length >= 50 && !TERMINAL.test(l));
  const texts = wrapped ? [lines.join(' ')] : lines;
  return texts.map((text) => ({ text, linkDensity: 0, tag: 'line' }));
}

/** A headline is a short line; past this many words it is a sentence that lacks its full stop. */
const MAX_TITLE_WORDS = 25;
const SENTENCE_END = /[.।?!"”'’]$/u;

/**
 * Sentences run together by a missing space (`मैच जीत लिया.अब टीम`, `won the toss.The captain`) are split.
 * Latin needs a lower-case letter before and an upper-case one after, so `Node.js` and `U.S.` stay whole.
 */
export function splitRunTogether(text: string): string {
  return text
    .replace(/([\u0900-\u097F])([.।!?])(?=[\u0900-\u097F])/gu, '$1$2 ')
    .replace(/([a-z]{2})([.!?])(?=[A-Z][a-z])/g, '$1$2 ');
}

/**
 * Extract title, dateline and blocks from plain text. A headline is taken only when a short line without a
 * sentence end is followed by body text; otherwise the text has no title and every paragraph is body, so a
 * text of one sentence is still an article of one paragraph. `title` (from the caller) overrules the guess.
 */
export function extractText(text: string, options: { title?: string } = {}): ExtractedDocument {
  const chunks: string[][] = [[]];
  // \r\n, \r\r\n (a CRLF file converted once more) and bare \r all end one line.
  for (const line of text.replace(/\r+\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (chunks.at(-1)!.length) chunks.push([]);
    } else chunks.at(-1)!.push(line);
  }
  const blocks = chunks.flatMap(chunkToBlocks).map((b) => ({ ...b, text: splitRunTogether(b.text) }));
  let title = options.title ? squash(options.title) : '';
  let titleIndex = -1;
  if (!title) {
    const first = blocks.findIndex((b) => !isBoilerplate(b.text));
    const candidate = blocks[first];
    const bodyFollows = blocks.slice(first + 1).some((b) => !isBoilerplate(b.text));
    if (
      candidate &&
      bodyFollows &&
      !SENTENCE_END.test(candidate.text) &&
      candidate.text.split(/\s+/).length <= MAX_TITLE_WORDS
    ) {
      title = candidate.text;
      titleIndex = first;
    }
  }
  let published: string | undefined;
  let publishedSource: string | undefined;
  for (const b of blocks) {
    if (b.text.length <= 120 && DATELINE.test(b.text)) {
      published = parseHumanDate(b.text.replace(DATELINE, ''));
      if (published) {
        publishedSource = b.text;
        break;
      }
    }
  }
  return {
    title,
    published,
    publishedSource,
    blocks: blocks.filter((_, i) => i !== titleIndex),
    captions: [],
    method: 'text',
  };
}
