// Builds the khabar-analysis plugin (the `hindi` and `english` analyzers; see the Java source) into an
// Elasticsearch home's plugins/ folder, compiling against that home's own jars. Runs only when the
// installed plugin is missing or older than its source.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.join(HERE, 'src/dev/khabar/es/KhabarAnalysisPlugin.java');
const DESCRIPTOR = path.join(HERE, 'plugin-descriptor.properties');

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
}

/** Install the plugin into `esHome/plugins/khabar-analysis`; returns the plugin folder. */
export function ensureAnalysisPlugin(esHome) {
  const dir = path.join(esHome, 'plugins', 'khabar-analysis');
  const jarFile = path.join(dir, 'khabar-analysis.jar');
  const newest = Math.max(statSync(SOURCE).mtimeMs, statSync(DESCRIPTOR).mtimeMs);
  if (existsSync(jarFile) && statSync(jarFile).mtimeMs >= newest) return dir;
  const javaHome = process.env.JAVA_HOME;
  const bin = (tool) => (javaHome ? path.join(javaHome, 'bin', tool) : tool);
  const classes = mkdtempSync(path.join(os.tmpdir(), 'khabar-plugin-'));
  try {
    run(bin('javac'), ['-d', classes, '-cp', path.join(esHome, 'lib', '*'), '--release', '17', SOURCE]);
    mkdirSync(dir, { recursive: true });
    run(bin('jar'), ['cf', jarFile, '-C', classes, 'dev']);
    copyFileSync(DESCRIPTOR, path.join(dir, 'plugin-descriptor.properties'));
  } finally {
    rmSync(classes, { recursive: true, force: true });
  }
  return dir;
}
