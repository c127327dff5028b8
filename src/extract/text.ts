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

/** Extract title, dateline and blocks from plain text. The title is the first line that is not chrome. */
export function extractText(text: string): ExtractedDocument {
  const chunks: string[][] = [[]];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (chunks.at(-1)!.length) chunks.push([]);
    } else chunks.at(-1)!.push(line);
  }
  const blocks = chunks.flatMap(chunkToBlocks);
  let titleIndex = blocks.findIndex((b) => !isBoilerplate(b.text) && b.text.split(/\s+/).length >= 3);
  if (titleIndex < 0) titleIndex = 0;
  const title = blocks[titleIndex]?.text ?? '';
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
  };
}
