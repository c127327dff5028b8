/**
 * Export records: what a researcher gets for each article, with provenance. JSONL carries the full record;
 * CSV flattens it to one row with the columns in {@link CSV_COLUMNS}.
 */
import type { StoredArticle } from '../store/types.ts';

export const EXPORT_SCHEMA_VERSION = '1';

export function toExportRecord(a: StoredArticle): Record<string, unknown> {
  return {
    id: a.id,
    title: a.title,
    language: a.language,
    published: a.published ?? null,
    site: a.site ?? null,
    author: a.author ?? null,
    paragraphs: a.paragraphs,
    captions: a.captions,
    entities: a.entities,
    temporal: a.temporal,
    incident: a.incident ?? null,
    dropped: a.dropped,
    provenance: {
      sourceUrl: a.url ?? null,
      canonicalUrl: a.canonicalUrl ?? null,
      fetchedAt: a.fetchedAt ?? null,
      ingestedAt: a.ingestedAt,
      updatedAt: a.updatedAt,
      revision: a.revision,
      contentHash: a.contentHash,
      pipelineVersion: a.pipelineVersion,
      exportSchemaVersion: EXPORT_SCHEMA_VERSION,
    },
  };
}

export const CSV_COLUMNS = [
  'id', 'title', 'language', 'published', 'site', 'canonical_url', 'source_url', 'fetched_at', 'text',
  'paragraph_languages', 'entities', 'incident_type', 'content_hash', 'revision', 'pipeline_version',
]; // biome-ignore format: column list

export function toCsvRow(a: StoredArticle): (string | number)[] {
  return [
    a.id,
    a.title,
    a.language,
    a.published ?? '',
    a.site ?? '',
    a.canonicalUrl ?? '',
    a.url ?? '',
    a.fetchedAt ?? '',
    a.paragraphs.map((p) => p.text).join('\n\n'),
    a.paragraphs.map((p) => p.lang).join(' '),
    a.entities.map((e) => `${e.canonical} (${e.type})`).join('; '),
    a.incident?.type ?? '',
    a.contentHash,
    a.revision,
    a.pipelineVersion,
  ];
}
