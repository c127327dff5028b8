import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.ts';
import type { QueueCounts } from '../../driver/bullmq/queues.ts';
import { makeTopology, queueName, STAGES, type StageName } from '../../pipeline/topology.ts';
import { bold, writeLine } from '../output.ts';
import { configFrom } from './store-options.ts';
import { parseStage, type QueueOpts, withQueueOptions } from './worker.ts';

type QueuesModule = typeof import('../../driver/bullmq/queues.ts');

/**
 * Run `work` on the stage queues. BullMQ and its Redis client are loaded here, when a queue command runs:
 * loaded with the CLI they cost every command (ingest, search, --version) a second and 100 MB.
 */
async function withQueues<T>(
  opts: QueueOpts,
  work: (q: ReturnType<QueuesModule['openQueues']>, prefix: string, bull: QueuesModule) => Promise<T>,
): Promise<T> {
  const config = configFrom(opts);
  const redisUrl = config.redisUrl;
  if (!redisUrl)
    throw new ConfigError(
      'bad-config',
      'no Redis: pass --redis redis://host:6379 or set KHABAR_REDIS_URL (or REDIS_URL)',
    );
  const topology = makeTopology({ prefix: config.queuePrefix });
  const { checkRedis, producerConnection } = await import('../../driver/bullmq/connection.ts');
  const bull = await import('../../driver/bullmq/queues.ts');
  await checkRedis(redisUrl);
  const queues = bull.openQueues(topology, producerConnection(redisUrl));
  try {
    return await work(queues, topology.prefix, bull);
  } finally {
    await bull.closeQueues(queues);
  }
}

export type StageStatus = QueueCounts & { workers: number };

export function printCounts(
  prefix: string,
  counts: Record<StageName, StageStatus>,
  states: QueuesModule['COUNT_STATES'],
): void {
  const columns = [...states, 'workers'] as const;
  const header = ['queue', ...columns];
  const rows = STAGES.map((s) => [queueName({ prefix }, s), ...columns.map((c) => String(counts[s][c]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  writeLine(bold(line(header)));
  for (const r of rows) writeLine(line(r));
}

export function registerQueues(program: Command): void {
  const queues = withQueueOptions(
    program
      .command('queues')
      .description('jobs per state in each stage queue (BullMQ on Redis); see also: queues retry-failed'),
  )
    .option('--json', 'print the counts as JSON')
    .action(async (opts: QueueOpts & { json?: boolean }) => {
      await withQueues(opts, async (qs, prefix, bull) => {
        const counts = {} as Record<StageName, StageStatus>;
        for (const s of STAGES)
          counts[s] = { ...(await bull.countJobs(qs[s])), workers: await bull.countWorkers(qs[s]) };
        if (opts.json) writeLine(JSON.stringify(counts));
        else printCounts(prefix, counts, bull.COUNT_STATES);
      });
    });

  withQueueOptions(
    queues
      .command('retry-failed')
      .description('move failed jobs back to waiting with fresh attempts (bad-input failures are skipped)'),
  )
    .option('--stage <name>', `only this stage: ${STAGES.join(', ')}`, parseStage)
    .option('--include-rejected', 'also retry jobs that failed permanently (bad input)')
    .action(async (opts: QueueOpts & { stage?: StageName; includeRejected?: boolean }, cmd: Command) => {
      // --redis/--prefix may be given before or after the subcommand name
      const all = { ...(cmd.parent?.opts() as QueueOpts), ...opts };
      await withQueues(all, async (qs, prefix, bull) => {
        for (const s of opts.stage ? [opts.stage] : STAGES) {
          const r = await bull.retryFailed(qs[s], { includePermanent: opts.includeRejected });
          writeLine(
            `${queueName({ prefix }, s)}: ${r.retried} retried${r.skipped ? `, ${r.skipped} left failed (permanent)` : ''}`,
          );
        }
      });
    });
}
