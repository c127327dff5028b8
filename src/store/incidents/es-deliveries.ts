/**
 * The webhook outbox in Elasticsearch (`<prefix>-webhook-deliveries`, one document per delivery, id = the
 * delivery id). There are no transactions: a claim is an optimistic-concurrency write (`if_seq_no`), so
 * of two processes claiming the same due delivery only one wins; notifications and their deliveries are
 * written in consecutive bulk requests (es-watches.ts).
 */
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { MAX_MEMBERS, wrap } from './es-common.ts';
import type { DeliveryQuery, WebhookDelivery } from './types.ts';

/** Mapping of the deliveries index (the delivery itself is stored, not indexed). */
export const DELIVERY_PROPERTIES: Record<string, estypes.MappingProperty> = {
  id: { type: 'keyword' },
  watchId: { type: 'keyword' },
  state: { type: 'keyword' },
  nextAt: { type: 'date' },
  createdAt: { type: 'date' },
  delivery: { type: 'object', enabled: false },
};

const millis = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
};

/** The indexed document of a delivery. */
export const deliveryDoc = (d: WebhookDelivery) => ({
  id: d.id,
  watchId: d.watchId,
  state: d.state,
  nextAt: millis(d.nextAttemptAt),
  createdAt: d.createdAt,
  delivery: d,
});

const isConflict = (e: unknown) =>
  e instanceof errors.ResponseError && (e.statusCode === 409 || e.statusCode === 404);

export class EsDeliveries {
  readonly client: Client;
  readonly index: string;

  constructor(client: Client, index: string) {
    this.client = client;
    this.index = index;
  }

  /** Bulk operations creating these deliveries (an existing one with the same id is kept). */
  createOps(deliveries: WebhookDelivery[]): unknown[] {
    return deliveries.flatMap((d) => [{ create: { _index: this.index, _id: d.id } }, deliveryDoc(d)]);
  }

  async claim(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]> {
    try {
      const res = await this.client.search<{ delivery: WebhookDelivery }>({
        index: this.index,
        query: {
          bool: {
            filter: [
              { terms: { state: ['pending', 'retrying'] } },
              { range: { nextAt: { lte: millis(now), format: 'epoch_millis' } } },
            ],
          },
        },
        sort: [{ nextAt: 'asc' }, { id: 'asc' }],
        size: Math.max(1, limit),
        seq_no_primary_term: true,
      });
      const hits = res.hits.hits;
      if (hits.length === 0) return [];
      const claimed = hits.map((h) => ({ ...h._source!.delivery, nextAttemptAt: leaseUntil }));
      const bulk = await this.client.bulk({
        operations: hits.flatMap((h, i) => [
          {
            index: { _index: this.index, _id: h._id, if_seq_no: h._seq_no, if_primary_term: h._primary_term },
          },
          deliveryDoc(claimed[i]!),
        ]),
        refresh: true,
      });
      // 409: another process claimed (or updated) it first.
      return claimed.filter((_, i) => bulk.items[i]!.index?.status === 200);
    } catch (e) {
      throw wrap(e, 'claim deliveries');
    }
  }

  async update(d: WebhookDelivery): Promise<void> {
    try {
      // Read-then-conditional-write: a delivery removed with its watch meanwhile is not written back.
      const cur = await this.client.get({ index: this.index, id: d.id }, { ignore: [404] });
      if (!cur.found) return;
      await this.client.index({
        index: this.index,
        id: d.id,
        document: deliveryDoc(d),
        if_seq_no: cur._seq_no,
        if_primary_term: cur._primary_term,
        refresh: true,
      });
    } catch (e) {
      if (isConflict(e)) return;
      throw wrap(e, 'update delivery');
    }
  }

  async list(query: DeliveryQuery = {}): Promise<WebhookDelivery[]> {
    const filter: estypes.QueryDslQueryContainer[] = [];
    if (query.watchId) filter.push({ term: { watchId: query.watchId } });
    if (query.states?.length) filter.push({ terms: { state: query.states } });
    try {
      const res = await this.client.search<{ delivery: WebhookDelivery }>({
        index: this.index,
        query: { bool: { filter } },
        sort: [{ createdAt: 'desc' }, { id: 'desc' }],
        size: Math.min(Math.max(query.limit ?? 100, 1), MAX_MEMBERS),
      });
      return res.hits.hits.map((h) => h._source!.delivery);
    } catch (e) {
      throw wrap(e, 'list deliveries');
    }
  }

  /** Ids of a watch's deliveries (to delete them with it). */
  async idsOf(watchId: string): Promise<string[]> {
    const res = await this.client.search({
      index: this.index,
      query: { term: { watchId } },
      size: MAX_MEMBERS,
      _source: false,
    });
    return res.hits.hits.map((h) => h._id!);
  }
}
