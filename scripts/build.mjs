// `npm run build`, and npm's `prepare` (run by `npm install` and `npm ci`): compile the TypeScript of src,
// workers, bench and scripts (and what they import from tests) to JavaScript beside each file, with the
// options of tsconfig.build.json, then write the manifest bin/runtime.mjs reads to tell whether that
// JavaScript is current.
//
//   node scripts/build.mjs [--root DIR]
//
// - The sources are read once, into a snapshot, and compiled from it (TypeScript's compiler API): the
//   manifest records exactly the bytes that were compiled, so a file saved during the build, even saved
//   back, can never pass for what was compiled.
// - A type error writes nothing and leaves the last build as it was; `npm run build` then fails, and under
//   `prepare` the failure only warns, so that an install of a tree with a type error still installs.
// - The manifest is removed before the first file is written and written last: a build that stops half
//   way leaves none, and processes run the sources until the next build.
// - One build at a time (a lock file naming its process); compiled files of sources no longer compiled are
//   removed, unless they were changed since (a hand-written file in their place).
// Where TypeScript is not installed or the sources are not there yet (a Docker layer with only
// package.json), it says so and does nothing: Khabar then runs from its sources through tsx.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BUILD_MANIFEST,
  compiledPath,
  compilerInputs,
  holds,
  readManifest,
  sha1,
  sourcePath,
  sourcesUnder,
} from '../bin/runtime.mjs';

/** Folders whose sources may be compiled (tsconfig.build.json's, and tests for what they import). */
const SOURCE_DIRS = ['src', 'workers', 'bench', 'scripts', 'tests'];
const LOCK = '.khabar-build.lock';

export class BuildError extends Error {}

/** A file's bytes with their size and time, read so that the three agree (read again if it moved). */
function readStable(file) {
  for (let tries = 0; ; tries++) {
    const a = statSync(file);
    const bytes = readFileSync(file);
    const b = statSync(file);
    if ((a.mtimeMs === b.mtimeMs && a.size === b.size && b.size === bytes.length) || tries >= 5)
      return { bytes, size: bytes.length, mtimeMs: b.mtimeMs };
  }
}

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** A lock older than this is taken over whoever holds it (a build takes seconds). */
const LOCK_MAX_AGE_MS = 10 * 60_000;

/**
 * Take the build lock of `root`, waiting up to `waitMs` for a live holder; returns its release. The lock
 * file holds `pid token`; it is put in place whole (a hard link of a written file), so it is never seen
 * empty. A holder is gone when its process is (or its pid is now this process's), or its lock is too old.
 */
function lock(root, waitMs) {
  const file = join(root, LOCK);
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const mine = `${file}.${process.pid}.tmp`;
  writeFileSync(mine, token);
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      try {
        linkSync(mine, file);
        return () => {
          // Only our own lock: a build that took over a lock it judged stale holds its own.
          try {
            if (readFileSync(file, 'utf8') === token) rmSync(file, { force: true });
          } catch {
            // already gone
          }
        };
      } catch (e) {
        if (e.code !== 'EEXIST') throw new BuildError(`cannot take the build lock ${file}: ${e.message}`);
      }
      let held;
      let age = 0;
      try {
        held = readFileSync(file, 'utf8');
        age = Date.now() - statSync(file).mtimeMs;
      } catch (e) {
        if (e.code === 'ENOENT') continue; // released meanwhile
        throw new BuildError(`cannot read the build lock ${file}: ${e.message}`);
      }
      const pid = Number(held.split(' ')[0]);
      if (pid === process.pid || !alive(pid) || age > LOCK_MAX_AGE_MS) {
        // Taken over only if it is still the lock judged stale (another build may have replaced it).
        const stale = `${file}.stale.${process.pid}`;
        try {
          renameSync(file, stale);
          if (readFileSync(stale, 'utf8') === held) rmSync(stale, { force: true });
          else renameSync(stale, file);
        } catch {
          // someone else moved it first
        }
        continue;
      }
      if (Date.now() > deadline)
        throw new BuildError(`another build (process ${pid}) is running: ${file} (remove it if it is not)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Write `text` to `file` whole or not at all (a reader sees the old file or the new one). */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Compile `root` (see the module comment). `afterSnapshot` runs once the sources are read, before they are
 * compiled (for tests); `lockWaitMs`: how long to wait for another build. Returns the files written.
 */
export function build(root, { afterSnapshot, lockWaitMs = 120_000, log = () => {} } = {}) {
  let ts;
  try {
    ts = createRequire(join(root, 'package.json'))('typescript');
  } catch {
    log('TypeScript is not installed: nothing compiled, Khabar runs from its sources through tsx');
    return undefined;
  }
  const configFile = join(root, 'tsconfig.build.json');
  if (!existsSync(configFile)) {
    log('no tsconfig.build.json here (sources not copied yet): nothing compiled');
    return undefined;
  }
  const release = lock(root, lockWaitMs);
  try {
    const format = (diags) =>
      ts.formatDiagnosticsWithColorAndContext(diags, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      });
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new BuildError(format([d]));
      },
    });
    if (parsed.errors.length) throw new BuildError(format(parsed.errors));
    if (!parsed.options.noEmitOnError)
      throw new BuildError('tsconfig.build.json must set noEmitOnError: a failed build would run');

    // What else decides the output: a change to either config or to the compiler makes the build stale.
    const compiler = compilerInputs(root, ts.version);
    const snapshotAt = Date.now();
    const snapshot = new Map();
    for (const dir of SOURCE_DIRS)
      for (const path of sourcesUnder(root, dir)) {
        const { bytes, size, mtimeMs } = readStable(join(root, path));
        snapshot.set(resolve(root, path), {
          path,
          text: bytes.toString('utf8'),
          rec: { size, mtimeMs, sha1: sha1(bytes) },
        });
      }
    afterSnapshot?.();

    const host = ts.createCompilerHost(parsed.options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
      const snap = snapshot.get(resolve(fileName));
      return snap
        ? ts.createSourceFile(fileName, snap.text, languageVersionOrOptions)
        : getSourceFile.call(host, fileName, languageVersionOrOptions, onError, shouldCreate);
    };
    const readFile = host.readFile;
    host.readFile = (fileName) => snapshot.get(resolve(fileName))?.text ?? readFile.call(host, fileName);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length) throw new BuildError(`${format(errors)}\ntype errors: nothing compiled`);
    const outputs = [];
    const emitted = program.emit(undefined, (fileName, text) => outputs.push({ fileName, text }));
    if (emitted.emitSkipped || emitted.diagnostics.length)
      throw new BuildError(`${format(emitted.diagnostics)}\nnothing compiled`);

    // Every output must be the sibling of a snapshotted source before anything is written.
    const sources = {};
    const writes = [];
    for (const { fileName, text } of outputs) {
      const out = relative(root, fileName);
      const src = sourcePath(out);
      const snap = src && snapshot.get(resolve(root, src));
      if (!snap || isAbsolute(out) || out.startsWith('..'))
        throw new BuildError(
          `${out} would be written, but is not beside a source under ${SOURCE_DIRS.join(', ')}`,
        );
      sources[snap.path] = { ...snap.rec, out: sha1(text) };
      writes.push({ src: snap.path, file: join(root, out), text });
    }

    const previous = readManifest(root);
    rmSync(join(root, BUILD_MANIFEST), { force: true });
    for (const w of writes) {
      writeAtomic(w.file, w.text);
      const st = statSync(w.file);
      Object.assign(sources[w.src], { outSize: st.size, outMtimeMs: st.mtimeMs });
    }
    for (const [src, rec] of Object.entries(previous?.sources ?? {})) {
      if (Object.hasOwn(sources, src)) continue;
      // Only by content: a file in its place with the same time may still be another.
      const file = join(root, compiledPath(src));
      if (holds(file, rec.outSize, rec.outMtimeMs, rec.out, false)) rmSync(file, { force: true });
    }
    writeAtomic(
      join(root, BUILD_MANIFEST),
      `${JSON.stringify({ snapshotAt, compiler, sources }, null, 1)}\n`,
    );
    return writes.map((w) => relative(root, w.file));
  } finally {
    release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? resolve(process.argv[at + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
  const say = (msg) => process.stdout.write(`[build] ${msg}\n`);
  const t0 = Date.now();
  try {
    const files = build(root, { log: say });
    if (files)
      say(`compiled ${files.length} files in ${((Date.now() - t0) / 1000).toFixed(1)}s (${BUILD_MANIFEST})`);
  } catch (e) {
    process.stdout.write(`${e instanceof BuildError ? e.message : e.stack}\n`);
    if (process.env.npm_lifecycle_event === 'prepare') {
      say('build failed; the install goes on, and Khabar runs from its sources through tsx');
      process.exit(0);
    }
    say('build failed: Khabar runs from its sources through tsx until a build passes');
    process.exit(1);
  }
}
