import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript launcher, no declarations
import { BUILD_MANIFEST, compiledPath, sourceRecord, staleSources } from '../../bin/runtime.mjs';

const ROOT = join(import.meta.dirname, '../..');
const RUNTIME = join(ROOT, 'bin/runtime.mjs');
const BUILD = join(ROOT, 'scripts/build.mjs');
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A project root holding `files` (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'khabar-runtime-'));
  roots.push(root);
  write(root, { 'package.json': '{ "type": "module" }', ...files });
  return root;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A manifest recording `sources` as they are now (what scripts/build.mjs writes after compiling them). */
function recordBuild(root: string, sources: string[]): void {
  const records = Object.fromEntries(sources.map((s) => [s, sourceRecord(join(root, s))]));
  writeFileSync(join(root, BUILD_MANIFEST), JSON.stringify({ sources: records }));
}

/** Import `entry` of `root` through bin/runtime.mjs in a fresh process; prints its `which` and the mode. */
function launchIn(root: string, entry: string): string {
  return execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { launch } = await import(${JSON.stringify(pathToFileURL(RUNTIME).href)});
       const r = await launch(${JSON.stringify(root)}, ${JSON.stringify(entry)}, ['src']);
       console.log(r.module.which, r.compiled);`,
    ],
    { encoding: 'utf8' },
  ).trim();
}

describe('compiled or source (bin/runtime.mjs)', () => {
  it('maps each source to the file tsc writes beside it', () => {
    expect(compiledPath('src/a.ts')).toBe('src/a.js');
    expect(compiledPath('bench/run.mts')).toBe('bench/run.mjs');
    expect(compiledPath('scripts/services.d.mts')).toBeUndefined();
    expect(compiledPath('src/types.d.ts')).toBeUndefined();
    expect(compiledPath('src/ui/static/app.js')).toBeUndefined();
  });

  it('is current only while every recorded source is as it was built and every source was compiled', () => {
    const root = project({
      'src/a.ts': 'export const a = 1;\n',
      'src/a.js': '',
      'src/deep/b.ts': 'export const b = 2;\n',
      'src/deep/b.js': '',
      'src/types.d.ts': '',
      'tests/helpers/used.ts': 'export const u = 3;\n',
      'tests/helpers/used.js': '',
      'tests/helpers/unused.ts': '',
    });
    // No build: everything under the entry's folders is stale.
    expect(staleSources(root, ['src']).sort()).toEqual(['src/a.ts', 'src/deep/b.ts']);
    recordBuild(root, ['src/a.ts', 'src/deep/b.ts', 'tests/helpers/used.ts']);
    // A test file no compiled code imports is not in the build, and need not be.
    expect(staleSources(root, ['src'])).toEqual([]);
    // Touched (a checkout, a copy) but the same bytes: still current.
    utimesSync(join(root, 'src/a.ts'), 5000, 5000);
    expect(staleSources(root, ['src'])).toEqual([]);
    // Edited after the build, wherever it is: the compiled code may import it.
    write(root, { 'tests/helpers/used.ts': 'export const u = 4;\n' });
    expect(staleSources(root, ['src'])).toEqual(['tests/helpers/used.ts']);
    recordBuild(root, ['src/a.ts', 'src/deep/b.ts', 'tests/helpers/used.ts']);
    // A new source the build has not seen, a compiled file deleted, a source deleted.
    write(root, { 'src/c.ts': '' });
    rmSync(join(root, 'src/a.js'));
    rmSync(join(root, 'src/deep/b.ts'));
    expect(staleSources(root, ['src']).sort()).toEqual(['src/a.ts', 'src/c.ts', 'src/deep/b.ts']);
  });

  it('loads the compiled file while the build is current and the TypeScript through tsx after an edit', () => {
    const root = project({
      'src/which.ts': "export const which: string = 'source';\n",
      'src/which.js': "export const which = 'compiled';\n",
    });
    recordBuild(root, ['src/which.ts']);
    expect(launchIn(root, 'src/which.ts')).toBe('compiled true');
    write(root, { 'src/which.ts': "export const which: string = 'source';\n// edited\n" });
    // The type annotation shows the source went through tsx: plain Node would refuse it.
    expect(launchIn(root, 'src/which.ts')).toBe('source false');
  });

  it('builds with tsc, removes what is no longer compiled, and compiles nothing on a type error', () => {
    const root = project({
      'tsconfig.build.json': JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          allowImportingTsExtensions: true,
          rewriteRelativeImportExtensions: true,
          noEmitOnError: true,
          strict: true,
          types: [],
        },
        include: ['src'],
      }),
      'src/main.ts': "import { part } from './part.ts';\nexport const which: string = `compiled ${part}`;\n",
      'src/part.ts': "export const part: string = 'part';\n",
    });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    const build = () => spawnSync(process.execPath, [BUILD, '--root', root], { encoding: 'utf8' });
    expect(build().status).toBe(0);
    expect(readFileSync(join(root, 'src/main.js'), 'utf8')).toContain('from "./part.js"');
    expect(Object.keys(JSON.parse(readFileSync(join(root, BUILD_MANIFEST), 'utf8')).sources).sort()).toEqual([
      'src/main.ts',
      'src/part.ts',
    ]);
    expect(launchIn(root, 'src/main.ts')).toBe('compiled part true');

    // part.ts goes: its compiled file must go with it, or a stale import of it would still load.
    write(root, { 'src/main.ts': "export const which: string = 'compiled alone';\n" });
    rmSync(join(root, 'src/part.ts'));
    expect(build().status).toBe(0);
    expect(existsSync(join(root, 'src/part.js'))).toBe(false);
    expect(launchIn(root, 'src/main.ts')).toBe('compiled alone true');

    // A type error: nothing is written, the old manifest no longer matches, and the source runs.
    write(root, { 'src/main.ts': "export const which: number = 'source with a type error';\n" });
    const failed = build();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('tsc failed');
    expect(readFileSync(join(root, 'src/main.js'), 'utf8')).toContain('compiled alone');
    expect(launchIn(root, 'src/main.ts')).toBe('source with a type error false');
    // Under npm's `prepare` (npm install, npm ci) the same failure only warns: the install goes on.
    const prepare = spawnSync(process.execPath, [BUILD, '--root', root], {
      encoding: 'utf8',
      env: { ...process.env, npm_lifecycle_event: 'prepare' },
    });
    expect(prepare.status).toBe(0);
    expect(prepare.stdout).toContain('the install goes on');
  });
});
