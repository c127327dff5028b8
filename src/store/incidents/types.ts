/**
 * IncidentStore port: what incident grouping, the incident CLI and watches need from storage. The embedded
 * SQLite store and the Elasticsearch store both implement it; one contract suite runs against both
 * (tests/contract/incident-store-contract.ts). Grouping logic lives in src/incidents; stores only persist
 * and look up.
 */
import type { IncidentType } from '../../core/types.ts';
import type {
  ArticleDigest,
  IncidentRecord,
  IncidentStatus,
  Watch,
  WatchNotification,
} from '../../incidents/types.ts';

/** A digest with the incident its article belongs to. */
export interface GroupedDigest {
  digest: ArticleDigest;
  incidentId: string;
}

/** One atomic grouping step, computed by the engine and written as a whole. */
export interface GroupingChange {
  /** New or changed article digests with the keys they are indexed under. */
  digests: { digest: ArticleDigest; keys: string[] }[];
  /** Article → incident assignments, for new articles and for members of merged or split incidents. */
  memberships: { articleId: string; incidentId: string }[];
  /** Articles taken out of grouping (changed so that they no longer report an incident). */
  removed: string[];
  /** Records to write (replacing any with the same id). */
  incidents: IncidentRecord[];
  /** Incidents that no longer exist; `into` is the incident that absorbed them (old ids keep resolving). */
  retired: { id: string; into?: string }[];
}

export interface IncidentSummary {
  id: string;
  type: IncidentType;
  title: { eng: string; hin: string };
  status?: IncidentStatus;
  start?: string;
  firstSeen?: string;
  lastSeen?: string;
  articleCount: number;
  storyCount: number;
}

export interface IncidentQuery {
  type?: IncidentType;
  /** Incidents last reported on or after / first reported on or before (ISO date or time). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface IncidentStore {
  /** Create tables or indices when missing. Idempotent. */
  init(): Promise<void>;
  getDigest(articleId: string): Promise<GroupedDigest | undefined>;
  /** Every grouped article indexed under any of the keys (each once). */
  candidates(keys: string[]): Promise<GroupedDigest[]>;
  /** Member articles of an incident. */
  members(incidentId: string): Promise<ArticleDigest[]>;
  apply(change: GroupingChange): Promise<void>;
  /** An incident by id, or by the id of an incident later merged into it. */
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /** The current id for an incident id (itself, or what it was merged into); undefined if unknown. */
  resolveId(id: string): Promise<string | undefined>;
  /** Newest first (by last report). */
  listIncidents(query?: IncidentQuery): Promise<{ total: number; incidents: IncidentSummary[] }>;
  /** Save a watch (same id → replaced). */
  addWatch(watch: Watch): Promise<void>;
  getWatch(id: string): Promise<Watch | undefined>;
  listWatches(): Promise<Watch[]>;
  /** Remove a watch and its notifications; false when there was none. */
  removeWatch(id: string): Promise<boolean>;
  /**
   * Which of these stored articles each query watch matches, with the same semantics as the article store's
   * search. Watch id → matching article ids (watches that match nothing are absent).
   */
  matchQueryWatches(watches: Watch[], articleIds: string[]): Promise<Map<string, string[]>>;
  /** Record notifications; returns those not recorded before (one per watch and article, ever). */
  recordNotifications(notifications: WatchNotification[]): Promise<WatchNotification[]>;
  /** A watch's notifications, newest first. */
  notifications(watchId: string, limit?: number): Promise<WatchNotification[]>;
  /** Make writes visible to search (no-op where they are at once). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
