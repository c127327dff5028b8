// Which code a Khabar process runs. `npm run build` (also run by `npm install` / `npm ci`, as `prepare`)
// compiles every TypeScript file to JavaScript beside it (tsc, tsconfig.build.json). When each compiled
// file is at least as new as its source, a process loads the JavaScript; otherwise (a source edited since
// the build, or no build: TypeScript not installed) it loads the sources through tsx, as before. Both run
// the same code; the compiled one runs without tsx's module-loader thread, about 35 MB of resident memory
// per process, and starts faster.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A TypeScript source's compiled sibling: `x.ts` → `x.js`, `x.mts` → `x.mjs`; declaration files have none. */
export function compiledPath(source) {
  if (/\.d\.m?ts$/.test(source)) return undefined;
  if (source.endsWith('.mts')) return `${source.slice(0, -4)}.mjs`;
  if (source.endsWith('.ts')) return `${source.slice(0, -3)}.js`;
  return undefined;
}

/**
 * The TypeScript sources under `dirs` (relative to `root`) whose compiled file is missing or older than
 * they are, as paths relative to `root`. Empty: the build is current. Under `compiledOnly` (folders the
 * build compiles only the files that code elsewhere imports, such as tests/helpers), a source without a
 * compiled file is not counted: no compiled code imports it.
 */
export function staleSources(root, dirs, compiledOnly = []) {
  const base = root instanceof URL ? fileURLToPath(root) : root;
  const stale = [];
  const walk = (rel, strict) => {
    for (const entry of readdirSync(join(base, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path, strict);
        continue;
      }
      const out = compiledPath(path);
      if (!out) continue;
      let compiled;
      try {
        compiled = statSync(join(base, out)).mtimeMs;
      } catch {
        if (strict) stale.push(path);
        continue;
      }
      if (compiled < statSync(join(base, path)).mtimeMs) stale.push(path);
    }
  };
  for (const dir of dirs) walk(dir, true);
  for (const dir of compiledOnly) walk(dir, false);
  return stale;
}

/**
 * Import `entry` (a TypeScript file, relative to `root`): its compiled file when every source under `dirs`
 * (and every compiled one under `compiledOnly`) is current, else the source through tsx. Returns the module
 * and which it was.
 */
export async function launch(root, entry, dirs, compiledOnly = []) {
  const base = root instanceof URL ? fileURLToPath(root) : root;
  if (staleSources(base, dirs, compiledOnly).length === 0) {
    return { module: await import(pathToFileURL(join(base, compiledPath(entry))).href), compiled: true };
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { module: await import(pathToFileURL(join(base, entry)).href), compiled: false };
}
