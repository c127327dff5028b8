/**
 * `khabar` command line. Each command lives in commands/; this file wires them and turns errors into one
 * clear line on stderr and a non-zero exit status.
 */
import { Command, CommanderError } from 'commander';
import { type KhabarConfig, loadConfig } from '../core/config.ts';
import { ConfigError, describeError, InputError, KhabarError } from '../core/errors.ts';
import { setHeapGrowth } from '../core/heap.ts';
import { printable } from '../core/printable.ts';
import { PIPELINE_VERSION } from '../pipeline/version.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerConfig } from './commands/config.ts';
import { registerCrawl } from './commands/crawl.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerIncidents } from './commands/incidents.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerQueues } from './commands/queues.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { useConfig } from './commands/store-options.ts';
import { registerWatch } from './commands/watch.ts';
import { registerWorker } from './commands/worker.ts';
import { configureOutput } from './output.ts';

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
  registerConfig(program);
  program.addHelpText(
    'after',
    '\nEnvironment: every setting has a KHABAR_* variable (KHABAR_DB, KHABAR_STORE, KHABAR_MAX_BYTES,\nKHABAR_REDIS_URL, KHABAR_ELASTICSEARCH_URL, ...); `khabar config` lists them with their effective values.',
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
  let config: KhabarConfig | undefined;
  try {
    // The environment is read and validated once, before any command: a bad value stops here, named.
    // Combinations are checked per command, whose flags may supply what the environment lacks.
    config = loadConfig(undefined, {}, { combinations: false });
    setHeapGrowth(config.heapGrowthPercent);
    useConfig(config);
    configureOutput(config);
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // Messages carry file names and page text: escaped, so they cannot drive the terminal.
    process.stderr.write(`khabar: ${printable(describeError(e))}\n`);
    // 2: the input or the configuration is wrong (fix and re-run); 1: anything else.
    if (e instanceof InputError || e instanceof ConfigError) return 2;
    if (!(e instanceof KhabarError) && config?.debug) console.error(e);
    return 1;
  }
}
