// Real test servers on free loopback ports: Redis (Debian redis-server) and
// Elasticsearch 8.14.1 (Elastic's integ-test distribution from Maven Central,
// unpacked by services/elasticsearch/pom.xml). Plain ESM so that vitest tests
// can import it too:
//
//   import { startRedis, startElasticsearch } from "../scripts/services.mjs";
//   const es = await startElasticsearch({ nodes: 2 });
//   ...; await es.stop(); await es.start(); ...; await es.destroy();
//
// Every server runs in its own process group; stop() signals the whole group and
// waits until no member is left. Exit/SIGINT/SIGTERM handlers kill whatever is
// still running when the importing process goes away.

import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureAnalysisPlugin } from '../services/elasticsearch-analysis/build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ES_PROJECT_DIR = path.join(ROOT, 'services', 'elasticsearch');
const ES_POM = path.join(ES_PROJECT_DIR, 'pom.xml');
const ES_TARGET = path.join(ES_PROJECT_DIR, 'target');
const ES_HOME_FILE = path.join(ES_TARGET, 'es-home.txt');

const HOST = '127.0.0.1';
const ES_START_TIMEOUT_MS = Number(process.env.KHABAR_ES_START_TIMEOUT_MS ?? 180_000);
const REDIS_START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 30_000;
// Elasticsearch refuses to run as root; under root (CI) it runs as nobody.
const RUN_AS = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------
// process-group bookkeeping

/** pgid -> true, for every server group still (possibly) alive */
const liveGroups = new Set();
/** temp dirs this module created and should remove at exit */
const ownedDirs = new Set();
let handlersInstalled = false;

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

async function stopGroup(child, pgid) {
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', r));
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  await Promise.race([exited, sleep(STOP_TIMEOUT_MS)]);
  // the leader may be gone while a grandchild (the ES server JVM) lingers
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    killGroup(pgid, 'SIGKILL');
    while (groupAlive(pgid)) await sleep(50);
  }
  await exited;
  liveGroups.delete(pgid);
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    for (const dir of ownedDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  });
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(sig, () => {
      for (const pgid of liveGroups) killGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      const wait = () => {
        if ([...liveGroups].some(groupAlive) && Date.now() < deadline) setTimeout(wait, 100);
        else process.exit(code); // "exit" handler SIGKILLs any leftover
      };
      wait();
    });
  }
}

/** Spawns `cmd args` as leader of a new process group, output appended to logFile. */
function spawnGroup(cmd, args, { env, cwd, logFile }) {
  installExitHandlers();
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  liveGroups.add(child.pid);
  child.unref();
  return child;
}

function chownTree(dir) {
  if (!RUN_AS) return;
  chownSync(dir, RUN_AS.uid, RUN_AS.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p);
    else chownSync(p, RUN_AS.uid, RUN_AS.gid);
  }
}

// ---------------------------------------------------------------------------
// Redis

function redisPing(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, HOST);
    let buf = '';
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d;
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
  });
}

/**
 * restart() and destroy() of a server handle; destroy() also removes `dir` when this module created it.
 * @param {() => { start(): Promise<unknown>, stop(): Promise<void> }} handle
 * @param {string} dir
 * @param {boolean} ownDir
 */
function restartAndDestroy(handle, dir, ownDir) {
  return {
    async restart() {
      await handle().stop();
      await handle().start();
    },
    async destroy() {
      await handle().stop();
      if (ownDir) {
        rmSync(dir, { recursive: true, force: true });
        ownedDirs.delete(dir);
      }
    },
  };
}

/**
 * Starts redis-server on a free loopback port.
 * @param {{ appendonly?: boolean, dir?: string, port?: number }} [opts]
 */
export async function startRedis({ appendonly = false, dir, port } = {}) {
  const ownDir = !dir;
  const workDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'khabar-redis-'));
  mkdirSync(workDir, { recursive: true });
  if (ownDir) ownedDirs.add(workDir);
  const redisPort = port ?? (await freePort());
  const logFile = path.join(workDir, 'redis.log');
  const bin = process.env.KHABAR_REDIS_SERVER ?? 'redis-server';
  let child = null;

  const handle = {
    url: `redis://${HOST}:${redisPort}`,
    host: HOST,
    port: redisPort,
    dir: workDir,
    logFile,
    pid: undefined,
    async start() {
      if (child) return handle;
      child = spawnGroup(
        bin,
        [
          '--port',
          String(redisPort),
          '--bind',
          HOST,
          '--save',
          '',
          '--appendonly',
          appendonly ? 'yes' : 'no',
          '--dir',
          workDir,
          '--daemonize',
          'no',
          '--protected-mode',
          'yes',
        ],
        { cwd: workDir, logFile },
      );
      handle.pid = child.pid;
      let spawnError = null;
      child.once('error', (e) => {
        spawnError = e;
      });
      const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (spawnError || child.exitCode !== null) break;
        if (await redisPing(redisPort)) return handle;
        await sleep(50);
      }
      const why = spawnError
        ? `could not spawn ${bin}: ${spawnError.message}${spawnError.code === 'ENOENT' ? ' (install it: node scripts/ensure-tools.mjs, as root, or apt-get install redis-server)' : ''}`
        : child.exitCode !== null
          ? `redis-server exited with code ${child.exitCode}`
          : `redis-server did not answer PING within ${REDIS_START_TIMEOUT_MS / 1000}s`;
      await handle.stop();
      throw new Error(`${why} (port ${redisPort}); log tail of ${logFile}:\n${tail(logFile)}`);
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      await stopGroup(c, c.pid);
    },
    ...restartAndDestroy(() => handle, workDir, ownDir),
  };
  await handle.start();
  return handle;
}

// ---------------------------------------------------------------------------
// Elasticsearch

function lockDir(dir) {
  // crude cross-process lock so parallel callers don't run Maven twice
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(dir).mtimeMs > 15 * 60_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        /* raced */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${dir}`);
      spawnSync('sleep', ['0.5']);
    }
  }
}

function esHomeIsFresh() {
  if (!existsSync(ES_HOME_FILE)) return null;
  if (statSync(ES_HOME_FILE).mtimeMs < statSync(ES_POM).mtimeMs) return null;
  const home = readFileSync(ES_HOME_FILE, 'utf8').trim();
  return existsSync(path.join(home, 'bin', 'elasticsearch')) ? home : null;
}

/**
 * Makes sure the Elasticsearch distribution is unpacked under
 * services/elasticsearch/target/ (runs Maven only when target/es-home.txt is
 * missing or older than pom.xml). ~/.m2 is the download cache. Returns ES home.
 * (Named after the original cluster-runner plan, which needed a classpath file.)
 */
export function ensureElasticsearchClasspath({ quiet = false } = {}) {
  let home = esHomeIsFresh();
  if (home) return home;
  mkdirSync(ES_TARGET, { recursive: true });
  const unlock = lockDir(path.join(ES_TARGET, '.lock'));
  try {
    home = esHomeIsFresh();
    if (home) return home;
    const t0 = Date.now();
    if (!quiet)
      process.stderr.write('services: resolving Elasticsearch with Maven (first run downloads ~90 MB) ...\n');
    const mvn = process.env.KHABAR_MVN ?? 'mvn';
    const r = spawnSync(mvn, ['-B', '-q', '-f', ES_POM, 'package'], {
      cwd: ES_PROJECT_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error || r.status !== 0) {
      const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
      const hint =
        r.error?.code === 'ENOENT' ? ' (install Maven: node scripts/ensure-tools.mjs, as root)' : '';
      throw new Error(
        `Maven failed for ${ES_POM} (${r.error?.message ?? `exit ${r.status}`})${hint}:\n${out}`,
      );
    }
    home = esHomeIsFresh();
    if (!home) throw new Error(`Maven ran but ${ES_HOME_FILE} is missing or stale`);
    if (!quiet)
      process.stderr.write(`services: Elasticsearch ready in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
    return home;
  } finally {
    unlock();
  }
}

function javaHome() {
  for (const v of [process.env.ES_JAVA_HOME, process.env.JAVA_HOME]) {
    if (v && existsSync(path.join(v, 'bin', 'java'))) return v;
  }
  const which = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' });
  const java = which.stdout.trim();
  if (!java) throw new Error('java not found: set ES_JAVA_HOME or JAVA_HOME (Java 17+)');
  return path.dirname(path.dirname(realpathSync(java)));
}

async function esHealth(url, nodes, timeoutMs = 5000) {
  try {
    const res = await fetch(
      `${url}/_cluster/health?wait_for_status=yellow&wait_for_nodes=${nodes}&timeout=2s`,
      { signal: AbortSignal.timeout(timeoutMs) },
    );
    if (res.status !== 200) return null;
    const body = await res.json();
    return body.timed_out ? null : body;
  } catch {
    return null;
  }
}

const JVM_OPTIONS = [
  '-XX:+UseG1GC',
  // ES expands ${ES_TMPDIR} in jvm.options itself
  '-Djava.io.tmpdir=$' + '{ES_TMPDIR}',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-HeapDumpOnOutOfMemoryError',
  // default jvm.options writes gc logs relative to cwd; keep only warnings on stderr
  '-Xlog:disable',
  '-Xlog:all=warning:stderr:utctime,level,tags',
  '',
].join('\n');

/**
 * Starts an Elasticsearch cluster of `nodes` nodes (one JVM each) on free
 * loopback ports. Data lives in basePath (a temp dir unless given) and survives
 * stop()/start(), which reuse the same ports.
 * @param {{ nodes?: number, basePath?: string, heap?: string, settings?: Record<string, string|number|boolean> }} [opts]
 */
export async function startElasticsearch({ nodes = 1, basePath, heap, settings = {} } = {}) {
  const home = ensureElasticsearchClasspath();
  // The integ-test distribution lacks analysis-common: add the hindi/english analyzers (see the plugin).
  const unlockPlugin = lockDir(path.join(ES_TARGET, '.plugin-lock'));
  try {
    ensureAnalysisPlugin(home);
  } finally {
    unlockPlugin();
  }
  const ownDir = !basePath;
  const base = basePath ?? mkdtempSync(path.join(os.tmpdir(), 'khabar-es-'));
  mkdirSync(base, { recursive: true });
  if (ownDir) ownedDirs.add(base);
  const hasSecurity = existsSync(path.join(home, 'modules', 'x-pack-security'));
  const jHome = javaHome();
  const heapOpt = heap ?? process.env.KHABAR_ES_HEAP ?? (nodes > 1 ? '512m' : '1g');

  const httpPorts = [];
  const transportPorts = [];
  for (let i = 0; i < nodes; i++) {
    httpPorts.push(await freePort());
    transportPorts.push(await freePort());
  }
  const nodeNames = httpPorts.map((_, i) => `node-${i + 1}`);
  const urls = httpPorts.map((p) => `http://${HOST}:${p}`);

  const layout = nodeNames.map((name, i) => {
    const dir = path.join(base, name);
    const conf = path.join(dir, 'config');
    for (const d of ['config', 'data', 'logs', 'tmp']) mkdirSync(path.join(dir, d), { recursive: true });
    const yml = {
      'cluster.name': 'khabar-test',
      'node.name': name,
      'network.host': HOST,
      'http.port': httpPorts[i],
      'transport.port': transportPorts[i],
      'path.data': path.join(dir, 'data'),
      'path.logs': path.join(dir, 'logs'),
      // a fuller disk must not turn indices read-only in tests
      'cluster.routing.allocation.disk.threshold_enabled': false,
      'action.auto_create_index': true,
      ...(hasSecurity ? { 'xpack.security.enabled': false } : {}),
      ...(nodes === 1
        ? { 'discovery.type': 'single-node' }
        : {
            'discovery.seed_hosts': JSON.stringify(transportPorts.map((p) => `${HOST}:${p}`)),
            'cluster.initial_master_nodes': JSON.stringify(nodeNames),
          }),
      ...settings,
    };
    writeFileSync(
      path.join(conf, 'elasticsearch.yml'),
      `${Object.entries(yml)
        .map(([k, v]) => `${k}: ${typeof v === 'string' && !v.startsWith('[') ? JSON.stringify(v) : v}`)
        .join('\n')}\n`,
    );
    writeFileSync(path.join(conf, 'jvm.options'), JVM_OPTIONS);
    copyFileSync(path.join(home, 'config', 'log4j2.properties'), path.join(conf, 'log4j2.properties'));
    return {
      name,
      dir,
      conf,
      logFile: path.join(dir, 'stdout.log'),
      serverLog: path.join(dir, 'logs', 'khabar-test.log'),
    };
  });
  chownTree(base);

  /** @type {(import("node:child_process").ChildProcess | null)[]} */
  let children = [];
  const esBin = path.join(home, 'bin', 'elasticsearch');

  const handle = {
    url: urls[0],
    urls,
    port: httpPorts[0],
    ports: httpPorts,
    transportPorts,
    nodes,
    basePath: base,
    home,
    logFile: layout[0].logFile,
    logFiles: layout.map((l) => l.logFile),
    pid: undefined,
    pids: [],
    async start() {
      if (children.length) return handle;
      const t0 = Date.now();
      children = layout.map((l) => {
        const [cmd, args] = RUN_AS
          ? ['setpriv', [`--reuid=${RUN_AS.uid}`, `--regid=${RUN_AS.gid}`, '--clear-groups', '--', esBin]]
          : [esBin, []];
        return spawnGroup(cmd, args, {
          cwd: l.dir,
          logFile: l.logFile,
          env: {
            ES_JAVA_HOME: jHome,
            ES_PATH_CONF: l.conf,
            ES_TMPDIR: path.join(l.dir, 'tmp'),
            ES_JAVA_OPTS: `-Xms${heapOpt === '1g' ? '512m' : heapOpt} -Xmx${heapOpt}`,
          },
        });
      });
      handle.pids = children.map((c) => c.pid);
      handle.pid = handle.pids[0];
      const errors = [];
      children.forEach((c, i) => {
        c.once('error', (e) => {
          errors.push(`${layout[i].name}: ${e.message}`);
        });
      });
      const deadline = t0 + ES_START_TIMEOUT_MS;
      let why = `did not become healthy within ${ES_START_TIMEOUT_MS / 1000}s`;
      while (Date.now() < deadline) {
        const dead = children.findIndex((c) => c.exitCode !== null || c.signalCode !== null);
        if (errors.length || dead >= 0) {
          why = errors.length
            ? errors.join('; ')
            : `${layout[dead].name} exited with code ${children[dead].exitCode}`;
          break;
        }
        const health = await esHealth(urls[0], nodes);
        if (health && health.number_of_nodes >= nodes) {
          handle.startedInMs = Date.now() - t0;
          return handle;
        }
        await sleep(250);
      }
      const logs = layout
        .map((l) => `--- ${l.logFile}\n${tail(l.logFile, 30)}\n--- ${l.serverLog}\n${tail(l.serverLog, 15)}`)
        .join('\n');
      await handle.stop();
      throw new Error(`Elasticsearch (${nodes} node(s), http ${httpPorts.join(',')}) ${why}\n${logs}`);
    },
    async stop() {
      const cs = children;
      children = [];
      await Promise.all(cs.map((c) => stopGroup(c, c.pid)));
    },
    ...restartAndDestroy(() => handle, base, ownDir),
  };
  await handle.start();
  return handle;
}
