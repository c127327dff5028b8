// `npm run build`, and npm's `prepare` (run by `npm install` and `npm ci`): compile the TypeScript of src,
// workers, bench and scripts (and what they import from tests) to JavaScript beside each file
// (tsc -p tsconfig.build.json), then write the manifest bin/runtime.mjs reads to tell whether that
// JavaScript is current. Where TypeScript is not installed (an install without dev dependencies) or the
// sources are not there yet (a Docker layer with only package.json), it says so and does nothing: Khabar
// then runs from its sources through tsx.
//
//   node scripts/build.mjs [--root DIR]
//
// A type error compiles nothing (noEmitOnError) and leaves the last manifest, which no longer matches the
// edited sources, so processes run the sources. `npm run build` then fails; under `prepare` it only warns,
// so that an install of a tree with a type error still installs.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILD_MANIFEST,
  compiledPath,
  readManifest,
  sourcePath,
  sourceRecord,
  sourcesUnder,
} from '../bin/runtime.mjs';

/** Folders whose sources may be compiled (tsconfig.build.json's, and tests for what they import). */
const SOURCE_DIRS = ['src', 'workers', 'bench', 'scripts', 'tests'];

const rootAt = process.argv.indexOf('--root');
const root =
  rootAt > 0 ? resolve(process.argv[rootAt + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => process.stdout.write(`[build] ${msg}\n`);
const failed = (msg) => {
  if (process.env.npm_lifecycle_event === 'prepare') {
    say(`${msg}; the install goes on, and Khabar runs from its sources through tsx`);
    process.exit(0);
  }
  say(msg);
  process.exit(1);
};

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  say('TypeScript is not installed: nothing compiled, Khabar runs from its sources through tsx');
  process.exit(0);
}
if (!existsSync(join(root, 'tsconfig.build.json'))) {
  say('no tsconfig.build.json here (sources not copied yet): nothing compiled');
  process.exit(0);
}

const t0 = Date.now();
// The sources as tsc is about to read them: one saved during the build no longer matches its record.
const before = new Map();
for (const dir of SOURCE_DIRS)
  for (const path of sourcesUnder(root, dir)) before.set(path, sourceRecord(join(root, path)));
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--listEmittedFiles'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const emitted = [];
for (const line of (r.stdout ?? '').split('\n')) {
  if (line.startsWith('TSFILE: ')) emitted.push(relative(root, line.slice('TSFILE: '.length).trim()));
  else if (line.trim()) process.stdout.write(`${line}\n`);
}
process.stderr.write(r.stderr ?? '');
if (r.status !== 0) failed(`tsc failed (exit ${r.status ?? r.signal}): nothing compiled`);

const sources = {};
for (const out of emitted) {
  const src = sourcePath(out);
  const rec = src && before.get(src);
  if (!rec) failed(`tsc wrote ${out}, which is not the output of a source under ${SOURCE_DIRS.join(', ')}`);
  sources[src] = rec;
}
// Output of an earlier build whose source is no longer compiled (deleted, or no longer imported).
for (const src of Object.keys(readManifest(root) ?? {}))
  if (!(src in sources) && compiledPath(src)) rmSync(join(root, compiledPath(src)), { force: true });
const tmp = join(root, `${BUILD_MANIFEST}.tmp`);
writeFileSync(tmp, `${JSON.stringify({ sources }, null, 1)}\n`);
renameSync(tmp, join(root, BUILD_MANIFEST));
say(`compiled ${emitted.length} files in ${((Date.now() - t0) / 1000).toFixed(1)}s (${BUILD_MANIFEST})`);
