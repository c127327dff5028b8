import type { Command } from 'commander';
import type { startServer } from '../../api/server.ts';
import { openIncidentStore } from '../../bootstrap.ts';
import { InputError } from '../../core/errors.ts';
import { configFrom, type StoreOpts, withStoreOptions } from './store-options.ts';

const HELP = `
Routes: /            web UI (search, article pages, /incidents, /watches)
        /api/search, /api/articles/:id, /api/entities/:name, /api/export
        /api/incidents[/:id[/timeline]], /api/watches[/:id], /feeds/watches/:id, /feeds/incidents/:id
        /health, /ready, /metrics, /openapi.json, /admin/queues (when REDIS_URL is set)

Environment:
  KHABAR_API_KEY                 when set, /api/export, write routes and /admin/queues need it
                                 (header x-api-key, or the HTTP Basic password in a browser)
  KHABAR_API_RATE_LIMIT          requests per minute per client (default 300; 0 = off)
  KHABAR_API_EXPORT_RATE_LIMIT   export requests per minute per client (default 10; 0 = off)
  KHABAR_API_MAX_PAGE            largest search page (default 100)
  KHABAR_API_EXPORT_MAX          most records per export request (default 100000)
  KHABAR_API_CORS_ORIGINS        comma-separated origins allowed by CORS (default none: CORS off)
  KHABAR_API_ALLOWED_HOSTS       comma-separated host names the queue dashboard answers to (--allowed-hosts)
  KHABAR_STORE, KHABAR_DB, ELASTICSEARCH_URL, REDIS_URL, KHABAR_QUEUE_PREFIX, KHABAR_LOG_LEVEL

Without KHABAR_API_KEY the server only starts on a loopback address (127.0.0.1, ::1, localhost), unless
--insecure is given. Webhook URLs are shown by /api/watches only with the key (or, without a key, on a
loopback server); others see the receiver's scheme and host. The web UI's forms carry a CSRF token. The
queue dashboard answers only to the server's host names (--allowed-hosts or KHABAR_API_ALLOWED_HOSTS;
without them, the loopback names on a loopback server).

Examples:
  khabar serve                         http://127.0.0.1:8080
  KHABAR_API_KEY=secret khabar serve --host 0.0.0.0 --port 9000 --allowed-hosts news.example.org
  khabar serve --host 0.0.0.0 --insecure          a closed lab network, everything open
  khabar serve --allow-private         watches may post to webhooks on this machine or the intranet`;

interface ServeOpts extends StoreOpts {
  host?: string;
  port?: string;
  insecure?: boolean;
  allowedHosts?: string;
  allowPrivate?: boolean;
}

/** `khabar serve`: the HTTP API and web UI. */
export function registerServe(program: Command): void {
  withStoreOptions(program.command('serve').description('HTTP API and web UI (search, articles, export)'))
    .option('--host <host>', 'address to listen on (env KHABAR_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port, 0 = any free port (env KHABAR_PORT, default 8080)')
    .option('--insecure', 'serve beyond loopback without KHABAR_API_KEY (everything open to the network)')
    .option(
      '--allowed-hosts <names>',
      'comma-separated host names the queue dashboard answers to (env KHABAR_API_ALLOWED_HOSTS)',
    )
    .option('--allow-private', 'accept webhooks to loopback and private addresses (intranet receivers)')
    .addHelpText('after', HELP)
    .action(async (opts: ServeOpts) => {
      const config = configFrom(opts);
      const port = opts.port === undefined ? config.port : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new InputError('bad-option', `--port must be 0–65535, not "${opts.port}"`);
      opts.host ??= config.host;
      const incidentStore = await openIncidentStore(config);
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        // Fastify, the routes and the web UI are loaded when a server starts, not with the CLI.
        const { startServer } = await import('../../api/server.ts');
        const allowedHosts = opts.allowedHosts
          ?.split(',')
          .map((h) => h.trim())
          .filter(Boolean);
        server = await startServer(
          config,
          { host: opts.host, port, insecure: opts.insecure === true },
          {
            incidentStore,
            allowPrivateWebhooks: opts.allowPrivate === true,
            ...(allowedHosts?.length ? { allowedHosts } : {}),
          },
        );
      } catch (e) {
        await incidentStore.close();
        throw e;
      }
      process.stderr.write(`khabar: serving on ${server.url} (UI at /, API document at /openapi.json)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server
            .close()
            .finally(() => incidentStore.close())
            .then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
