/**
 * Domain types shared by every stage, driver and store.
 *
 * The JSON Schemas in `schemas/` are the source of truth for what is stored and exported; these
 * TypeScript types mirror them (a test checks that analysed articles validate against the schemas).
 * This module has no imports and does no I/O.
 */

/** ISO 639-3 language code (`hin`, `eng`, `mar`, `nep`, `urd`, ...) or `und` when undetermined. */
export type LangCode = string;

/** Where a span of text sits: in the title (`paragraph: null`) or in body paragraph N. Offsets are UTF-16 code units, end exclusive. */
export interface TextLocation {
  paragraph: number | null;
  start: number;
  end: number;
}

/** One body paragraph that survived cleaning, with its language. */
export interface Paragraph {
  index: number;
  text: string;
  lang: LangCode;
  /** 0..1 */
  langConfidence: number;
  /** Paragraph mixes Devanagari-script Hindi and English words, or is romanised Hindi. */
  mixed?: boolean;
}

/** Why a block of the page was not kept as body text. Researchers audit these. */
export type DropReason =
  | 'duplicate'
  | 'near-duplicate'
  | 'related-link'
  | 'promo'
  | 'byline'
  | 'breadcrumb'
  | 'copyright'
  | 'logo'
  | 'dateline'
  | 'title-repeat'
  | 'navigation'
  | 'too-short'
  | 'caption'
  | 'disclaimer'
  | 'not-prose';

export interface DroppedBlock {
  text: string;
  reason: DropReason;
  /** For duplicates: index of the kept paragraph this repeats. */
  duplicateOf?: number;
  /** For near-duplicates: similarity to the kept paragraph (0..1). */
  similarity?: number;
}

export type EntityType = 'ORG' | 'LOC' | 'PER' | 'ID';

export interface EntityMention extends TextLocation {
  surface: string;
}

/** An entity linked to a canonical name, with every surface form (both scripts) seen in the article. */
export interface Entity {
  canonical: string;
  type: EntityType;
  /** Known aliases of the canonical entity (from the gazetteer or learned from the text), both scripts. */
  aliases: string[];
  mentions: EntityMention[];
  /** Canonical name of a broader entity this one belongs to (e.g. `IFSO` → `Delhi Police`). */
  partOf?: string;
}

export type TemporalKind = 'date' | 'time' | 'datetime' | 'duration';

export interface TemporalValue extends TextLocation {
  surface: string;
  kind: TemporalKind;
  /** ISO 8601: `2022-11-23`, `2022-11-23T07:00:00+05:30`, `PT11H`. */
  value: string;
  approximate?: boolean;
  /** How the value was resolved, e.g. `weekday-before-reference`, `absolute`, `relative`. */
  resolution?: string;
}

/** A value of an incident field with the sentence it came from. */
export interface Evidence<T = string> {
  value: T;
  sentence: string;
  location: TextLocation;
}

/**
 * Kinds of incident, most specific first; the list is mirrored by the schemas' enums (a test checks).
 * `other`: an incident no cue settles.
 */
export const INCIDENT_TYPES = [
  'cyberattack',
  'data-breach',
  'service-outage',
  'fire',
  'building-collapse',
  'explosion',
  'attack',
  'stampede',
  'road-accident',
  'rail-accident',
  'accident',
  'industrial',
  'epidemic',
  'natural-disaster',
  'crime',
  'protest',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** What one article says about the incident it reports (the per-article record; merging across articles comes later). */
export interface ArticleIncident {
  type: IncidentType;
  /** Sentences of the headline and lead (and body support) that say which incident this is; `value` is the cue. */
  typeEvidence: Evidence[];
  /** 0..1: how sure the typing is; below the stage's threshold an article gets no incident at all. */
  confidence?: number;
  target?: Evidence;
  start?: Evidence;
  duration?: Evidence;
  responders: Evidence[];
  impact: Evidence[];
  legalActions: Evidence[];
  locations: Evidence[];
}

/** The output of the analysis pipeline for one input document. */
/**
 * How the main text of a document was found: `article-body` (the page marks it), `scored-container` (the
 * best-scoring container and its siblings), `json-ld` (the page's JSON-LD `articleBody`), `densest-block`
 * (no container stood out: the densest single block, a fallback), `text` (plain-text input).
 */
export type ExtractionMethod = 'article-body' | 'scored-container' | 'json-ld' | 'densest-block' | 'text';

export interface Article {
  /** Stable id: hash of the canonical URL, or of the content when there is no URL. */
  id: string;
  url?: string;
  canonicalUrl?: string;
  site?: string;
  title: string;
  author?: string;
  /** ISO 8601 with offset. */
  published?: string;
  /** The text or field the published time was read from. */
  publishedSource?: string;
  language: LangCode;
  languageConfidence: number;
  paragraphs: Paragraph[];
  captions: string[];
  dropped: DroppedBlock[];
  /** How the body was found: see `extraction.method` in schemas/article.schema.json. */
  extraction?: { method: ExtractionMethod };
  entities: Entity[];
  temporal: TemporalValue[];
  incident?: ArticleIncident;
  /** sha256 of the normalised body text. */
  contentHash: string;
  fetchedAt?: string;
  pipelineVersion: string;
}
