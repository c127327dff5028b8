/**
 * The webhook outbox part of the IncidentStore contract: deliveries recorded with their notifications,
 * claimed, updated and listed by the store, and sent by `deliverPending` to real HTTP receivers on
 * 127.0.0.1 (fail-then-succeed, always failing, refusing, redirecting, and two slow hosts at once).
 * Run from incident-store-contract.ts after the corpus tests, on the same stores.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWatch } from '../../src/cli/commands/watch.ts';
import { deliverPending, outboxFor } from '../../src/incidents/deliver.ts';
import type { Watch, WatchNotification } from '../../src/incidents/types.ts';
import type { IncidentStore } from '../../src/store/incidents/types.ts';

interface Receiver {
  url: string;
  requests: number;
  inFlight: number;
  maxInFlight: number;
  bodies: unknown[];
  close(): Promise<void>;
}

/** A loopback HTTP receiver; `answer` decides each response (and may hold it back). */
async function receiver(
  answer: (r: Receiver, req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<Receiver> {
  const r = { requests: 0, inFlight: 0, maxInFlight: 0, bodies: [] as unknown[] } as Receiver;
  const server = createServer((req, res) => {
    r.requests++;
    r.inFlight++;
    r.maxInFlight = Math.max(r.maxInFlight, r.inFlight);
    let open = true;
    const finished = () => {
      if (open) r.inFlight--;
      open = false;
    };
    res.on('finish', finished);
    res.on('close', finished);
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      r.bodies.push(JSON.parse(body));
      void answer(r, req, res);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () =>
    new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  return r;
}

const AT = '2024-03-01T10:00:00.000Z';
const note = (w: Watch, articleId: string): WatchNotification => ({
  watchId: w.id,
  articleId,
  title: `Story ${articleId}`,
  language: 'eng',
  at: AT,
});
/** Fast retries, loopback receivers allowed (the `--allow-private` opt-in). */
const fast = {
  policy: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
  waitMs: 10_000,
  allowPrivate: true,
};

export function outboxContract(stores: () => IncidentStore): void {
  describe('webhook outbox', () => {
    const receivers: Receiver[] = [];
    afterAll(async () => {
      for (const r of receivers) await r.close();
    });
    const hook = async (fn: Parameters<typeof receiver>[0]) => {
      const r = await receiver(fn);
      receivers.push(r);
      return r;
    };
    /** A watch posting to `url`, with `n` fresh notifications recorded (and so one pending delivery). */
    const watchWithDelivery = async (name: string, url: string, n = 1) => {
      const w = buildWatch(name, { webhook: url });
      await stores().addWatch(w);
      const notes = Array.from({ length: n }, (_, i) => note(w, `${name}-${i}`));
      await stores().recordNotifications(notes, outboxFor([w], AT));
      return w;
    };

    it('records a pending delivery with the fresh notifications only, and claims it once', async () => {
      const s = stores();
      const w = buildWatch('outbox claim', { webhook: 'https://hooks.example.org/x' });
      await s.addWatch(w);
      const quiet = buildWatch('outbox no webhook', {});
      await s.addWatch(quiet);
      const notes = [note(w, 'a1'), note(w, 'a2'), note(quiet, 'a1')];
      expect(await s.recordNotifications(notes, outboxFor([w, quiet], AT))).toHaveLength(3);
      // Already recorded: no fresh notification, so no second delivery.
      expect(await s.recordNotifications(notes, outboxFor([w, quiet], AT))).toEqual([]);
      const [d, ...more] = await s.listDeliveries({ watchId: w.id });
      expect(more).toEqual([]);
      expect(d).toMatchObject({ watchId: w.id, url: w.webhook, state: 'pending', attempts: 0 });
      expect(d!.payload.notifications.map((x) => x.articleId)).toEqual(['a1', 'a2']);
      expect(await s.listDeliveries({ watchId: quiet.id })).toEqual([]);

      // Not due before it was created; due after; a second claimer meanwhile gets nothing.
      expect(await s.claimDeliveries('2024-03-01T09:00:00.000Z', '2024-03-01T09:05:00.000Z', 10)).toEqual([]);
      const lease = '2024-03-01T10:05:00.000Z';
      const claimed = await s.claimDeliveries('2024-03-01T10:00:01.000Z', lease, 10);
      expect(claimed.map((x) => x.id)).toEqual([d!.id]);
      expect(claimed[0]!.nextAttemptAt).toBe(lease);
      expect(await s.claimDeliveries('2024-03-01T10:00:02.000Z', lease, 10)).toEqual([]);

      await s.updateDelivery({ ...claimed[0]!, state: 'dead', attempts: 1, lastError: 'HTTP 410' });
      expect(await s.listDeliveries({ states: ['dead'], watchId: w.id })).toEqual([
        expect.objectContaining({ id: d!.id, state: 'dead', lastError: 'HTTP 410' }),
      ]);
      expect(await s.listDeliveries({ states: ['pending', 'retrying'], watchId: w.id })).toEqual([]);

      // Removing the watch removes its deliveries; an update arriving afterwards does not bring one back.
      expect(await s.removeWatch(w.id)).toBe(true);
      await s.updateDelivery({ ...claimed[0]!, state: 'delivered' });
      expect(await s.listDeliveries({ watchId: w.id })).toEqual([]);
      await s.removeWatch(quiet.id);
    });

    it('retries a failing receiver with backoff until it takes the delivery', async () => {
      const r = await hook((rc, _req, res) => {
        res.writeHead(rc.requests <= 2 ? 503 : 204).end();
      });
      const w = await watchWithDelivery('outbox flaky', r.url, 2);
      // One pass without waiting: the first attempt fails and a retry is scheduled.
      const first = await deliverPending(stores(), { ...fast, waitMs: 0 });
      expect(first).toEqual([
        expect.objectContaining({ watchId: w.id, state: 'retrying', attempts: 1, lastError: 'HTTP 503' }),
      ]);
      const [pending] = await stores().listDeliveries({ watchId: w.id, states: ['retrying'] });
      expect(Date.parse(pending!.nextAttemptAt)).toBeGreaterThan(Date.parse(pending!.updatedAt));
      const done = await deliverPending(stores(), fast);
      expect(done).toEqual([expect.objectContaining({ watchId: w.id, state: 'delivered', attempts: 3 })]);
      expect(done[0]!.lastError).toBeUndefined();
      expect(r.requests).toBe(3);
      const body = r.bodies[2] as { watch: Watch; notifications: WatchNotification[] };
      expect(body.watch.id).toBe(w.id);
      expect(body.notifications.map((n) => n.articleId)).toEqual(['outbox flaky-0', 'outbox flaky-1']);
      expect(await stores().listDeliveries({ watchId: w.id })).toEqual([
        expect.objectContaining({ state: 'delivered', attempts: 3, deliveredAt: expect.any(String) }),
      ]);
    });

    it('gives up after the last attempt (dead letter), at once when the receiver refuses or redirects', async () => {
      const down = await hook((_rc, _req, res) => {
        res.writeHead(500).end('broken');
      });
      const gone = await hook((_rc, _req, res) => {
        res.writeHead(410).end();
      });
      const elsewhere = await hook((_rc, _req, res) => {
        res.writeHead(204).end();
      });
      const moved = await hook((_rc, _req, res) => {
        res.writeHead(302, { location: elsewhere.url }).end();
      });
      const a = await watchWithDelivery('outbox down', down.url);
      const b = await watchWithDelivery('outbox gone', gone.url);
      const c = await watchWithDelivery('outbox moved', moved.url);
      const out = await deliverPending(stores(), fast);
      const byWatch = new Map(out.map((d) => [d.watchId, d]));
      expect(byWatch.get(a.id)).toMatchObject({ state: 'dead', attempts: 3, lastError: 'HTTP 500' });
      expect(byWatch.get(b.id)).toMatchObject({ state: 'dead', attempts: 1, lastError: 'HTTP 410' });
      expect(byWatch.get(c.id)).toMatchObject({ state: 'dead', attempts: 1, lastStatus: 302 });
      expect(down.requests).toBe(3);
      expect(elsewhere.requests).toBe(0);
      const dead = await stores().listDeliveries({ states: ['dead'] });
      expect(dead.map((d) => d.watchId)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
      // Dead deliveries are not picked up again.
      expect(await deliverPending(stores(), fast)).toEqual([]);
    });

    it('sends to two hosts in parallel, never more than the per-host limit to one host', async () => {
      const held: (() => void)[] = [];
      let gateOpen = false;
      const answer = (_rc: Receiver, _req: IncomingMessage, res: ServerResponse) => {
        if (gateOpen) return void res.writeHead(204).end();
        held.push(() => res.writeHead(204).end());
        // Hold every response until both hosts have two requests in flight at once: sending one at a
        // time, or one host at a time, never gets there (the requests then time out and the test fails).
        if (pair.every((p) => p.inFlight >= 2)) {
          gateOpen = true;
          for (const release of held.splice(0)) release();
        }
      };
      const pair = [await hook(answer), await hook(answer)];
      const [x, y] = pair as [Receiver, Receiver];
      const ws: Watch[] = [];
      for (let i = 0; i < 4; i++) {
        ws.push(await watchWithDelivery(`outbox host-x ${i}`, x.url));
        ws.push(await watchWithDelivery(`outbox host-y ${i}`, y.url));
      }
      const out = await deliverPending(stores(), {
        ...fast,
        policy: { ...fast.policy, perHost: 2, concurrency: 8, timeoutMs: 20_000, maxAttempts: 1 },
      });
      expect(
        out
          .filter((d) => d.state === 'delivered')
          .map((d) => d.watchId)
          .sort(),
      ).toEqual(ws.map((w) => w.id).sort());
      expect(x.requests).toBe(4);
      expect(y.requests).toBe(4);
      expect(x.maxInFlight).toBe(2);
      expect(y.maxInFlight).toBe(2);
    });
  });
}
