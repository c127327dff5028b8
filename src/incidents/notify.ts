/**
 * Notification delivery for watches: an Atom feed file per watch (rewritten whole, atomically, from the
 * store's latest notifications) and an optional webhook POST with retries and exponential backoff.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Watch, WatchNotification } from './types.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Human description of a watch. */
export function describeWatch(w: Watch): string {
  if (w.name) return w.name;
  return w.kind === 'incident'
    ? `incident ${w.incidentId}`
    : `search: ${w.query}${w.lang ? ` (${w.lang})` : ''}`;
}

/** Atom 1.0 feed of a watch's notifications (newest first). */
export function atomFeed(watch: Watch, items: WatchNotification[], updated: string): string {
  const entries = items.map((n) => {
    const link = n.url ? `\n    <link rel="alternate" href="${esc(n.url)}"/>` : '';
    const summary = n.incidentId ? `\n    <summary>incident ${esc(n.incidentId)}</summary>` : '';
    return `  <entry>
    <id>urn:khabar:watch:${esc(watch.id)}:article:${esc(n.articleId)}</id>
    <title xml:lang="${n.language === 'hin' ? 'hi' : 'en'}">${esc(n.title)}</title>${link}
    <updated>${esc(n.published ?? n.at)}</updated>
    <published>${esc(n.at)}</published>${summary}
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:khabar:watch:${esc(watch.id)}</id>
  <title>Khabar watch: ${esc(describeWatch(watch))}</title>
  <updated>${esc(items[0]?.at ?? updated)}</updated>
  <generator>khabar</generator>
${entries.join('\n')}
</feed>
`;
}

/** Path of a watch's feed file in `dir`. */
export const feedPath = (dir: string, watchId: string) => join(dir, `${watchId}.atom`);

/** Write the feed file (temp file + rename, so readers never see half a feed). Returns its path. */
export function writeFeed(dir: string, watch: Watch, items: WatchNotification[], now: string): string {
  mkdirSync(dir, { recursive: true });
  const path = feedPath(dir, watch.id);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, atomFeed(watch, items, now));
  renameSync(tmp, path);
  return path;
}

export interface WebhookOptions {
  /** Attempts in all (default 4). */
  attempts?: number;
  /** First retry delay, doubled each time (default 500 ms). */
  backoffMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POST JSON to a webhook. Network errors, timeouts, 429 and 5xx are retried with backoff; other 4xx are
 * final (the receiver rejected the payload; sending it again will not help).
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: WebhookOptions = {},
): Promise<WebhookResult> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoff = options.backoffMs ?? 500;
  let last: WebhookResult = { ok: false, attempts: 0 };
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'khabar-watch' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: i, status: res.status };
      last = { ok: false, attempts: i, status: res.status, error: `HTTP ${res.status}` };
      if (res.status !== 429 && res.status < 500) return last;
    } catch (e) {
      last = { ok: false, attempts: i, error: (e as Error).message };
    }
    if (i < attempts) await sleep(backoff * 2 ** (i - 1));
  }
  return last;
}
