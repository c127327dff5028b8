/**
 * The webhook outbox in the embedded incident store's SQLite file: one row per delivery, indexed by state
 * and next attempt time so that finding due work is one index range. The whole delivery is kept as JSON
 * (`delivery`); the columns beside it exist only to filter and order.
 */
import type Database from 'better-sqlite3';
import type { DeliveryQuery, WebhookDelivery } from './types.ts';

/** Outbox table and indices; created with the incident store's tables. */
export const DELIVERY_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY, watch_id TEXT NOT NULL, state TEXT NOT NULL, next_at INTEGER NOT NULL,
  created_at TEXT NOT NULL, delivery TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_watch ON webhook_deliveries (watch_id, created_at);
`;

const millis = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
};

/** Insert deliveries (`onlyNew`: keep an existing row with the same id) or replace them. */
export function putDeliveries(db: Database.Database, deliveries: WebhookDelivery[], onlyNew: boolean): void {
  const put = db.prepare(
    `INSERT ${onlyNew ? 'OR IGNORE' : 'OR REPLACE'} INTO webhook_deliveries (id, watch_id, state, next_at, created_at, delivery) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const d of deliveries)
    put.run(d.id, d.watchId, d.state, millis(d.nextAttemptAt), d.createdAt, JSON.stringify(d));
}

/** Due deliveries, oldest due first, with their next attempt moved to `leaseUntil` (one transaction). */
export function claimDeliveries(
  db: Database.Database,
  now: string,
  leaseUntil: string,
  limit: number,
): WebhookDelivery[] {
  const select = db.prepare(
    "SELECT delivery FROM webhook_deliveries WHERE state IN ('pending', 'retrying') AND next_at <= ? ORDER BY next_at, id LIMIT ?",
  );
  // One transaction: another process claiming at the same moment sees the moved lease, not the row.
  return db.transaction(() => {
    const rows = select.all(millis(now), Math.max(1, limit)) as { delivery: string }[];
    const claimed = rows.map((r) => ({
      ...(JSON.parse(r.delivery) as WebhookDelivery),
      nextAttemptAt: leaseUntil,
    }));
    putDeliveries(db, claimed, false);
    return claimed;
  })();
}

/** Save the outcome of an attempt (a delivery removed meanwhile, with its watch, stays removed). */
export function updateDelivery(db: Database.Database, d: WebhookDelivery): void {
  db.prepare('UPDATE webhook_deliveries SET state = ?, next_at = ?, delivery = ? WHERE id = ?').run(
    d.state,
    millis(d.nextAttemptAt),
    JSON.stringify(d),
    d.id,
  );
}

/** Deliveries, newest first. */
export function listDeliveries(db: Database.Database, query: DeliveryQuery = {}): WebhookDelivery[] {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (query.watchId) {
    parts.push('watch_id = ?');
    params.push(query.watchId);
  }
  if (query.states?.length) {
    parts.push(`state IN (${query.states.map(() => '?').join(',')})`);
    params.push(...query.states);
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const rows = db
    .prepare(`SELECT delivery FROM webhook_deliveries ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .all(...params, Math.min(Math.max(query.limit ?? 100, 1), 10_000)) as { delivery: string }[];
  return rows.map((r) => JSON.parse(r.delivery) as WebhookDelivery);
}
