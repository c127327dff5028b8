/**
 * Incremental grouping: one new or changed article updates only the incidents it touches. Candidates come
 * from the store's key index (anchor entity + type family + week bucket, and MinHash LSH bands), never from
 * a scan, so the cost per article stays flat as the store grows. When an article links several incidents
 * they merge into one named after the earliest article; when a changed article no longer holds an incident
 * together it splits. Either way the result equals a full re-clustering, in any arrival order.
 */
import type { Article } from '../core/types.ts';
import type { GroupingChange, IncidentStore } from '../store/incidents/types.ts';
import { digestArticle } from './digest.ts';
import { clusters, incidentIdFor, indexKeys, linked, lookupKeys } from './grouping.ts';
import { buildRecord } from './merge.ts';
import type { ArticleDigest } from './types.ts';

export type AddStatus = 'created' | 'joined' | 'merged' | 'unchanged' | 'not-incident';

export interface AddResult {
  articleId: string;
  status: AddStatus;
  /** The article's incident after the change. */
  incidentId?: string;
  /** Incidents absorbed into `incidentId` by this article. */
  merged?: string[];
}

export class IncidentEngine {
  readonly #store: IncidentStore;

  constructor(store: IncidentStore) {
    this.#store = store;
  }

  /** Group one analysed article (call after it is stored; re-adding an unchanged article is a no-op). */
  async add(article: Article): Promise<AddResult> {
    const digest = digestArticle(article);
    const existing = await this.#store.getDigest(article.id);
    if (existing && digest && existing.digest.contentHash === digest.contentHash) {
      return { articleId: article.id, status: 'unchanged', incidentId: existing.incidentId };
    }
    if (existing) await this.#detach(existing.digest, existing.incidentId);
    if (!digest) return { articleId: article.id, status: 'not-incident' };
    return this.#attach(digest);
  }

  /** Take an article out of grouping (deleted, or no longer an incident report). */
  async remove(articleId: string): Promise<void> {
    const existing = await this.#store.getDigest(articleId);
    if (existing) await this.#detach(existing.digest, existing.incidentId);
  }

  async #attach(digest: ArticleDigest): Promise<AddResult> {
    const candidates = await this.#store.candidates(lookupKeys(digest));
    const linkedIds = [
      ...new Set(
        candidates
          .filter((c) => c.digest.id !== digest.id && linked(digest, c.digest))
          .map((c) => c.incidentId),
      ),
    ].sort();
    const members = new Map<string, ArticleDigest>([[digest.id, digest]]);
    const oldOf = new Map<string, string>();
    for (const id of linkedIds)
      for (const m of await this.#store.members(id)) {
        members.set(m.id, m);
        oldOf.set(m.id, id);
      }
    // Re-cluster the touched incidents with the newcomer: it may join one, bridge none (each member must be
    // close to its incident's core), or start its own.
    const parts = clusters([...members.values()]);
    const records = parts.map((p) => buildRecord(incidentIdFor(p), p));
    const ids = new Set(records.map((r) => r.id));
    const into = (old: string) => {
      const i = parts.findIndex((p) => p.some((m) => oldOf.get(m.id) === old));
      return i >= 0 ? records[i]!.id : undefined;
    };
    const incidentId = records[parts.findIndex((p) => p.some((m) => m.id === digest.id))]!.id;
    const change: GroupingChange = {
      digests: [{ digest, keys: indexKeys(digest) }],
      memberships: parts.flatMap((p, i) => p.map((m) => ({ articleId: m.id, incidentId: records[i]!.id }))),
      removed: [],
      incidents: records,
      retired: linkedIds
        .filter((id) => !ids.has(id))
        .map((id) => ({ id, ...(into(id) ? { into: into(id)! } : {}) })),
    };
    await this.#store.apply(change);
    const joinedFrom = [
      ...new Set(
        parts
          .flatMap((p) => (p.some((m) => m.id === digest.id) ? p : []))
          .map((m) => oldOf.get(m.id))
          .filter((x): x is string => !!x),
      ),
    ];
    const merged = joinedFrom.filter((id) => id !== incidentId);
    let status: AddStatus = 'joined';
    if (joinedFrom.length === 0) status = 'created';
    else if (joinedFrom.length > 1 || merged.length > 0) status = 'merged';
    return {
      articleId: digest.id,
      status,
      incidentId,
      ...(merged.length ? { merged } : {}),
    };
  }

  /** Remove an article from its incident and split what is no longer connected without it. */
  async #detach(digest: ArticleDigest, incidentId: string): Promise<void> {
    const rest = (await this.#store.members(incidentId)).filter((m) => m.id !== digest.id);
    const parts = clusters(rest);
    const records = parts.map((p) => buildRecord(incidentIdFor(p), p));
    const ids = new Set(records.map((r) => r.id));
    const change: GroupingChange = {
      digests: [],
      memberships: parts.flatMap((p, i) => p.map((m) => ({ articleId: m.id, incidentId: records[i]!.id }))),
      removed: [digest.id],
      incidents: records,
      // The old id now belongs to the part holding its earliest remaining article, if it was not that one.
      retired: ids.has(incidentId)
        ? []
        : [{ id: incidentId, ...(records[0] ? { into: records[0].id } : {}) }],
    };
    await this.#store.apply(change);
  }
}
