// Which code a Khabar process runs. `npm run build` (also npm's `prepare`, run by `npm install` and
// `npm ci`) compiles the TypeScript to JavaScript beside each file (tsc, tsconfig.build.json) and records
// in a manifest (BUILD_MANIFEST) every file it compiled, as each source was when the build began: size,
// modification time and SHA-1. While every recorded source is unchanged and every source under the entry's
// folders was compiled, a process loads the JavaScript; otherwise (a source edited, added or deleted
// since, no build, a failed build) it loads the sources through tsx, as before. Both run the same code;
// the compiled one runs without tsx's module-loader thread (about 35 MB of resident memory per process)
// and starts faster.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The build's manifest, at the project root (gitignored): `{ sources: { [path]: SourceRecord } }`. */
export const BUILD_MANIFEST = '.khabar-build.json';

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

/** What the manifest keeps of a source: enough to tell, cheaply, that it has not changed. */
export function sourceRecord(file) {
  const st = statSync(file);
  return {
    size: st.size,
    mtimeMs: st.mtimeMs,
    sha1: createHash('sha1').update(readFileSync(file)).digest('hex'),
  };
}

/** Whether `file` is the source `rec` describes: same size and time, or (a copy, a checkout) same bytes. */
function unchanged(file, rec) {
  let st;
  try {
    st = statSync(file);
  } catch {
    return false;
  }
  if (st.size !== rec.size) return false;
  if (st.mtimeMs === rec.mtimeMs) return true;
  return createHash('sha1').update(readFileSync(file)).digest('hex') === rec.sha1;
}

/** TypeScript sources (declaration files aside) under `dir` of `base`, relative to `base`. */
export function sourcesUnder(base, dir) {
  const out = [];
  const walk = (rel) => {
    let entries;
    try {
      entries = readdirSync(join(base, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (compiledPath(path)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** The build manifest's records by source path, or undefined when there is no (readable) manifest. */
export function readManifest(base) {
  try {
    return JSON.parse(readFileSync(join(base, BUILD_MANIFEST), 'utf8')).sources;
  } catch {
    return undefined;
  }
}

/**
 * What keeps the compiled code of `root` from being current, as source paths relative to `root`: every
 * recorded source that changed or is gone, or whose compiled file is gone, and every source under `dirs`
 * the build did not compile. Empty: the build is current. With no manifest every source under `dirs` is
 * listed.
 */
export function staleSources(root, dirs) {
  const base = root instanceof URL ? fileURLToPath(root) : root;
  const records = readManifest(base);
  const found = dirs.flatMap((d) => sourcesUnder(base, d));
  if (!records) return found;
  const stale = found.filter((path) => !(path in records));
  for (const [path, rec] of Object.entries(records)) {
    if (!unchanged(join(base, path), rec)) stale.push(path);
    else {
      try {
        statSync(join(base, compiledPath(path)));
      } catch {
        stale.push(path);
      }
    }
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
