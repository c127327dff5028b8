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

/**
 * Where a webhook delivery stands: `pending` (not tried yet), `retrying` (failed, next attempt scheduled),
 * `delivered`, or `dead` (attempts used up, or the receiver refused it for good: nothing more is tried).
 */
export type DeliveryState = 'pending' | 'retrying' | 'delivered' | 'dead';

/** One webhook POST in the outbox: a watch's fresh notifications of one batch, sent until delivered. */
export interface WebhookDelivery {
  /** `d-` + stable id of the watch and the notified articles (recording twice keeps one). */
  id: string;
  watchId: string;
  url: string;
  /** The JSON body sent. */
  payload: { watch: Watch; notifications: WatchNotification[] };
  state: DeliveryState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** When the next attempt may start (pending and retrying deliveries). */
  nextAttemptAt: string;
  lastError?: string;
  lastStatus?: number;
  deliveredAt?: string;
}

export interface DeliveryQuery {
  watchId?: string;
  states?: DeliveryState[];
  /** Default 100. */
  limit?: number;
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
  /** Remove a watch, its notifications and its deliveries; false when there was none. */
  removeWatch(id: string): Promise<boolean>;
  /**
   * Which of these stored articles each query watch matches, with the same semantics as the article store's
   * search. Watch id → matching article ids (watches that match nothing are absent).
   */
  matchQueryWatches(watches: Watch[], articleIds: string[]): Promise<Map<string, string[]>>;
  /**
   * Record notifications; returns those not recorded before (one per watch and article, ever). `outbox`
   * turns the fresh ones into webhook deliveries, recorded as pending with them (in the same transaction
   * where the store has transactions), so a crash after recording cannot lose a delivery.
   */
  recordNotifications(
    notifications: WatchNotification[],
    outbox?: (fresh: WatchNotification[]) => WebhookDelivery[],
  ): Promise<WatchNotification[]>;
  /** A watch's notifications, newest first. */
  notifications(watchId: string, limit?: number): Promise<WatchNotification[]>;
  /**
   * Claim up to `limit` deliveries that are due at `now` (pending or retrying, oldest due first): each
   * claimed one has its next attempt moved to `leaseUntil`, so another process does not send it too; the
   * sender's {@link IncidentStore.updateDelivery} then records the outcome.
   */
  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]>;
  /** Save a delivery's new state (after an attempt). */
  updateDelivery(delivery: WebhookDelivery): Promise<void>;
  /** Deliveries, newest first, optionally of one watch and in some states. */
  listDeliveries(query?: DeliveryQuery): Promise<WebhookDelivery[]>;
  /** Make writes visible to search (no-op where they are at once). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
