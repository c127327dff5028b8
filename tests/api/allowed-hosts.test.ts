/**
 * The queue dashboard's Host check takes its names from KHABAR_API_ALLOWED_HOSTS when `serve` is given
 * no --allowed-hosts (the flag still wins), so a deployment configured by environment alone is covered.
 * A real server on 127.0.0.1 with the test Redis (started by `npm test`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/core/config.ts';
import { testRedisUrl } from './api-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-allowed-hosts-'));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(env: Record<string, string>, allowedHosts?: string[]): Promise<RunningServer> {
  const config = loadConfig({
    KHABAR_DB: join(dir, `${servers.length}.db`),
    KHABAR_REDIS_URL: testRedisUrl(),
    KHABAR_LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(
    config,
    { host: '127.0.0.1', port: 0 },
    allowedHosts ? { allowedHosts } : {},
  );
  servers.push(server);
  return server;
}

const status = async (s: RunningServer, host: string) =>
  (await s.app.inject({ url: '/admin/queues', headers: { host } })).statusCode;

describe('queue dashboard host names from the configuration', () => {
  it('answers to KHABAR_API_ALLOWED_HOSTS, and to nothing else', async () => {
    const s = await serve({ KHABAR_API_ALLOWED_HOSTS: 'news.example.org,queues.example.org' });
    expect(await status(s, 'news.example.org')).toBe(200);
    expect(await status(s, 'QUEUES.example.org:8443')).toBe(200);
    // The configured list replaces the loopback defaults, as --allowed-hosts does.
    const refused = await s.app.inject({ url: '/admin/queues', headers: { host: 'localhost' } });
    expect(refused.statusCode).toBe(421);
    expect(refused.body).toMatch(/news\.example\.org, queues\.example\.org/);
    expect(await status(s, 'evil.example')).toBe(421);
  });

  it('lets --allowed-hosts override the variable', async () => {
    const s = await serve({ KHABAR_API_ALLOWED_HOSTS: 'news.example.org' }, ['cli.example.org']);
    expect(await status(s, 'cli.example.org')).toBe(200);
    expect(await status(s, 'news.example.org')).toBe(421);
  });

  it('without either, a loopback server answers to its loopback names only', async () => {
    const s = await serve({});
    expect(await status(s, 'localhost:8080')).toBe(200);
    expect(await status(s, 'news.example.org')).toBe(421);
  });
});
