/**
 * Article builders for store and driver tests: real analyses of the bundled samples plus small synthetic
 * articles with known entities, languages, sites and dates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256, stableId } from '../../src/core/hash.ts';
import type { Article, Entity } from '../../src/core/types.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { PIPELINE_VERSION } from '../../src/pipeline/version.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const EXAMPLES = join(ROOT, 'examples');

/** Every bundled sample, analysed. */
export function analyzeExamples(): Article[] {
  return readdirSync(EXAMPLES)
    .filter((f) => /\.(html|txt)$/.test(f))
    .sort()
    .map((f) =>
      analyze({ content: readFileSync(join(EXAMPLES, f)), format: f.endsWith('.txt') ? 'text' : 'html' }),
    );
}

export interface SyntheticOptions {
  n: number;
  lang?: string;
  site?: string;
  published?: string;
  entities?: Entity[];
  paragraphs?: string[];
  title?: string;
  url?: string;
}

/** A small but complete article; `n` makes it unique. */
export function syntheticArticle(o: SyntheticOptions): Article {
  const paragraphs = o.paragraphs ?? [
    `Synthetic report number ${o.n} about the municipal water supply in ward ${o.n % 97}.`,
  ];
  const contentHash = sha256(paragraphs.join('\n'));
  const url = o.url ?? `https://news.example.in/story/${o.n}`;
  return {
    id: stableId(`url:${url}`),
    url,
    canonicalUrl: url,
    site: o.site ?? 'news.example.in',
    title: o.title ?? `Synthetic story ${o.n}`,
    published: o.published ?? '2022-11-24T10:00:00+05:30',
    language: o.lang ?? 'eng',
    languageConfidence: 1,
    paragraphs: paragraphs.map((text, index) => ({ index, text, lang: o.lang ?? 'eng', langConfidence: 1 })),
    captions: [],
    dropped: [],
    entities: o.entities ?? [],
    temporal: [],
    contentHash,
    pipelineVersion: PIPELINE_VERSION,
  };
}
