import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { openStore } from '../../bootstrap.ts';
import { writeLine } from '../output.ts';
import { runIngest } from './ingest.ts';
import { printResults } from './search.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');

export function registerDemo(program: Command): void {
  withStoreOptions(
    program
      .command('demo')
      .description('ingest the bundled sample articles (examples/) into the embedded store, then search them')
      .argument('[query...]', 'query to run after ingesting', ['AIIMS']),
  ).action(async (words: string[], opts: StoreOpts) => {
    writeLine(`Ingesting the bundled samples from ${EXAMPLES}`);
    await runIngest([EXAMPLES], opts);
    const store = await openStore(configFrom(opts));
    try {
      const text = words.join(' ');
      writeLine();
      printResults(text, await store.search({ text, limit: 10 }));
      writeLine();
      writeLine(
        'Incidents grouped from these articles: npx khabar incidents list   ·   npx khabar incidents timeline <id>',
      );
      writeLine(
        'Try: npx khabar search एम्स --lang hin   ·   npx khabar export --format csv --out articles.csv   ·   npx khabar serve',
      );
    } finally {
      await store.close();
    }
  });
}
