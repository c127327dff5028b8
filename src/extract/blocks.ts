import type { ExtractionMethod } from '../core/types.ts';
import type { PageMetadata } from './metadata.ts';

/** The unit of text the extractor hands to cleaning: one paragraph-like block of a page or a text file. */
export interface Block {
  text: string;
  /** Share of the block's characters inside links (0 for plain text). */
  linkDensity: number;
  /** Source element (`p`, `li`, `h2`, `line`, ...). */
  tag: string;
}

/** What the extract stage produces; cleaning turns `blocks` into body paragraphs. */
export interface ExtractedDocument extends PageMetadata {
  blocks: Block[];
  captions: string[];
  /** Charset the bytes were decoded with, when extraction started from bytes. */
  charset?: string;
  /** How the main text was found (see {@link ExtractionMethod}). */
  method: ExtractionMethod;
}
