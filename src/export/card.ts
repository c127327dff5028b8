/**
 * Dataset card: a description written beside every exported file (`<name>.card.json` and
 * `<name>.card.md`): the query that selected the records, counts by language, site and month of
 * publication (IST), the export schema version, the pipeline versions seen and a licence note.
 */
import { rename, writeFile } from 'node:fs/promises';
import type { ArticleFilter, StoredArticle } from '../store/types.ts';
import { EXPORT_SCHEMA_VERSION } from './records.ts';

/** Default licence note: the export holds third-party text. */
export const DEFAULT_LICENCE_NOTE =
  "Article text remains the copyright of its publishers; this dataset is for research under applicable exceptions. Check each site's terms before redistributing.";

export interface DatasetCard {
  /** Card format version. */
  cardVersion: 1;
  createdAt: string;
  format: string;
  /** File name of the export the card describes (no directory). */
  file?: string;
  /** The filters and full-text query that selected the records. */
  query: ArticleFilter;
  records: number;
  counts: {
    language: Record<string, number>;
    site: Record<string, number>;
    /** `YYYY-MM` of publication in IST; `unknown` when an article has no date. */
    month: Record<string, number>;
  };
  /** Version of the record layout (see src/export/records.ts). */
  schemaVersion: string;
  pipelineVersions: string[];
  /** Publication dates covered, ISO 8601 as stored. */
  published: { earliest: string | null; latest: string | null };
  licence: string;
}

const IST_MS = 5.5 * 3600 * 1000;

/** `YYYY-MM` of a publication time in IST, or `unknown`. */
export function istMonth(published: string | undefined): string {
  if (!published) return 'unknown';
  const t = Date.parse(published);
  return Number.isNaN(t) ? 'unknown' : new Date(t + IST_MS).toISOString().slice(0, 7);
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Accumulates counts while records stream past (constant memory per distinct language/site/month). */
export class CardBuilder {
  #records = 0;
  #language: Record<string, number> = {};
  #site: Record<string, number> = {};
  #month: Record<string, number> = {};
  #pipelines = new Set<string>();
  #earliest: { t: number; v: string } | undefined;
  #latest: { t: number; v: string } | undefined;

  /** Count one exported article. */
  add(a: StoredArticle): void {
    this.#records++;
    bump(this.#language, a.language);
    bump(this.#site, a.site ?? 'unknown');
    bump(this.#month, istMonth(a.published));
    this.#pipelines.add(a.pipelineVersion);
    const t = a.published ? Date.parse(a.published) : Number.NaN;
    if (!Number.isNaN(t)) {
      if (!this.#earliest || t < this.#earliest.t) this.#earliest = { t, v: a.published! };
      if (!this.#latest || t > this.#latest.t) this.#latest = { t, v: a.published! };
    }
  }

  /** The card for what was counted so far. */
  build(meta: { format: string; query: ArticleFilter; file?: string; licence?: string }): DatasetCard {
    const sorted = (m: Record<string, number>, byKey = false) =>
      Object.fromEntries(Object.entries(m).sort((a, b) => (byKey ? a[0].localeCompare(b[0]) : b[1] - a[1])));
    return {
      cardVersion: 1,
      createdAt: new Date().toISOString(),
      format: meta.format,
      ...(meta.file ? { file: meta.file } : {}),
      query: meta.query,
      records: this.#records,
      counts: {
        language: sorted(this.#language),
        site: sorted(this.#site),
        month: sorted(this.#month, true),
      },
      schemaVersion: EXPORT_SCHEMA_VERSION,
      pipelineVersions: [...this.#pipelines].sort(),
      published: { earliest: this.#earliest?.v ?? null, latest: this.#latest?.v ?? null },
      licence: meta.licence ?? DEFAULT_LICENCE_NOTE,
    };
  }
}

const table = (title: string, m: Record<string, number>) =>
  [
    `| ${title} | articles |`,
    '| --- | ---: |',
    ...Object.entries(m).map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v} |`),
  ].join('\n');

/** The card as Markdown. */
export function cardMarkdown(card: DatasetCard): string {
  const query = Object.entries(card.query)
    .map(([k, v]) => `- **${k}**: \`${String(v).replace(/`/g, "'")}\``)
    .join('\n');
  return `# Khabar dataset${card.file ? `: ${card.file}` : ''}

Exported ${card.createdAt} as **${card.format}**: ${card.records} article${card.records === 1 ? '' : 's'}.
Export schema version ${card.schemaVersion}; pipeline ${card.pipelineVersions.join(', ') || 'n/a'}.
Published between ${card.published.earliest ?? 'n/a'} and ${card.published.latest ?? 'n/a'}.

## Query

${query || '- (all stored articles)'}

## Counts

${table('language', card.counts.language)}

${table('site', card.counts.site)}

${table('month (IST)', card.counts.month)}

## Provenance

Every record carries its source URL, canonical URL, fetch and ingest times, revision, content hash and
pipeline version (\`provenance\` in JSONL; flat columns in CSV and Parquet).

## Licence

${card.licence}
`;
}

/** `<dir>/<stem>.card.json` and `.card.md` beside an export file (`x.parquet` → `x.card.json`). */
export function cardPaths(out: string): { json: string; md: string } {
  const stem = out.replace(/\.(jsonl|csv|parquet|json|ndjson)$/i, '');
  return { json: `${stem}.card.json`, md: `${stem}.card.md` };
}

/** Write the card files beside `out` (each written to a temporary name, then renamed). */
export async function writeCard(out: string, card: DatasetCard): Promise<{ json: string; md: string }> {
  const paths = cardPaths(out);
  const tmp = `.${process.pid}.partial`;
  await writeFile(paths.json + tmp, `${JSON.stringify(card, null, 2)}\n`);
  await writeFile(paths.md + tmp, cardMarkdown(card));
  await rename(paths.json + tmp, paths.json);
  await rename(paths.md + tmp, paths.md);
  return paths;
}
