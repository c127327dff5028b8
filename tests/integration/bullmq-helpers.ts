/**
 * Shared by the BullMQ integration and e2e tests: the test Redis (started by `npm test`, never mocked,
 * never skipped), unique queue prefixes, temp stores and queue cleanup.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { redisOptions } from '../../src/driver/bullmq/connection.ts';
import { queueName, STAGES } from '../../src/pipeline/topology.ts';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';

/** The Redis started for the test run; a clear failure (not a skip) when it is missing. */
export function testRedisUrl(): string {
  const url = process.env.KHABAR_TEST_REDIS_URL;
  if (!url) {
    throw new Error(
      'KHABAR_TEST_REDIS_URL is not set: run the tests with `npm test` (scripts/test.mjs starts Redis), or start ' +
        "one yourself (redis-server --port 6390 --save '') and set KHABAR_TEST_REDIS_URL=redis://127.0.0.1:6390",
    );
  }
  return url;
}

export function uniquePrefix(label: string): string {
  return `t-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Remove every key of a prefix's queues. */
export async function obliterateQueues(connection: string, prefix: string): Promise<void> {
  for (const stage of STAGES) {
    const q = new Queue(queueName({ prefix }, stage), {
      connection: { ...redisOptions(connection), maxRetriesPerRequest: 1 },
    });
    q.on('error', () => {});
    try {
      await q.obliterate({ force: true });
    } finally {
      await q.close();
    }
  }
}

export interface TempStore {
  store: SqliteStore;
  dir: string;
  path: string;
  destroy(): Promise<void>;
}

export async function tempSqliteStore(label = 'bullmq'): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), `khabar-${label}-`));
  const path = join(dir, 'khabar.db');
  const store = new SqliteStore(path);
  await store.init();
  return {
    store,
    dir,
    path,
    async destroy() {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Poll until `check` is true (or throw after `timeoutMs`, saying what was awaited). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
