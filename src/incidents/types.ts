/**
 * Incident records: what many articles say about one real-world incident, merged with every claim's source.
 * Mirrors schemas/incident.schema.json and schemas/watch.schema.json (a test validates records against them).
 * No imports beyond core types; no I/O.
 */
import type { ArticleIncident, IncidentType, LangCode } from '../core/types.ts';

/** Where a claim was read: article, paragraph (`null` = title) and UTF-16 character span, end exclusive. */
export interface EvidenceRef {
  articleId: string;
  paragraph: number | null;
  start: number;
  end: number;
  /** The sentence the value came from, for display. */
  sentence?: string;
}

/** One value as stated by one or more articles. */
export interface Claim<T = string> {
  value: T;
  /** Distinct articles stating it, in (published, id) order. */
  articles: string[];
  /** Independent stories stating it: syndicated copies of one story count once. */
  stories: number;
  evidence: EvidenceRef[];
  /** Publication time of the first and latest article stating it. */
  firstSeen?: string;
  lastSeen?: string;
}

/** How a single-valued field's conflicting claims are resolved. */
export type ResolutionRule = 'newest' | 'most-specific' | 'most-cited';

/** A single-valued field: every claim is kept; `value` is the one the stated rule picked. */
export interface ResolvedField<T = string> {
  value?: T;
  rule: ResolutionRule;
  /** More than one distinct value was stated. */
  conflict: boolean;
  claims: Claim<T>[];
}

/** A count with its unit ("14 rescued", "288 dead"). */
export interface CountClaim extends Claim<string> {
  quantity: number;
  unit: string;
}

export type IncidentStatus = 'ongoing' | 'restored' | 'under-investigation';

export type EventKind =
  | 'began'
  | 'case-registered'
  | 'arrest'
  | 'detention'
  | 'investigation'
  | 'order-issued'
  | 'guidelines-issued'
  | 'cause-identified'
  | 'restored'
  | 'compensation';

/** One dated event on an incident's timeline, with every article that reports it. */
export interface TimelineEvent {
  /** `YYYY-MM-DD` (IST). */
  date: string;
  kind: EventKind;
  /** English label of the kind. */
  label: string;
  sources: {
    articleId: string;
    url?: string;
    language: LangCode;
    sentence: string;
    evidence: EvidenceRef;
    /** True when the date was read from the sentence, false when it is the article's publication date. */
    datedInText: boolean;
  }[];
}

/** An article contributing to an incident. */
export interface IncidentSource {
  articleId: string;
  url?: string;
  site?: string;
  title: string;
  language: LangCode;
  published?: string;
  /** Earliest article this one is a syndicated copy or near-copy of (same story, not a confirmation). */
  copyOf?: string;
}

/** The merged record of one incident. */
export interface IncidentRecord {
  /** `inc-` + stable id of the earliest article: the same whatever order articles arrive in. */
  id: string;
  type: IncidentType;
  typeField: ResolvedField<IncidentType>;
  title: { eng: string; hin: string };
  /** Headline of the earliest article in each language. */
  headlines: { eng?: string; hin?: string };
  targets: Claim[];
  locations: Claim[];
  start: ResolvedField;
  end: ResolvedField;
  duration: ResolvedField;
  impact: { services: Claim[]; people: Claim[]; counts: CountClaim[]; statements: Claim[] };
  responders: Claim[];
  investigators: Claim[];
  actions: Claim[];
  status: ResolvedField<IncidentStatus>;
  sources: IncidentSource[];
  articleCount: number;
  /** Independent stories (syndicated copies grouped). */
  storyCount: number;
  firstSeen?: string;
  lastSeen?: string;
  timeline: TimelineEvent[];
}

/** A sentence of an article that reports an event. */
export interface EventMention {
  kind: EventKind;
  /** Date stated in the sentence (`YYYY-MM-DD`), when there is one. */
  date?: string;
  evidence: EvidenceRef;
}

/** A count read from an article. */
export interface CountMention {
  quantity: number;
  unit: string;
  evidence: EvidenceRef;
}

/** Everything grouping and merging need from one article (stored by the incident store, not the article). */
export interface ArticleDigest {
  id: string;
  url?: string;
  site?: string;
  title: string;
  language: LangCode;
  published?: string;
  /** Epoch ms used for time proximity: publication time, else the incident start, else 0. */
  time: number;
  contentHash: string;
  type: IncidentType;
  incident: ArticleIncident;
  /** When the incident began, by this article (the stage's start, else a date in an incident sentence). */
  start?: { value: string; evidence: EvidenceRef };
  /** Canonical names of non-responder organisations and of places. */
  orgs: { name: string; evidence: EvidenceRef }[];
  places: { name: string; evidence: EvidenceRef }[];
  /** Canonical names of people (absent in digests stored before people were kept). */
  people?: { name: string; evidence: EvidenceRef }[];
  /** Distinct index terms of the headline and lead, for same-language text similarity. */
  keywords?: string[];
  events: EventMention[];
  counts: CountMention[];
  services: { name: string; evidence: EvidenceRef }[];
  /** MinHash signature of the normalised word shingles. */
  minhash: number[];
}

/** A saved search or an incident follow. */
export interface Watch {
  id: string;
  kind: 'query' | 'incident';
  /** Search text (kind `query`), same syntax and cross-script matching as `khabar search`. */
  query?: string;
  lang?: string;
  /** Followed incident (kind `incident`); old ids of merged incidents still match. */
  incidentId?: string;
  name?: string;
  /** POSTed a JSON notification for each new matching article, with retries. */
  webhook?: string;
  /** The webhook was registered with the `--allow-private` opt-in: it may reach private addresses. */
  allowPrivate?: boolean;
  createdAt: string;
}

/** One new matching article for one watch. */
export interface WatchNotification {
  watchId: string;
  articleId: string;
  incidentId?: string;
  title: string;
  url?: string;
  language: LangCode;
  published?: string;
  /** When the match was found. */
  at: string;
}
