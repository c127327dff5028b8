import type { Command } from 'commander';
import { openIncidentStore, openStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../core/types.ts';
import { IncidentService, processStored } from '../../incidents/service.ts';
import type { IncidentRecord } from '../../incidents/types.ts';
import type { IncidentStore } from '../../store/incidents/types.ts';
import { bold, dim, writeLine } from '../output.ts';
import { baseConfig, configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

/** Directory of watch feeds: --feeds, else KHABAR_FEEDS_DIR, else ./data/feeds (see core/config-schema.ts). */
export const feedDirFrom = (opts: { feeds?: string }) => opts.feeds ?? baseConfig().feedsDir;

async function withIncidents<T>(opts: StoreOpts, fn: (store: IncidentStore) => Promise<T>): Promise<T> {
  const store = await openIncidentStore(configFrom(opts));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function mustGet(store: IncidentStore, id: string): Promise<IncidentRecord> {
  const r = await store.getIncident(id);
  if (!r) throw new InputError('not-found', `no incident ${id} (see \`khabar incidents list\`)`);
  return r;
}

const day = (iso?: string) => iso?.slice(0, 10) ?? '?';

function printRecord(r: IncidentRecord): void {
  writeLine(bold(`${r.title.eng}`));
  writeLine(r.title.hin);
  writeLine(
    dim(
      `${r.id}  ${r.type}  status ${r.status.value ?? '?'} (${r.status.rule})  ${r.articleCount} articles, ${r.storyCount} independent stories`,
    ),
  );
  const field = (name: string, f: IncidentRecord['start']) => {
    if (!f.value) return;
    const others = f.claims.filter((c) => c.value !== f.value).map((c) => `${c.value} ×${c.stories}`);
    writeLine(
      `${name}: ${f.value} (${f.rule})${others.length ? dim(`  also claimed: ${others.join(', ')}`) : ''}`,
    );
  };
  field('start', r.start);
  field('end', r.end);
  field('duration', r.duration);
  const list = (name: string, xs: { value: string; stories: number }[]) => {
    if (xs.length) writeLine(`${name}: ${xs.map((x) => `${x.value} ×${x.stories}`).join(', ')}`);
  };
  list('targets', r.targets);
  list('places', r.locations);
  list('investigators', r.investigators);
  list('responders', r.responders);
  list('actions', r.actions);
  list('services affected', r.impact.services);
  list('counts', r.impact.counts);
  writeLine('sources:');
  for (const s of r.sources)
    writeLine(
      `  ${day(s.published)} ${s.language} ${s.site ?? ''} ${s.title}${s.copyOf ? dim(` (copy of ${s.copyOf})`) : ''}${s.url ? dim(` ${s.url}`) : ''}`,
    );
}

function printTimeline(r: IncidentRecord): void {
  writeLine(bold(r.title.eng));
  for (const e of r.timeline) {
    writeLine(`${e.date}  ${e.label}`);
    for (const s of e.sources)
      writeLine(
        dim(
          `    [${s.language}] ${s.sentence.slice(0, 160)}${s.url ? `  ${s.url}` : `  (article ${s.articleId})`}`,
        ),
      );
  }
}

export function registerIncidents(program: Command): void {
  const cmd = program
    .command('incidents')
    .description('incidents merged from many articles: list, show, timeline');
  withStoreOptions(cmd.command('list').description('incidents, most recently reported first'))
    .option('--type <type>', INCIDENT_TYPES.join(', '))
    .option('--from <date>', 'last reported on or after')
    .option('--to <date>', 'first reported on or before')
    .option('--limit <n>', 'at most n incidents', '20')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: StoreOpts & { type?: IncidentType; from?: string; to?: string; limit: string; json?: boolean },
      ) =>
        withIncidents(opts, async (store) => {
          const r = await store.listIncidents({
            type: opts.type,
            from: opts.from,
            to: opts.to,
            limit: Number(opts.limit),
          });
          if (opts.json) return writeLine(JSON.stringify(r));
          writeLine(dim(`${r.total} incidents`));
          for (const i of r.incidents)
            writeLine(
              `${i.id}  ${day(i.firstSeen)}..${day(i.lastSeen)}  ${i.articleCount} art/${i.storyCount} stories  ${i.status ?? ''}  ${i.title.eng}`,
            );
        }),
    );
  withStoreOptions(
    cmd.command('show').description('the merged record, every value with its sources').argument('<id>'),
  )
    .option('--json', 'print the whole record as JSON (schemas/incident.schema.json)')
    .action(async (id: string, opts: StoreOpts & { json?: boolean }) =>
      withIncidents(opts, async (store) => {
        const r = await mustGet(store, id);
        if (opts.json) writeLine(JSON.stringify(r, null, 2));
        else printRecord(r);
      }),
    );
  withStoreOptions(
    cmd.command('timeline').description('dated events from all sources, both languages').argument('<id>'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, opts: StoreOpts & { json?: boolean }) =>
      withIncidents(opts, async (store) => {
        const r = await mustGet(store, id);
        if (opts.json) writeLine(JSON.stringify(r.timeline, null, 2));
        else printTimeline(r);
      }),
    );
  withStoreOptions(
    cmd.command('update').description('group every stored article not grouped yet, and notify watches'),
  )
    .option('--feeds <dir>', 'directory of watch Atom feeds (env KHABAR_FEEDS_DIR, default ./data/feeds)')
    .action(async (opts: StoreOpts & { feeds?: string }) => {
      const articles = await openStore(configFrom(opts));
      try {
        await withIncidents(opts, async (store) => {
          const r = await processStored(articles, new IncidentService(store, { feedDir: feedDirFrom(opts) }));
          const n = (s: string) => r.grouped.filter((g) => g.status === s).length;
          writeLine(
            `grouped ${r.grouped.length} articles: ${n('created')} new incidents, ${n('joined')} joined, ${n('merged')} merged, ${n('unchanged')} unchanged, ${n('not-incident')} not incidents; ${r.notifications.length} notifications`,
          );
        });
      } finally {
        await articles.close();
      }
    });
}
