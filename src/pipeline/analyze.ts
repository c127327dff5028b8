/**
 * The analysis pipeline: decode → extract → clean → language → entities → temporal → incident.
 * Pure composition of pure stages: the same function runs in-process and inside queue workers.
 */

import { cleanBlocks } from '../clean/index.ts';
import { InputError } from '../core/errors.ts';
import { sha256, stableId } from '../core/hash.ts';
import { normalizeForMatch } from '../core/text.ts';
import type { Article, Paragraph } from '../core/types.ts';
import { canonicalizeUrl, siteOf } from '../core/url.ts';
import { extractEntities } from '../entities/index.ts';
import type { ExtractedDocument } from '../extract/blocks.ts';
import { DEFAULT_MAX_BYTES, decodeChunks } from '../extract/decode.ts';
import { extractHtml } from '../extract/html.ts';
import { parseHumanDate } from '../extract/published.ts';
import { extractText } from '../extract/text.ts';
import { extractIncident } from '../incidents/article.ts';
import { detectDocumentLanguages } from '../language/index.ts';
import { extractTemporal } from '../temporal/index.ts';
import { validateAnalyzeInput } from './validate-input.ts';
import { PIPELINE_VERSION } from './version.ts';

export type InputFormat = 'html' | 'text' | 'auto';

export interface AnalyzeInput {
  /** The document: bytes (charset is detected) or an already-decoded string. */
  content: Uint8Array | string;
  format?: InputFormat;
  /** Where the document came from. */
  url?: string;
  /** HTTP Content-Type, when fetched. */
  contentType?: string;
  /** Publication time to use as the reference for relative dates; overrides what the page says. */
  published?: string;
  fetchedAt?: string;
  maxBytes?: number;
  /** Headline given by the caller (e.g. a JSONL `title`); text input then takes no headline line. */
  title?: string;
  /** Language hint (`hi`, `hin`, `en-IN`, ...): a prior for language detection, like a page's `lang`. */
  lang?: string;
}

const HTML_SNIFF = /^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<article|<!--)/i;
/** A doctype or `<html>` tag near the start, after a stray byte or a line of junk (a damaged page is still a page). */
const HTML_NEAR_START = /<!doctype\s+html|<html[\s>]/i;

function chooseFormat(format: InputFormat, head: string, contentType?: string): 'html' | 'text' {
  if (format !== 'auto') return format;
  if (contentType && /html|xml/i.test(contentType)) return 'html';
  return HTML_SNIFF.test(head) || HTML_NEAR_START.test(head.slice(0, 1024)) ? 'html' : 'text';
}

const ISO639: Record<string, string> = { hi: 'hin', en: 'eng', mr: 'mar', ne: 'nep', ur: 'urd', bn: 'ben' };

function declaredLangCode(lang?: string): string | undefined {
  if (!lang) return undefined;
  const base = lang.toLowerCase().split(/[-_]/)[0]!;
  return ISO639[base] ?? (base.length === 3 ? base : undefined);
}

/** The input's text in consecutive pieces (bytes are decoded without one page-sized string; see decodeChunks). */
function decode(input: AnalyzeInput): { chunks: readonly string[]; charset?: string } {
  if (typeof input.content === 'string') {
    if (input.content.length > (input.maxBytes ?? DEFAULT_MAX_BYTES)) {
      throw new InputError(
        'too-large',
        `document is over the ${(input.maxBytes ?? DEFAULT_MAX_BYTES) / 1048576} MB limit`,
      );
    }
    if (input.content.includes('\u0000'))
      throw new InputError('binary-input', 'input is binary (contains NUL characters)');
    return { chunks: [input.content] };
  }
  const d = decodeChunks(input.content, input.contentType, input.maxBytes);
  return { chunks: d.chunks, charset: d.charset };
}

/** The first `n` characters of the pieces. */
function headOf(chunks: readonly string[], n: number): string {
  let head = '';
  for (const c of chunks) {
    if (head.length >= n) break;
    head += c.slice(0, n - head.length);
  }
  return head;
}

/** Run the whole pipeline on one document. Throws {@link InputError} for input that is not a news article. */
export function analyze(input: AnalyzeInput): Article {
  validateAnalyzeInput(input);
  const { chunks } = decode(input);
  const format = chooseFormat(input.format ?? 'auto', headOf(chunks, 2048), input.contentType);
  const doc: ExtractedDocument =
    format === 'html'
      ? extractHtml(chunks, { url: input.url })
      : extractText(chunks.length === 1 ? chunks[0]! : chunks.join(''), { title: input.title });
  if (input.title && format === 'html') doc.title = input.title;
  const { paragraphs: bodies, dropped } = cleanBlocks(doc.blocks, doc.title);
  if (bodies.length === 0) {
    throw new InputError(
      'no-article-text',
      `no article text found in the ${format} input (${chunks.reduce((n, c) => n + c.length, 0)} characters)`,
    );
  }

  const declared = declaredLangCode(input.lang) ?? declaredLangCode(doc.declaredLang);
  const { paragraphs: guesses, document: docLang } = detectDocumentLanguages(bodies, {
    title: doc.title,
    declared,
  });
  const paragraphs: Paragraph[] = bodies.map((t, i) => ({
    index: i,
    text: t,
    lang: guesses[i]!.lang,
    langConfidence: round(guesses[i]!.confidence),
    ...(guesses[i]!.mixed || guesses[i]!.romanized ? { mixed: true } : {}),
  }));

  const explicit = input.published ? parseHumanDate(input.published) : undefined;
  const published = explicit ?? doc.published;
  const publishedSource = explicit ? 'input' : doc.publishedSource;
  const stageInput = {
    title: doc.title,
    paragraphs: paragraphs.map((p) => ({ text: p.text, lang: p.lang })),
  };
  const entities = extractEntities(stageInput);
  const temporal = extractTemporal(stageInput, { published });
  const incident = extractIncident({ title: doc.title, paragraphs, entities, temporal });

  const contentHash = sha256(bodies.map(normalizeForMatch).join('\n'));
  const canonicalUrl = safeCanonical(doc.canonicalUrl ?? input.url);
  return {
    id: canonicalUrl ? stableId(`url:${canonicalUrl}`) : stableId(`content:${contentHash}`),
    ...(input.url ? { url: input.url } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...((doc.site ?? siteOf(canonicalUrl)) ? { site: doc.site ?? siteOf(canonicalUrl) } : {}),
    title: doc.title,
    ...(doc.author ? { author: doc.author } : {}),
    ...(published ? { published, publishedSource } : {}),
    language: docLang.lang,
    languageConfidence: round(docLang.confidence),
    paragraphs,
    captions: doc.captions,
    dropped,
    extraction: { method: doc.method },
    entities,
    temporal,
    ...(incident ? { incident } : {}),
    contentHash,
    ...(input.fetchedAt ? { fetchedAt: input.fetchedAt } : {}),
    pipelineVersion: PIPELINE_VERSION,
  };
}

function safeCanonical(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return canonicalizeUrl(url);
  } catch {
    return undefined;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
