// The system tools `npm test` needs beyond Node and npm, installed when missing, so that README's
// `npm install && npm test` passes on a bare machine:
//   redis-server, Java 17+ (java and javac: the Elasticsearch analysis plugin is compiled) and Maven,
//     for the real Redis and Elasticsearch the tests start (scripts/services.mjs);
//   Debian's Chromium and a Devanagari font, for the browser tests (tests/helpers/browser.ts).
// As root it runs `apt-get update` once and installs them non-interactively; otherwise it prints one line
// saying what to install and the test run stops. The decision is the pure planTools(), unit-tested in
// tests/unit/ensure-tools.test.ts.
//
//   node scripts/ensure-tools.mjs [vitest args]     check (and install) on its own

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every tool, how to find it and the Debian package that provides it. */
export const TOOLS = [
  {
    name: 'redis-server',
    command: (env) => env.KHABAR_REDIS_SERVER || 'redis-server',
    pkg: 'redis-server',
    for: 'services',
  },
  { name: 'java', command: () => 'java', pkg: 'default-jdk-headless', for: 'services' },
  { name: 'javac', command: () => 'javac', pkg: 'default-jdk-headless', for: 'services' },
  { name: 'mvn', command: (env) => env.KHABAR_MVN || 'mvn', pkg: 'maven', for: 'services' },
  {
    name: 'chromium',
    file: (env) => env.KHABAR_CHROMIUM || '/usr/bin/chromium',
    pkg: 'chromium',
    for: 'browser',
  },
  {
    name: 'Devanagari font',
    file: () => '/usr/share/fonts/truetype/lohit-devanagari',
    pkg: 'fonts-lohit-deva',
    for: 'browser',
  },
];

/**
 * What to do about missing tools.
 * @param {{ missing: string[], services: boolean, browser: boolean, isRoot: boolean, hasApt: boolean }} s
 *   missing: names of TOOLS not found; services/browser: whether this run needs that group
 * @returns {{ action: 'none' } | { action: 'install', packages: string[] } | { action: 'fail', message: string }}
 */
export function planTools({ missing, services, browser, isRoot, hasApt }) {
  const needed = TOOLS.filter(
    (t) =>
      missing.includes(t.name) && ((t.for === 'services' && services) || (t.for === 'browser' && browser)),
  );
  if (needed.length === 0) return { action: 'none' };
  const packages = [...new Set(needed.map((t) => t.pkg))];
  if (isRoot && hasApt) return { action: 'install', packages };
  const names = needed.map((t) => t.name).join(', ');
  const how = hasApt
    ? `sudo apt-get install -y ${packages.join(' ')}`
    : `install the Debian/Ubuntu packages ${packages.join(' ')} or their equivalents`;
  const skip = services ? ' (or KHABAR_TEST_SERVICES=none for unit tests only)' : '';
  return { action: 'fail', message: `npm test needs ${names}: run \`${how}\`, then npm test again${skip}` };
}

/** Whether this run includes the browser tests: the whole suite, or arguments naming them. */
export function needsBrowser(vitestArgs) {
  const paths = vitestArgs.filter((a) => !a.startsWith('-'));
  return paths.length === 0 || paths.some((a) => /browser/.test(a));
}

function onPath(cmd, env) {
  if (cmd.includes('/')) return isExecutable(cmd);
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, cmd)));
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Names of the TOOLS not found on this machine. */
export function findMissing(env = process.env) {
  return TOOLS.filter((t) => (t.command ? !onPath(t.command(env), env) : !existsSync(t.file(env)))).map(
    (t) => t.name,
  );
}

/**
 * Check, and install when root; resolves to an exit status (0: all there). `log` gets one line per step.
 * @param {{ services: boolean, browser: boolean, env?: Record<string,string|undefined>, log?: (m: string) => void }} o
 */
export function ensureTools({ services, browser, env = process.env, log = console.log }) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = onPath('apt-get', env);
  const plan = planTools({ missing: findMissing(env), services, browser, isRoot, hasApt });
  if (plan.action === 'none') return 0;
  if (plan.action === 'fail') {
    log(plan.message);
    return 1;
  }
  log(`installing ${plan.packages.join(' ')} with apt-get (running as root)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...plan.packages],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: aptEnv });
    if (r.status !== 0) {
      log(
        `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}): install ${plan.packages.join(' ')} by hand`,
      );
      return 1;
    }
  }
  const still = planTools({ missing: findMissing(env), services, browser, isRoot: false, hasApt });
  if (still.action !== 'none') {
    log(`still missing after apt-get: ${still.message}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const services = (process.env.KHABAR_TEST_SERVICES ?? '').toLowerCase() !== 'none';
  process.exit(
    ensureTools({
      services,
      browser: needsBrowser(args),
      log: (m) => process.stdout.write(`[tools] ${m}\n`),
    }),
  );
}
