import type { Command } from 'commander';
import { openIncidentStore, openStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import { isStageName, STAGES, type StageName } from '../../pipeline/topology.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

export interface QueueOpts {
  redis?: string;
  prefix?: string;
}

/** --redis and --prefix, shared by `worker` and `queues`. */
export function withQueueOptions(cmd: Command): Command {
  return cmd
    .option('--redis <url>', 'Redis URL (env REDIS_URL)')
    .option('--prefix <name>', 'queue namespace (env KHABAR_QUEUE_PREFIX, default khabar)');
}

type WorkerOpts = StoreOpts & QueueOpts & { stage: StageName; concurrency?: number; allowPrivate?: boolean };

export function parseStage(value: string): StageName {
  if (!isStageName(value))
    throw new InputError('bad-option', `--stage must be one of ${STAGES.join(', ')}, not "${value}"`);
  return value;
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError('bad-option', `--concurrency must be a whole number ≥ 1, not "${value}"`);
  return n;
}

export function registerWorker(program: Command): void {
  withQueueOptions(
    withStoreOptions(
      program
        .command('worker')
        .description('run one pipeline stage as a queue worker (BullMQ on Redis) until SIGTERM or Ctrl-C')
        .requiredOption('--stage <name>', `stage to work on: ${STAGES.join(', ')}`, parseStage),
    ),
  )
    .option(
      '--allow-private',
      'fetch stage: allow private and loopback addresses (intranet sites; env KHABAR_ALLOW_PRIVATE); link-local and metadata addresses never',
    )
    .option(
      '--concurrency <n>',
      'jobs at once in this process (env KHABAR_WORKER_CONCURRENCY, default from the topology)',
      parseConcurrency,
    )
    .addHelpText(
      'after',
      '\nOn SIGTERM/SIGINT the worker stops taking jobs, lets running ones finish, then closes its connections and the store.\n\nExamples:\n  REDIS_URL=redis://localhost:6379 khabar worker --stage analyze --concurrency 2\n  khabar worker --stage index --store elasticsearch --redis redis://queue:6379\n  khabar worker --stage incidents --store elasticsearch --redis redis://queue:6379',
    )
    .action(async (opts: WorkerOpts) => {
      const config = configFrom(opts);
      // BullMQ and the stage code are loaded when a worker starts, not with the CLI.
      const { runWorker } = await import('../../driver/bullmq/run.ts');
      const running = await runWorker({
        stage: opts.stage,
        config,
        openStore,
        openIncidentStore,
        prefix: config.queuePrefix,
        concurrency: opts.concurrency ?? config.workerConcurrency,
      });
      await running.stopped;
    });
}
