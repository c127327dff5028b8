import type { Command } from 'commander';
import { openIncidentStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import { feedPath } from '../../incidents/notify.ts';
import { watchId } from '../../incidents/service.ts';
import type { Watch } from '../../incidents/types.ts';
import { parseQuery } from '../../store/query.ts';
import { dim, writeLine } from '../output.ts';
import { feedDirFrom } from './incidents.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

interface AddOpts extends StoreOpts {
  incident?: string;
  lang?: string;
  webhook?: string;
  name?: string;
  feeds?: string;
}

/** Validate and build a watch from command-line input. */
export function buildWatch(query: string | undefined, opts: AddOpts, now = new Date()): Watch {
  if (!!query === !!opts.incident)
    throw new InputError('bad-watch', 'give either a search QUERY or --incident ID (not both)');
  if (query) parseQuery(query); // rejects unusable queries now, not at the first ingest
  if (opts.webhook && !/^https?:\/\/\S+$/.test(opts.webhook))
    throw new InputError('bad-watch', `--webhook must be an http(s) URL, got "${opts.webhook}"`);
  const base = {
    kind: query ? ('query' as const) : ('incident' as const),
    ...(query ? { query } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
    ...(opts.incident ? { incidentId: opts.incident } : {}),
    ...(opts.webhook ? { webhook: opts.webhook } : {}),
  };
  return {
    id: watchId(base),
    ...base,
    ...(opts.name ? { name: opts.name } : {}),
    createdAt: now.toISOString(),
  };
}

export function registerWatch(program: Command): void {
  const cmd = program
    .command('watch')
    .description(
      'saved searches and incident follows: each new matching article goes to an Atom feed and an optional webhook',
    );
  withStoreOptions(
    cmd
      .command('add')
      .description('watch a search (same syntax as `khabar search`) or an incident')
      .argument('[query]'),
  )
    .option('--incident <id>', 'follow an incident (its follow-ups notify)')
    .option('--lang <code>', 'only articles in this language (hin, eng)')
    .option('--webhook <url>', 'also POST each notification as JSON (retried on failure)')
    .option('--name <name>', 'a name for the feed title')
    .option('--feeds <dir>', 'directory of watch Atom feeds (env KHABAR_FEEDS_DIR, default ./data/feeds)')
    .action(async (query: string | undefined, opts: AddOpts) => {
      const store = await openIncidentStore(configFrom(opts));
      try {
        if (opts.incident && !(await store.resolveId(opts.incident)))
          throw new InputError('not-found', `no incident ${opts.incident} (see \`khabar incidents list\`)`);
        const w = buildWatch(query, opts);
        await store.addWatch(w);
        writeLine(`${w.id}  feed: ${feedPath(feedDirFrom(opts), w.id)}`);
      } finally {
        await store.close();
      }
    });
  withStoreOptions(cmd.command('list').description('saved watches'))
    .option('--json', 'print JSON')
    .action(async (opts: StoreOpts & { json?: boolean }) => {
      const store = await openIncidentStore(configFrom(opts));
      try {
        const ws = await store.listWatches();
        if (opts.json) return writeLine(JSON.stringify(ws));
        for (const w of ws)
          writeLine(
            `${w.id}  ${w.kind === 'query' ? `search "${w.query}"${w.lang ? ` (${w.lang})` : ''}` : `incident ${w.incidentId}`}${w.webhook ? dim(`  → ${w.webhook}`) : ''}${w.name ? `  ${w.name}` : ''}`,
          );
      } finally {
        await store.close();
      }
    });
  withStoreOptions(
    cmd.command('remove').description('delete a watch and its notifications').argument('<id>'),
  ).action(async (id: string, opts: StoreOpts) => {
    const store = await openIncidentStore(configFrom(opts));
    try {
      if (!(await store.removeWatch(id))) throw new InputError('not-found', `no watch ${id}`);
      writeLine(`removed ${id}`);
    } finally {
      await store.close();
    }
  });
}
