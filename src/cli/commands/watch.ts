import type { Command } from 'commander';
import { openIncidentStore } from '../../bootstrap.ts';
import { InputError, TransientError } from '../../core/errors.ts';
import { deliverPending } from '../../incidents/deliver.ts';
import { feedPath } from '../../incidents/notify.ts';
import { watchId } from '../../incidents/service.ts';
import type { Watch } from '../../incidents/types.ts';
import { checkUrlTarget } from '../../net/index.ts';
import type { DeliveryState } from '../../store/incidents/types.ts';
import { parseQuery } from '../../store/query.ts';
import { dim, writeLine } from '../output.ts';
import { feedDirFrom } from './incidents.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';
import { printDeliveries } from './watch-deliveries.ts';

interface AddOpts extends StoreOpts {
  incident?: string;
  lang?: string;
  webhook?: string;
  name?: string;
  feeds?: string;
  allowPrivate?: boolean;
}

/** Host names that lead inside the machine or the cloud, whatever DNS says about them now. */
const INTERNAL_NAME = /(?:^|\.)(?:localhost|local|internal|home\.arpa)\.?$/i;
/** Cloud metadata services: never a webhook, opt-in or not. */
const METADATA_NAME = /^(?:metadata|metadata\.google\.internal|instance-data(?:\.ec2\.internal)?)\.?$/i;

/**
 * Refuse a webhook URL that leads to this machine, a private network, link-local or cloud metadata
 * addresses (literal, in any IPv4/IPv6 spelling, or through DNS now), unless `allowPrivate` (the
 * `--allow-private` opt-in; link-local and metadata stay refused). The guarded fetcher checks again at
 * every send, since DNS answers change.
 */
export async function vetWebhook(url: string, opts: { allowPrivate?: boolean } = {}): Promise<void> {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new InputError('bad-webhook', `webhook must be an http(s) URL, got "${url.slice(0, 200)}"`);
  }
  if (METADATA_NAME.test(host))
    throw new InputError('bad-webhook', `webhook ${host} is a cloud metadata service; it is never allowed`);
  if (!opts.allowPrivate && INTERNAL_NAME.test(host))
    throw new InputError(
      'bad-webhook',
      `webhook host ${host} is a local or internal name; private webhooks need the explicit opt-in (--allow-private)`,
    );
  try {
    await checkUrlTarget(url, { allowPrivate: opts.allowPrivate ?? false });
  } catch (e) {
    if (e instanceof TransientError)
      throw new InputError('bad-webhook', `webhook host ${host} does not resolve: ${e.message}`);
    if (e instanceof InputError) throw new InputError('bad-webhook', `webhook ${e.message}`);
    throw e;
  }
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
    ...(opts.webhook && opts.allowPrivate ? { allowPrivate: true } : {}),
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
    .option(
      '--allow-private',
      'let the webhook reach loopback and private addresses (intranet receivers; refused otherwise)',
    )
    .option('--name <name>', 'a name for the feed title')
    .option('--feeds <dir>', 'directory of watch Atom feeds (env KHABAR_FEEDS_DIR, default ./data/feeds)')
    .action(async (query: string | undefined, opts: AddOpts) => {
      const store = await openIncidentStore(configFrom(opts));
      try {
        if (opts.incident && !(await store.resolveId(opts.incident)))
          throw new InputError('not-found', `no incident ${opts.incident} (see \`khabar incidents list\`)`);
        const w = buildWatch(query, opts);
        if (w.webhook) await vetWebhook(w.webhook, opts);
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
  withStoreOptions(
    cmd
      .command('deliveries')
      .description('webhook deliveries (the outbox): state, attempts and last error of each')
      .addHelpText('after', DELIVERIES_HELP),
  )
    .option('--watch <id>', 'only this watch')
    .option('--failed', 'only deliveries that failed: retrying and dead')
    .option('--state <states>', 'only these states, comma-separated (pending, retrying, delivered, dead)')
    .option('--limit <n>', 'at most this many, newest first', '50')
    .option('--json', 'print JSON, one delivery per line')
    .action(async (opts: DeliveriesOpts) => {
      const store = await openIncidentStore(configFrom(opts));
      try {
        const deliveries = await store.listDeliveries({
          ...(opts.watch ? { watchId: opts.watch } : {}),
          states: statesOf(opts),
          limit: positive(opts.limit, '--limit'),
        });
        printDeliveries(deliveries, opts.json === true);
      } finally {
        await store.close();
      }
    });
  withStoreOptions(
    cmd
      .command('deliver')
      .description('send the webhook deliveries that are due now (pending, and retries whose time has come)')
      .addHelpText(
        'after',
        `
Deliveries are also sent by every \`khabar ingest\` and \`khabar incidents update\`; run this from cron to
keep retrying without ingesting. Failed sends are retried with exponential backoff; after the last attempt
a delivery is dead (see \`khabar watch deliveries --failed\`).

Examples:
  khabar watch deliver
  khabar watch deliver --wait 60     stay up to 60 s for retries that fall due meanwhile`,
      ),
  )
    .option('--wait <seconds>', 'stay this long for retries that fall due meanwhile', '0')
    .action(async (opts: StoreOpts & { wait: string }) => {
      const store = await openIncidentStore(configFrom(opts));
      try {
        const waitMs = Number(opts.wait) * 1000;
        if (!Number.isFinite(waitMs) || waitMs < 0)
          throw new InputError('bad-option', `--wait must be a number of seconds, not "${opts.wait}"`);
        const done = await deliverPending(store, { waitMs });
        printDeliveries(done, false);
        const count = (st: DeliveryState) => done.filter((d) => d.state === st).length;
        process.stderr.write(
          `khabar: ${count('delivered')} delivered, ${count('retrying')} to retry, ${count('dead')} dead\n`,
        );
      } finally {
        await store.close();
      }
    });
}

interface DeliveriesOpts extends StoreOpts {
  watch?: string;
  failed?: boolean;
  state?: string;
  limit: string;
  json?: boolean;
}

const STATES: DeliveryState[] = ['pending', 'retrying', 'delivered', 'dead'];

function statesOf(opts: DeliveriesOpts): DeliveryState[] | undefined {
  if (opts.failed && opts.state) throw new InputError('bad-option', 'give --failed or --state, not both');
  if (opts.failed) return ['retrying', 'dead'];
  if (!opts.state) return undefined;
  const states = opts.state.split(',').map((x) => x.trim());
  const bad = states.find((x) => !STATES.includes(x as DeliveryState));
  if (bad) throw new InputError('bad-option', `--state: "${bad}" is not one of ${STATES.join(', ')}`);
  return states as DeliveryState[];
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError('bad-option', `${name} must be a whole number ≥ 1, not "${raw}"`);
  return n;
}

const DELIVERIES_HELP = `
Each webhook notification is recorded first (pending), then sent; a failed send is retried with
exponential backoff (network errors, timeouts, 408, 429, 5xx) until it is delivered or its attempts are
used up, and then it is dead. A receiver that refuses the payload (other 4xx) or redirects is dead at once.
Columns: state, attempts, last HTTP status, when (delivered, or next attempt), watch, receiver host, error.

Examples:
  khabar watch deliveries                    the latest 50
  khabar watch deliveries --failed           retrying and dead ones, with their last error
  khabar watch deliveries --state dead --json
  khabar watch deliveries --watch w-0123456789abcdef0123`;
