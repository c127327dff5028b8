/**
 * `khabar` command line. Each command lives in commands/; this file wires them and turns errors into one
 * clear line on stderr and a non-zero exit status.
 */
import { Command, CommanderError } from 'commander';
import { describeError, InputError, KhabarError } from '../core/errors.ts';
import { PIPELINE_VERSION } from '../pipeline/version.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerCrawl } from './commands/crawl.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerIncidents } from './commands/incidents.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerQueues } from './commands/queues.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { registerWatch } from './commands/watch.ts';
import { registerWorker } from './commands/worker.ts';

export function buildProgram(): Command {
  const program = new Command('khabar')
    .description('Khabar (ख़बर): bilingual Hindi + English news analysis, search and export')
    .version(PIPELINE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerIngest(program);
  registerCrawl(program);
  registerSearch(program);
  registerExport(program);
  registerIncidents(program);
  registerWatch(program);
  registerServe(program);
  registerDemo(program);
  registerWorker(program);
  registerQueues(program);
  program.addHelpText(
    'after',
    '\nEnvironment: KHABAR_DB (embedded store file, default ./data/khabar.db), KHABAR_STORE, KHABAR_MAX_BYTES,\nKHABAR_FETCH_TIMEOUT_MS, KHABAR_BATCH_SIZE, KHABAR_DRIVER, KHABAR_QUEUE_PREFIX, KHABAR_WORKER_CONCURRENCY,\nREDIS_URL, ELASTICSEARCH_URL (+ ELASTICSEARCH_API_KEY | ELASTICSEARCH_USERNAME/PASSWORD, ELASTICSEARCH_CA_FILE).',
  );
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Run the CLI; resolves to the process exit status. */
export async function main(argv: string[]): Promise<number> {
  // `khabar search … | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof KhabarError) {
      process.stderr.write(`khabar: ${describeError(e)}\n`);
      return e instanceof InputError ? 2 : 1;
    }
    process.stderr.write(`khabar: ${describeError(e)}\n`);
    if (process.env.KHABAR_DEBUG) console.error(e);
    return 1;
  }
}
