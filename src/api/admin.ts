/**
 * BullMQ dashboard (@bull-board) under `/admin/queues`, one board entry per pipeline stage queue
 * (names from src/pipeline/topology.ts), behind the API key when one is set. Mounted only when Redis is
 * configured.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError, requireApiKey } from './http.ts';

export interface AdminOptions {
  redisUrl: string;
  /** Queue prefix (default: KHABAR_QUEUE_PREFIX or the topology default). */
  queuePrefix?: string;
  apiKey?: string;
  /** Allow the dashboard without an API key (default: only on a loopback listener; see app.ts). */
  allowOpen: boolean;
  /** Host names the dashboard answers to (DNS-rebinding defence); unset = any. */
  allowedHosts?: string[];
}

/** Host name of a Host header, lower-cased, without port or IPv6 brackets. */
export function hostName(header: string | undefined): string {
  const h = (header ?? '').trim().toLowerCase();
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (v6) return v6[1]!;
  // A bare IPv6 address (in the configured list) has no port to strip.
  if ((h.match(/:/g) ?? []).length > 1) return h;
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

/** Mount the dashboard; closes its queue connections when the app closes. */
export async function adminRoutes(app: FastifyInstance, opts: AdminOptions): Promise<void> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }, bullmq, topo, conn] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
    import('bullmq'),
    import('../pipeline/topology.ts'),
    import('../driver/bullmq/connection.ts'),
  ]);
  const topology = topo.makeTopology({ prefix: opts.queuePrefix });
  const queues = topo.STAGES.map((stage) => {
    const q = new bullmq.Queue(topo.queueName(topology, stage), {
      connection: conn.producerConnection(opts.redisUrl),
    });
    q.on('error', (e) => app.log.warn({ err: e }, 'queue dashboard: Redis error'));
    return q;
  });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify pins its own copy of @bull-board/api: same shape, separate declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Khabar queues' } },
  });
  app.addHook('onClose', async () => {
    await Promise.allSettled(queues.map((q) => q.close()));
  });
  await app.register(async (scope) => {
    const auth = requireApiKey(opts.apiKey);
    const hosts = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => hostName(h))) : undefined;
    scope.addHook('onRequest', async (req, reply) => {
      // A page on another site whose name was re-pointed at this server (DNS rebinding) sends its own
      // name as Host: answer only to the names this server is known by.
      if (hosts && !hosts.has(hostName(req.headers.host)))
        throw new HttpError(
          421,
          'misdirected-request',
          `the queue dashboard does not answer to host "${String(req.headers.host ?? '').slice(0, 100)}"; allowed: ${[...hosts].join(', ')} (KHABAR_API_ALLOWED_HOSTS)`,
        );
      if (!opts.apiKey && !opts.allowOpen) {
        throw new HttpError(
          403,
          'forbidden',
          'the queue dashboard needs KHABAR_API_KEY when the API listens beyond loopback',
        );
      }
      await auth(req, reply);
    });
    // Not part of the public API document.
    scope.addHook('onRoute', (route) => {
      route.schema = { ...(route.schema ?? {}), hide: true } as typeof route.schema;
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: '/admin/queues' });
  });
}
