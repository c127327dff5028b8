/**
 * Notification delivery for watches: an Atom feed file per watch (rewritten whole, atomically, from the
 * store's latest notifications) and an optional webhook POST with retries and exponential backoff.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPermanent } from '../core/errors.ts';
import { guardedFetch } from '../net/index.ts';
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

/** One webhook POST to make: JSON `body` to `url`, within `timeoutMs`, redirects not followed. */
export interface WebhookRequest {
  url: string;
  body: string;
  timeoutMs: number;
  /** The `--allow-private` opt-in: loopback and private targets may be reached. */
  allowPrivate: boolean;
}

/**
 * Sends one webhook request and returns the response status; throws when no response came (refused
 * target, network error, timeout). Errors that are {@link InputError}s or {@link ConfigError}s are final.
 */
export type WebhookSender = (req: WebhookRequest) => Promise<{ status: number }>;

/**
 * The default sender: the guarded fetcher (src/net), so a webhook reaches only public addresses unless
 * `allowPrivate`, every resolved address is checked at connect time, and a redirect is returned, never
 * followed (a receiver that moved must be registered again, not chased to wherever it points).
 */
export const guardedSender: WebhookSender = async (req) => {
  const res = await guardedFetch(req.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: req.body,
    timeoutMs: req.timeoutMs,
    maxRedirects: 0,
    // The answer is not read: a small cap keeps a chatty receiver from costing memory.
    maxBytes: 1024 * 1024,
    allowPrivate: req.allowPrivate,
  });
  return { status: res.status };
};

export interface WebhookOptions {
  /** Attempts in all (default 4). */
  attempts?: number;
  /** First retry delay, doubled each time (default 500 ms). */
  backoffMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  send?: WebhookSender;
  allowPrivate?: boolean;
}

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether an HTTP status is worth another try: timeouts, rate limits and server errors. */
export const retryableStatus = (status: number): boolean =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * POST JSON to a webhook now, retrying in place (for one-off sends; watches go through the outbox in
 * deliver.ts). Network errors, timeouts, 429 and 5xx are retried with backoff; other statuses are final.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: WebhookOptions = {},
): Promise<WebhookResult> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoff = options.backoffMs ?? 500;
  const send = options.send ?? guardedSender;
  let last: WebhookResult = { ok: false, attempts: 0 };
  for (let i = 1; i <= attempts; i++) {
    try {
      const { status } = await send({
        url,
        body: JSON.stringify(body),
        timeoutMs: options.timeoutMs ?? 10_000,
        allowPrivate: options.allowPrivate ?? false,
      });
      if (status >= 200 && status < 300) return { ok: true, attempts: i, status };
      last = { ok: false, attempts: i, status, error: `HTTP ${status}` };
      if (!retryableStatus(status)) return last;
    } catch (e) {
      last = { ok: false, attempts: i, error: (e as Error).message };
      if (isPermanent(e)) return last;
    }
    if (i < attempts) await sleep(backoff * 2 ** (i - 1));
  }
  return last;
}
