/**
 * The webhook outbox, sending side. Notifications and their deliveries are recorded first (pending, in
 * the incident store); {@link deliverPending} then claims due deliveries, POSTs them concurrently (a
 * limit in all and a smaller one per receiving host, so one slow receiver cannot hold the others up),
 * and records each outcome: `delivered`, `retrying` (exponential backoff with jitter) or `dead` once the
 * attempts are used up or the receiver refused it for good. Nothing is lost when the process stops
 * half-way: an undelivered delivery stays pending and the next run (or `khabar watch deliver`) sends it.
 */
import { isPermanent } from '../core/errors.ts';
import { stableId } from '../core/hash.ts';
import type { IncidentStore, WebhookDelivery } from '../store/incidents/types.ts';
import { guardedSender, retryableStatus, type WebhookSender } from './notify.ts';
import type { Watch, WatchNotification } from './types.ts';

export interface DeliveryPolicy {
  /** Attempts in all before a delivery is dead (default 10: about 40 minutes of retries). */
  maxAttempts: number;
  /** Delay before the first retry, doubled after each failure (default 5 s). */
  baseDelayMs: number;
  /** Longest delay between attempts (default 1 h). */
  maxDelayMs: number;
  /** Per-request time cap (default 5 s), so a silent receiver costs seconds, not minutes. */
  timeoutMs: number;
  /** Requests in flight at once, in all (default 8) and per receiving host:port (default 2). */
  concurrency: number;
  perHost: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 5_000,
  maxDelayMs: 3_600_000,
  timeoutMs: 5_000,
  concurrency: 8,
  perHost: 2,
};

export interface DeliveryOptions {
  policy?: Partial<DeliveryPolicy>;
  /** Sends one request (default: the guarded fetcher); injectable for tests and other transports. */
  send?: WebhookSender;
  /** The `--allow-private` opt-in, passed to the sender. */
  allowPrivate?: boolean;
  /**
   * How long to stay for retries that fall due soon (default 0: send what is due now, leave the rest
   * pending for the next run).
   */
  waitMs?: number;
  now?: () => Date;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

/** Delay before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, policy: DeliveryPolicy, random = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

/** Turns a batch's fresh notifications into one pending delivery per watch that has a webhook. */
export function outboxFor(watches: Watch[], at: string) {
  const byId = new Map(watches.map((w) => [w.id, w]));
  return (fresh: WatchNotification[]): WebhookDelivery[] => {
    const groups = new Map<string, WatchNotification[]>();
    for (const n of fresh) groups.set(n.watchId, [...(groups.get(n.watchId) ?? []), n]);
    const out: WebhookDelivery[] = [];
    for (const [watchId, notifications] of groups) {
      const watch = byId.get(watchId);
      if (!watch?.webhook) continue;
      const ids = notifications.map((n) => n.articleId).sort();
      out.push({
        id: `d-${stableId(JSON.stringify([watchId, ids]))}`,
        watchId,
        url: watch.webhook,
        payload: { watch, notifications },
        state: 'pending',
        attempts: 0,
        createdAt: at,
        updatedAt: at,
        nextAttemptAt: at,
      });
    }
    return out;
  };
}

/** A counting semaphore that hands a freed slot straight to the next waiter (so the limit is never passed). */
class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) this.#active++;
    else await new Promise<void>((r) => this.#waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Make one attempt and compute the delivery's next state (not saved). */
async function attempt(
  d: WebhookDelivery,
  send: WebhookSender,
  o: { policy: DeliveryPolicy; allowPrivate: boolean; now: () => Date; random: () => number },
): Promise<WebhookDelivery> {
  let status: number | undefined;
  let error: string | undefined;
  let final = false;
  try {
    ({ status } = await send({
      url: d.url,
      body: JSON.stringify(d.payload),
      timeoutMs: o.policy.timeoutMs,
      // The opt-in given when the watch was registered, or for this run.
      allowPrivate: o.allowPrivate || d.payload.watch.allowPrivate === true,
    }));
    if (status >= 300 && status < 400) error = `HTTP ${status}: redirects are not followed for webhooks`;
    else if (status < 200 || status >= 300) error = `HTTP ${status}`;
    final = error !== undefined && !retryableStatus(status);
  } catch (e) {
    error = (e as Error).message || String(e);
    final = isPermanent(e);
  }
  const at = o.now();
  const attempts = d.attempts + 1;
  const base = { ...d, attempts, updatedAt: at.toISOString() };
  const { lastError: _e, lastStatus: _s, ...clean } = base;
  const withStatus = status !== undefined ? { lastStatus: status } : {};
  if (!error) return { ...clean, ...withStatus, state: 'delivered', deliveredAt: at.toISOString() };
  if (final || attempts >= o.policy.maxAttempts)
    return { ...clean, ...withStatus, state: 'dead', lastError: error };
  const next = new Date(at.getTime() + backoffDelay(attempts, o.policy, o.random));
  return { ...clean, ...withStatus, state: 'retrying', lastError: error, nextAttemptAt: next.toISOString() };
}

/**
 * Send every due delivery (and, within `waitMs`, the retries that fall due meanwhile). Returns the last
 * state of each delivery attempted, in the order they finished.
 */
export async function deliverPending(
  store: IncidentStore,
  options: DeliveryOptions = {},
): Promise<WebhookDelivery[]> {
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  const send = options.send ?? guardedSender;
  const now = options.now ?? (() => new Date());
  const o = {
    policy,
    allowPrivate: options.allowPrivate ?? false,
    now,
    random: options.random ?? Math.random,
  };
  const all = new Limiter(Math.max(1, policy.concurrency));
  const hosts = new Map<string, Limiter>();
  const done = new Map<string, WebhookDelivery>();
  const deadline = now().getTime() + (options.waitMs ?? 0);
  // A claim outlives every attempt it covers: if this process dies, another sends the delivery later.
  const leaseMs = policy.timeoutMs * 4 + 60_000;
  for (;;) {
    const t = now();
    const limit = policy.concurrency * 8;
    const batch = await store.claimDeliveries(
      t.toISOString(),
      new Date(t.getTime() + leaseMs).toISOString(),
      limit,
    );
    if (batch.length === 0) {
      if (t.getTime() >= deadline) break;
      // Stay for the retries (ours or earlier runs') that fall due before the deadline.
      const open = await store.listDeliveries({ states: ['pending', 'retrying'], limit: 1000 });
      const soonest = Math.min(...open.map((d) => Date.parse(d.nextAttemptAt)));
      if (!(soonest <= deadline)) break;
      await new Promise((r) => setTimeout(r, Math.max(1, soonest - now().getTime())));
      continue;
    }
    await Promise.all(
      batch.map((d) => {
        const host = hostOf(d.url);
        const slot = hosts.get(host) ?? new Limiter(Math.max(1, policy.perHost));
        hosts.set(host, slot);
        // Host slot first, then a global one: a delivery waiting for its host holds no global slot.
        return slot.run(() =>
          all.run(async () => {
            const next = await attempt(d, send, o);
            await store.updateDelivery(next);
            done.delete(next.id);
            done.set(next.id, next);
          }),
        );
      }),
    );
    // Past the deadline, a short batch was everything that was due: its retries are for a later run.
    if (batch.length < limit && now().getTime() >= deadline) break;
  }
  return [...done.values()];
}
