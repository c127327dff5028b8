/**
 * `khabar watch add --webhook`, `watch deliver` and `watch deliveries` as a user runs them: private
 * webhook targets refused without --allow-private, and a failing receiver (a real HTTP server on
 * 127.0.0.1) showing up in the failed deliveries with its attempts and last error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxFor } from '../../src/incidents/deliver.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let db: string;
let server: Server;
let hook: string;
let requests = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-watch-cli-'));
  db = join(dir, 'khabar.db');
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.writeHead(500).end('down for maintenance'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/s3cret-token`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('khabar watch with webhooks', () => {
  it('refuses a private webhook without --allow-private, and takes it with', async () => {
    for (const url of [hook, 'http://[::ffff:127.0.0.1]/x', 'http://169.254.169.254/']) {
      const r = await runCli(['watch', 'add', 'AIIMS', '--webhook', url, '--db', db]);
      expect(r.code, url).not.toBe(0);
      expect(r.stderr, url).toMatch(/webhook/);
    }
    const refused = await runCli(['watch', 'add', 'AIIMS', '--webhook', hook, '--db', db]);
    expect(refused.stderr).toMatch(/--allow-private/);
    const ok = await runCli(['watch', 'add', 'AIIMS', '--webhook', hook, '--allow-private', '--db', db]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('sends due deliveries and lists the failed ones with attempts and last error', async () => {
    const store = new SqliteIncidentStore(db);
    await store.init();
    const [w] = await store.listWatches();
    const at = new Date().toISOString();
    await store.recordNotifications(
      [{ watchId: w!.id, articleId: 'a-1', title: 'AIIMS servers down', language: 'eng', at }],
      outboxFor([w!], at),
    );
    await store.close();

    const sent = await runCli(['watch', 'deliver', '--db', db]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toMatch(/0 delivered, 1 to retry, 0 dead/);
    expect(requests).toBe(1);

    const failed = await runCli(['watch', 'deliveries', '--failed', '--db', db]);
    expect(failed.code, failed.stderr).toBe(0);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^retrying\s+1 attempt\s+500\s/);
    expect(lines[0]).toContain(w!.id);
    expect(lines[0]).toContain('HTTP 500');
    // The receiver's host, not its path (which carries the token).
    expect(lines[0]).toContain(new URL(hook).origin);
    expect(failed.stdout).not.toContain('s3cret-token');

    const asJson = await runCli(['watch', 'deliveries', '--json', '--db', db]);
    expect(JSON.parse(asJson.stdout.trim())).toMatchObject({
      watchId: w!.id,
      state: 'retrying',
      attempts: 1,
      lastStatus: 500,
      receiver: new URL(hook).origin,
      notifications: 1,
    });
    expect((await runCli(['watch', 'deliveries', '--state', 'dead', '--db', db])).stdout).toBe('');
    const bad = await runCli(['watch', 'deliveries', '--state', 'lost', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/pending, retrying, delivered, dead/);
  });

  it('explains itself in --help with examples', async () => {
    const help = await runCli(['watch', 'deliveries', '--help']);
    expect(help.stdout).toMatch(/--failed/);
    expect(help.stdout).toMatch(/Examples:\n\s+khabar watch deliveries/);
  });
});
