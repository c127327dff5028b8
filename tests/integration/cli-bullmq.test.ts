/**
 * The distributed path as a user runs it: `khabar worker` processes for each stage and
 * `khabar ingest --driver bullmq` on real Redis, into an embedded store; same result as in-process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';

const redis = process.env.KHABAR_TEST_REDIS_URL;
if (!redis)
  throw new Error('KHABAR_TEST_REDIS_URL is not set: run the suite with `npm test` (it starts Redis)');

const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-bullmq-'));
const prefix = `clitest${process.pid}`;
const env = { REDIS_URL: redis, KHABAR_QUEUE_PREFIX: prefix, KHABAR_DB: join(dir, 'queued.db') };
const workers: ChildProcess[] = [];

beforeAll(() => {
  for (const stage of ['analyze', 'index']) {
    workers.push(
      spawn(process.execPath, [join(ROOT, 'bin/khabar.mjs'), 'worker', '--stage', stage], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: 'ignore',
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe('khabar ingest --driver bullmq with khabar worker processes', () => {
  it('stores the same articles as the in-process driver', async () => {
    const queued = await runCli(['ingest', EXAMPLES, '--driver', 'bullmq', '--json'], { env });
    expect(queued.stderr).toBe('');
    const summary = JSON.parse(queued.stdout);
    expect(summary.counts).toMatchObject({ created: 7, rejected: 0, failed: 0 });

    const local = await runCli(['ingest', EXAMPLES, '--json'], { env: { KHABAR_DB: join(dir, 'local.db') } });
    expect(JSON.parse(local.stdout).counts.created).toBe(7);
    const ids = async (db: string) =>
      JSON.parse(
        (await runCli(['search', 'AIIMS', '--json', '--limit', '50'], { env: { KHABAR_DB: db } })).stdout,
      )
        .hits.map((h: { id: string }) => h.id)
        .sort();
    expect(await ids(env.KHABAR_DB)).toEqual(await ids(join(dir, 'local.db')));

    const counts = await runCli(['queues', '--json'], { env });
    expect(counts.code).toBe(0);
    // The work really went through the queues.
    const q = JSON.parse(counts.stdout);
    expect(q.analyze.completed).toBe(7);
    expect(q.index.completed).toBe(7);
    expect(q.analyze.failed + q.index.failed).toBe(0);
  }, 120_000);

  it('says clearly when Redis cannot be reached', async () => {
    const r = await runCli(['ingest', EXAMPLES, '--driver', 'bullmq'], {
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});
