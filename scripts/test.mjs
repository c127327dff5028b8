// `npm test`: lint + typecheck, then vitest against real Redis and Elasticsearch
// started on free loopback ports (see scripts/services.mjs).
//   npm test -- tests/unit            extra args go to `vitest run`
//   KHABAR_TEST_SERVICES=none npm test    no servers (unit-only runs)
// Missing system tools (redis-server, Java, Maven, Chromium, a Devanagari font) are installed first
// when running as root, or named in one line otherwise (scripts/ensure-tools.mjs).

import { spawn } from 'node:child_process';
import { ensureTools, needsBrowser } from './ensure-tools.mjs';
import { ensureElasticsearchClasspath, startElasticsearch, startRedis } from './services.mjs';

const extraArgs = process.argv.slice(2);
const withServices = (process.env.KHABAR_TEST_SERVICES ?? '').toLowerCase() !== 'none';
const log = (msg) => process.stdout.write(`[test] ${msg}\n`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

let current = null;
let servicesStarted = false;
// Ctrl-C / kill: pass the signal on to the running tool; scripts/services.mjs
// has its own handlers that stop the servers and exit.
for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(sig, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, sig);
      } catch {
        /* already gone */
      }
    }
    if (!servicesStarted) process.exit(code);
  });
}

/** Runs a command with inherited stdio; resolves with its exit code. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    // own process group, so a signal reaches npx and everything it started
    const child = spawn(cmd, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    current = child;
    child.on('error', (e) => {
      log(`${cmd} failed to start: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function main() {
  let t0 = Date.now();
  const tools = ensureTools({ services: withServices, browser: needsBrowser(extraArgs), log });
  if (tools !== 0) return tools;
  // KHABAR_TEST_LINT=0 skips lint and typecheck for a quick local re-run; CI never sets it.
  if (process.env.KHABAR_TEST_LINT !== '0') {
    log('biome check .');
    if ((await run('npx', ['--no-install', 'biome', 'check', '.'])) !== 0) return 1;
    log('tsc --noEmit');
    if ((await run('npx', ['--no-install', 'tsc', '--noEmit'])) !== 0) return 1;
  }
  log(`lint + typecheck ok (${secs(t0)})`);
  // The CLI and worker processes that tests start load the compiled JavaScript while it is current
  // (bin/runtime.mjs): compile this tree, so that they run the code the tests were written against.
  // A failed build fails the run; a quick local re-run (KHABAR_TEST_LINT=0) goes on from source.
  if ((await run(process.execPath, ['scripts/build.mjs'])) !== 0 && process.env.KHABAR_TEST_LINT !== '0')
    return 1;

  const servers = [];
  const env = {};
  try {
    if (withServices) {
      t0 = Date.now();
      ensureElasticsearchClasspath();
      servicesStarted = true;
      const redisP = startRedis().then((r) => {
        servers.push(r);
        log(`redis up on ${r.host}:${r.port} (${secs(t0)})`);
        return r;
      });
      log('starting redis and elasticsearch on free 127.0.0.1 ports ...');
      const esP = startElasticsearch({ nodes: 1 }).then((es) => {
        servers.push(es);
        log(`elasticsearch up on 127.0.0.1:${es.port} (${secs(t0)})`);
        return es;
      });
      const results = await Promise.allSettled([redisP, esP]);
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length) {
        for (const f of failed) log(`service failed to start: ${f.reason?.message ?? f.reason}`);
        return 1;
      }
      const [redis, es] = results.map((r) => r.value);
      env.KHABAR_TEST_REDIS_URL = redis.url;
      env.KHABAR_TEST_ELASTICSEARCH_URL = es.url;
    } else {
      log('KHABAR_TEST_SERVICES=none: not starting redis/elasticsearch');
    }

    t0 = Date.now();
    log(`vitest run ${extraArgs.join(' ')}`.trim());
    const code = await run('npx', ['--no-install', 'vitest', 'run', ...extraArgs], env);
    log(`vitest exited with ${code} (${secs(t0)})`);
    return code;
  } finally {
    if (servers.length) {
      t0 = Date.now();
      await Promise.allSettled(servers.map((s) => s.destroy()));
      log(`services stopped (${secs(t0)})`);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(err?.stack ?? String(err));
    process.exit(1);
  },
);
