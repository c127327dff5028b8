import type { Command } from 'commander';
import { openStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import type { SearchResult } from '../../store/types.ts';
import { bold, dim, renderHighlight, writeLine } from '../output.ts';
import {
  configFrom,
  type FilterOpts,
  filterFrom,
  type StoreOpts,
  withFilterOptions,
  withStoreOptions,
} from './store-options.ts';

export function printResults(query: string, result: SearchResult): void {
  writeLine(`${result.total} result${result.total === 1 ? '' : 's'} for ${bold(query || '(all)')}`);
  for (const [i, h] of result.hits.entries()) {
    writeLine();
    writeLine(`${i + 1}. ${bold(h.title)}`);
    writeLine(
      dim(
        `   [${h.language}] ${h.site ?? ''} ${h.published ?? ''} ${h.url ?? ''} id=${h.id}`.replace(
          /\s+/g,
          ' ',
        ),
      ),
    );
    for (const f of h.highlights.slice(0, 2)) writeLine(`   ${renderHighlight(f)}`);
  }
}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new InputError('bad-option', `${name} must be a whole number, not "${v}"`);
    return n;
  };
}

export function registerSearch(program: Command): void {
  withFilterOptions(
    withStoreOptions(
      program
        .command('search')
        .description(
          'full-text search in Hindi and English; entity names match across scripts (AIIMS finds एम्स)',
        )
        .argument('[query...]', 'words and "quoted phrases"; empty lists by date'),
    ),
  )
    .option('--limit <n>', 'results to show', positiveInt('--limit'), 10)
    .option('--offset <n>', 'results to skip', positiveInt('--offset'), 0)
    .option('--json', 'print results as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  khabar search AIIMS\n  khabar search "सर्वर हैक" --lang hin --from 2022-11-01\n  khabar search --entity IFSO --json',
    )
    .action(
      async (
        words: string[],
        opts: StoreOpts & FilterOpts & { limit: number; offset: number; json?: boolean },
      ) => {
        const store = await openStore(configFrom(opts));
        try {
          const text = words.join(' ');
          const result = await store.search({
            ...filterFrom(opts),
            ...(text ? { text } : {}),
            limit: opts.limit,
            offset: opts.offset,
          });
          if (opts.json) writeLine(JSON.stringify(result, null, 2));
          else printResults(text, result);
        } finally {
          await store.close();
        }
      },
    );
}
