/**
 * The Elasticsearch store's indices: the index plan for a mapping version, creating the three indices behind
 * their aliases (safe to run concurrently), listing them, and moving the articles to a new mapping version
 * (`reindexTo`: the `_reindex` API as a polled task, or a point-in-time bulk copy where the cluster has no
 * reindex module, then an atomic alias swap).
 */

import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { ConfigError, InputError, TransientError } from '../../core/errors.ts';
import { type BulkOp, runBulk } from './bulk.ts';
import { type ElasticsearchStoreOptions, type StoreContext, sleep, wrap } from './client.ts';
import { PAGE } from './documents.ts';
import { buildIndexPlan, type IndexPlan, MAPPING_VERSION } from './mapping.ts';
import { count } from './search.ts';

export interface ReindexResult {
  from: string;
  to: string;
  documents: number;
}

export function planFor(options: ElasticsearchStoreOptions, version: number): IndexPlan {
  const o = options;
  const plan = buildIndexPlan(undefined, { version, shards: o.shards, replicas: o.replicas });
  return o.settings ? { ...plan, settings: { ...plan.settings, ...o.settings } } : plan;
}

/** Name of the articles index for a mapping version. */
export function articlesIndex(articlesAlias: string, version: number = MAPPING_VERSION): string {
  return `${articlesAlias}-v${version}`;
}

/** Every index this store owns (for tests and clean-up): concrete names, any version. */
export async function listIndices(ctx: StoreContext): Promise<string[]> {
  const res = await ctx.client.indices
    .get({ index: `${ctx.prefix}-*`, allow_no_indices: true, expand_wildcards: 'all' })
    .catch((e) => {
      throw wrap(e, 'list indices');
    });
  return Object.keys(res)
    .filter((name) =>
      [ctx.articlesAlias, ctx.revisionsAlias, ctx.hashesAlias].some((a) => name.startsWith(`${a}-v`)),
    )
    .sort();
}

export async function initIndices(ctx: StoreContext): Promise<void> {
  try {
    await ensure(
      ctx.client,
      ctx.articlesAlias,
      articlesIndex(ctx.articlesAlias),
      ctx.plan.settings,
      ctx.plan.mappings,
    );
    // Revisions and content hashes are only read by id (real-time gets, which see unrefreshed writes),
    // never searched: no refresh a second, whose small segments Elasticsearch then spent CPU merging.
    const small = {
      number_of_shards: ctx.plan.settings.number_of_shards,
      number_of_replicas: ctx.plan.settings.number_of_replicas,
      refresh_interval: '-1',
    };
    await ensure(ctx.client, ctx.revisionsAlias, `${ctx.revisionsAlias}-v1`, small, {
      dynamic: 'strict',
      properties: {
        articleId: { type: 'keyword' },
        revision: { type: 'integer' },
        contentHash: { type: 'keyword' },
        storedAt: { type: 'date' },
        article: { type: 'object', enabled: false },
      },
    });
    await ensure(ctx.client, ctx.hashesAlias, `${ctx.hashesAlias}-v1`, small, {
      dynamic: 'strict',
      properties: { articleId: { type: 'keyword' } },
    });
  } catch (e) {
    const err = wrap(e, `initialise Elasticsearch indices ${ctx.prefix}-*`);
    // A rejected index definition is a deployment problem (missing analysis module, bad settings), not input.
    throw err instanceof InputError ? new ConfigError('store-init', err.message, { cause: e }) : err;
  }
}

/** Create `index` with `alias` unless the alias exists. Safe to run concurrently. */
async function ensure(
  client: Client,
  alias: string,
  index: string,
  settings: Record<string, unknown>,
  mappings: Record<string, unknown>,
) {
  if (await client.indices.existsAlias({ name: alias })) return;
  // `exists` answers for an alias too: one that a concurrent init created since the line above is ours.
  if (await client.indices.exists({ index: alias })) {
    if (await client.indices.existsAlias({ name: alias })) return;
    throw new ConfigError(
      'store-layout',
      `Elasticsearch has an index named ${alias}; Khabar needs that name for an alias`,
    );
  }
  try {
    await client.indices.create({
      index,
      settings,
      mappings: mappings as estypes.MappingTypeMapping,
      aliases: { [alias]: { is_write_index: true } },
    });
  } catch (e) {
    if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception'))
      throw e;
    // Created concurrently, or left without its alias by an interrupted init.
    await client.indices.putAlias({ index, name: alias, is_write_index: true });
  }
}

/** The concrete index the articles alias points to. */
export async function currentArticlesIndex(ctx: StoreContext): Promise<string> {
  const res = await ctx.client.indices.getAlias({ name: ctx.articlesAlias }).catch((e) => {
    throw wrap(e, `read alias ${ctx.articlesAlias}`);
  });
  const names = Object.keys(res);
  if (names.length !== 1)
    throw new ConfigError('store-layout', `alias ${ctx.articlesAlias} points to ${names.length} indices`);
  return names[0]!;
}

/**
 * Move the articles to a new mapping version: create `<prefix>-articles-v<version>` from the schema, copy
 * every document with the `_reindex` API, check the count, then swap the alias atomically. Writers should be
 * paused meanwhile (writes to the old index after the copy started are not carried over). The old index is
 * kept unless `deleteOld`. Derived fields are carried over as they were; a change in how they are derived
 * needs the articles re-ingested.
 */
export async function reindexTo(
  ctx: StoreContext,
  version: number,
  options: { deleteOld?: boolean } = {},
): Promise<ReindexResult> {
  if (!Number.isInteger(version) || version < 1)
    throw new InputError('bad-version', `mapping version must be a positive integer`);
  const from = await currentArticlesIndex(ctx);
  const to = articlesIndex(ctx.articlesAlias, version);
  if (from === to) return { from, to, documents: await count(ctx) };
  try {
    const plan = planFor(ctx.options, version);
    // A target left over by an interrupted reindex is not live (the alias is elsewhere): start it afresh.
    if (await ctx.client.indices.exists({ index: to })) await ctx.client.indices.delete({ index: to });
    await ctx.client.indices.create({
      index: to,
      settings: plan.settings,
      mappings: plan.mappings as estypes.MappingTypeMapping,
    });
    await ctx.client.indices.refresh({ index: from });
    if (!(await reindexApi(ctx.client, from, to))) await copyDocuments(ctx, from, to);
    await ctx.client.indices.refresh({ index: to });
    const [a, b] = await Promise.all([ctx.client.count({ index: from }), ctx.client.count({ index: to })]);
    if (a.count !== b.count) {
      throw new TransientError(
        'reindex-failed',
        `reindex ${from} → ${to} copied ${b.count} of ${a.count} documents; alias left on ${from}`,
      );
    }
    await ctx.client.indices.updateAliases({
      actions: [
        { remove: { index: from, alias: ctx.articlesAlias } },
        { add: { index: to, alias: ctx.articlesAlias, is_write_index: true } },
      ],
    });
    if (options.deleteOld) await ctx.client.indices.delete({ index: from });
    return { from, to, documents: b.count };
  } catch (e) {
    throw wrap(e, `reindex ${from} → ${to}`);
  }
}

/** Copy with the `_reindex` API as a task, polled; false when the cluster has no reindex module. */
async function reindexApi(client: Client, from: string, to: string): Promise<boolean> {
  let taskId: string;
  try {
    const started = await client.reindex({
      source: { index: from, size: 1000 },
      dest: { index: to, op_type: 'create' },
      conflicts: 'abort',
      wait_for_completion: false,
      refresh: true,
    });
    taskId = String(started.task);
  } catch (e) {
    // 405/404/400 without an error object: a minimal distribution without the reindex module.
    if (
      e instanceof errors.ResponseError &&
      [400, 404, 405].includes(e.statusCode ?? 0) &&
      !e.body?.error?.type
    ) {
      return false;
    }
    throw e;
  }
  for (;;) {
    const task = await client.tasks.get({ task_id: taskId });
    if (!task.completed) {
      await sleep(500);
      continue;
    }
    const failures = (task.response as { failures?: unknown[] } | undefined)?.failures ?? [];
    if (task.error || failures.length > 0) {
      const first = task.error ?? failures[0];
      throw new TransientError('reindex-failed', `reindex ${from} → ${to}: ${JSON.stringify(first)}`);
    }
    return true;
  }
}

/** Fallback copy: point-in-time pages of `_source`, bulk-created in the target. */
async function copyDocuments(ctx: StoreContext, from: string, to: string): Promise<void> {
  const pit = (await ctx.client.openPointInTime({ index: from, keep_alive: '2m' })).id;
  try {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const res = await ctx.client.search({
        pit: { id: pit, keep_alive: '2m' },
        size: PAGE,
        sort: [{ _shard_doc: 'asc' }],
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      });
      const hits = res.hits.hits;
      const ops = hits.map(
        (h): BulkOp => ({ key: h._id!, action: 'create', index: to, id: h._id!, doc: h._source }),
      );
      for (const [id, r] of await runBulk(ctx.client, ctx.bulk, ops)) {
        if (r.status >= 300)
          throw new TransientError('reindex-failed', `copy ${id} to ${to}: ${r.status} ${r.reason}`);
      }
      if (hits.length < PAGE) return;
      after = hits.at(-1)!.sort;
    }
  } finally {
    await ctx.client.closePointInTime({ id: pit }).catch(() => undefined);
  }
}
