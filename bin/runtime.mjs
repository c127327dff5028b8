// Which code a Khabar process runs. `npm run build` (also npm's `prepare`, run by `npm install` and
// `npm ci`) compiles the TypeScript to JavaScript beside each file (scripts/build.mjs) from a snapshot of
// the sources, and records in a manifest (BUILD_MANIFEST) each source it compiled as it was in that
// snapshot: size, modification time, SHA-1. While every recorded source still has those bytes and every
// source under the entry's folders was compiled, a process loads the JavaScript; otherwise (a source
// edited, added or deleted since, no build, a failed or interrupted build) it loads the sources through
// tsx, as before. Both run the same code; the compiled one runs without tsx's module-loader thread (about
// 35 MB of resident memory per process) and starts faster.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The build's manifest, at the project root (gitignored). */
export const BUILD_MANIFEST = '.khabar-build.json';

/**
 * A source whose recorded time is this close to the snapshot (or after it) is compared by content every
 * time: an edit in the same tick of the file system's clock, keeping the size, would not change its time.
 */
const RACY_MS = 2000;

/** A TypeScript source's compiled sibling: `x.ts` → `x.js`, `x.mts` → `x.mjs`; declaration files have none. */
export function compiledPath(source) {
  if (/\.d\.m?ts$/.test(source)) return undefined;
  if (source.endsWith('.mts')) return `${source.slice(0, -4)}.mjs`;
  if (source.endsWith('.ts')) return `${source.slice(0, -3)}.js`;
  return undefined;
}

/** The source a compiled file came from (the inverse of {@link compiledPath}). */
export function sourcePath(compiled) {
  if (compiled.endsWith('.mjs')) return `${compiled.slice(0, -4)}.mts`;
  if (compiled.endsWith('.js')) return `${compiled.slice(0, -3)}.ts`;
  return undefined;
}

export const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex');

/**
 * Whether `file` holds the bytes of size `size` and SHA-1 `sha`: its size, then its time (`mtimeMs`) when
 * `trustTime`, else its SHA-1. False when it cannot be read.
 */
export function holds(file, size, mtimeMs, sha, trustTime) {
  let st;
  try {
    st = statSync(file);
  } catch {
    return false;
  }
  if (st.size !== size) return false;
  if (trustTime && st.mtimeMs === mtimeMs) return true;
  try {
    return sha1(readFileSync(file)) === sha;
  } catch {
    return false;
  }
}

/** The configs the build reads, besides the sources. */
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * What decides the compiled output besides the sources: the SHA-1 of each config and the compiler's
 * version (`version`; undefined when TypeScript is not installed, and then not compared).
 */
export function compilerInputs(base, version) {
  const out = { typescript: version };
  for (const c of CONFIGS) {
    try {
      out[c] = sha1(readFileSync(join(base, c)));
    } catch {
      out[c] = null;
    }
  }
  return out;
}

/** The installed TypeScript's version, or undefined. */
function typescriptVersion(base) {
  try {
    const pkg = createRequire(join(base, 'package.json')).resolve('typescript/package.json');
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * TypeScript sources (declaration files aside) under `dir` of `base`, relative to `base`; follows links,
 * and skips names starting with a dot, as tsc's `include` does.
 */
export function sourcesUnder(base, dir) {
  const out = [];
  const seen = new Set();
  const walk = (rel) => {
    let entries;
    try {
      const real = realpathSync(join(base, rel));
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(join(base, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(rel, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = statSync(join(base, path)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      if (isDir) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (compiledPath(path)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

const isRecord = (r) =>
  r !== null &&
  typeof r === 'object' &&
  Number.isFinite(r.size) &&
  Number.isFinite(r.mtimeMs) &&
  typeof r.sha1 === 'string' &&
  typeof r.out === 'string' &&
  Number.isFinite(r.outSize) &&
  Number.isFinite(r.outMtimeMs);

/**
 * The build manifest of `base`: `{ snapshotAt, compiler, sources: { [path]: record } }`, a record being the
 * source's `size`, `mtimeMs` and `sha1` in the snapshot and its compiled file's `out` (SHA-1), `outSize`
 * and `outMtimeMs` as written; undefined when there is none or it is not one.
 */
export function readManifest(base) {
  let m;
  try {
    m = JSON.parse(readFileSync(join(base, BUILD_MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (!m || !Number.isFinite(m.snapshotAt) || !m.sources || typeof m.sources !== 'object') return undefined;
  if (!m.compiler || typeof m.compiler !== 'object') return undefined;
  for (const [path, rec] of Object.entries(m.sources))
    if (!isRecord(rec) || !compiledPath(path) || path.split(/[\\/]/).includes('..')) return undefined;
  return m;
}

/**
 * What keeps the compiled code of `root` from being current, as source paths relative to `root`: every
 * recorded source that changed or is gone, or whose compiled file is gone or changed, and every source
 * under `dirs` the build did not compile; every source when a config or the compiler changed. Empty: the
 * build is current. With no manifest every source under `dirs` is listed.
 */
export function staleSources(root, dirs) {
  const base = root instanceof URL ? fileURLToPath(root) : root;
  const manifest = readManifest(base);
  const found = dirs.flatMap((d) => sourcesUnder(base, d));
  if (!manifest) return found;
  const { sources, snapshotAt, compiler } = manifest;
  // Another config or compiler would compile every source differently.
  const now = compilerInputs(base, typescriptVersion(base) ?? compiler.typescript);
  if (CONFIGS.some((c) => now[c] !== compiler[c]) || now.typescript !== compiler.typescript)
    return [...new Set([...found, ...Object.keys(sources)])];
  const stale = found.filter((path) => !Object.hasOwn(sources, path));
  for (const [path, rec] of Object.entries(sources)) {
    // A source's time is trusted only when it was not written just before the snapshot (RACY_MS); the
    // compiled file's time is the build's own write.
    const source = holds(
      join(base, path),
      rec.size,
      rec.mtimeMs,
      rec.sha1,
      rec.mtimeMs < snapshotAt - RACY_MS,
    );
    const output = holds(join(base, compiledPath(path)), rec.outSize, rec.outMtimeMs, rec.out, true);
    if (!source || !output) stale.push(path);
  }
  return stale;
}

/**
 * Import `entry` (a TypeScript file, relative to `root`): its compiled file when the build is current for
 * the sources under `dirs` (see {@link staleSources}), else the source through tsx. Returns the module
 * and which it was.
 */
export async function launch(root, entry, dirs) {
  const base = root instanceof URL ? fileURLToPath(root) : root;
  if (staleSources(base, dirs).length === 0) {
    return { module: await import(pathToFileURL(join(base, compiledPath(entry))).href), compiled: true };
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { module: await import(pathToFileURL(join(base, entry)).href), compiled: false };
}
