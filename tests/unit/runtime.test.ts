import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript launcher, no declarations
import { BUILD_MANIFEST, compiledPath, compilerInputs, sha1, staleSources } from '../../bin/runtime.mjs';
// @ts-expect-error: plain JavaScript build script, no declarations
import { BuildError, build } from '../../scripts/build.mjs';

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

/** A manifest recording `sources` as they are now, compiled beside them, snapshot taken at `snapshotAt`. */
function recordBuild(root: string, sources: string[], snapshotAt = Date.now() + 60_000): void {
  const records = Object.fromEntries(
    sources.map((s) => {
      const bytes = readFileSync(join(root, s));
      const st = statSync(join(root, s));
      const outFile = join(root, compiledPath(s));
      const o = statSync(outFile);
      const out = { out: sha1(readFileSync(outFile)), outSize: o.size, outMtimeMs: o.mtimeMs };
      return [s, { size: st.size, mtimeMs: st.mtimeMs, sha1: sha1(bytes), ...out }];
    }),
  );
  const compiler = compilerInputs(root, '5.0.0');
  writeFileSync(join(root, BUILD_MANIFEST), JSON.stringify({ snapshotAt, compiler, sources: records }));
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

/** A project tsc can build: tsconfig.build.json with the repository's emit options, `files` under it. */
function buildable(files: Record<string, string>): string {
  const repo = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')).compilerOptions;
  const root = project({
    'tsconfig.build.json': JSON.stringify({
      compilerOptions: {
        ...repo,
        target: 'ES2023',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        allowImportingTsExtensions: true,
        strict: true,
        types: [],
      },
      include: ['src'],
    }),
    ...files,
  });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

describe('compiled or source (bin/runtime.mjs)', () => {
  it('maps each source to the file tsc writes beside it', () => {
    expect(compiledPath('src/a.ts')).toBe('src/a.js');
    expect(compiledPath('bench/run.mts')).toBe('bench/run.mjs');
    expect(compiledPath('scripts/services.d.mts')).toBeUndefined();
    expect(compiledPath('src/types.d.ts')).toBeUndefined();
    expect(compiledPath('src/ui/static/app.js')).toBeUndefined();
  });

  it('is current only while every recorded source holds the bytes compiled and every source was compiled', () => {
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

  it('counts a compiled file changed by hand, another config, and skips dot-files as tsc does', () => {
    const root = project({
      'tsconfig.json': '{}',
      'src/a.ts': 'export const a = 1;\n',
      'src/a.js': 'export const a = 1;\n',
      'src/b.ts': 'export const b = 1;\n',
      'src/b.js': 'export const b = 1;\n',
      'src/.#a.ts': 'an editor lock file',
    });
    recordBuild(root, ['src/a.ts', 'src/b.ts']);
    expect(staleSources(root, ['src'])).toEqual([]);
    write(root, { 'src/a.js': 'export const a = 9;\n' });
    expect(staleSources(root, ['src'])).toEqual(['src/a.ts']);
    recordBuild(root, ['src/a.ts', 'src/b.ts']);
    // Touched, not changed: still the file the build wrote.
    utimesSync(join(root, 'src/b.js'), 5000, 5000);
    expect(staleSources(root, ['src'])).toEqual([]);
    // Another config compiles everything differently.
    write(root, { 'tsconfig.json': '{ "compilerOptions": { "removeComments": true } }' });
    expect(staleSources(root, ['src']).sort()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('compares by content a source written just before the snapshot, whose time may not show an edit', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n', 'src/a.js': '' });
    const { mtimeMs } = statSync(join(root, 'src/a.ts'));
    recordBuild(root, ['src/a.ts'], mtimeMs + 500);
    // Same size, time set back: only the bytes tell.
    write(root, { 'src/a.ts': 'export const a = 2;\n' });
    utimesSync(join(root, 'src/a.ts'), mtimeMs / 1000, mtimeMs / 1000);
    expect(staleSources(root, ['src'])).toEqual(['src/a.ts']);
  });

  it('takes a manifest it cannot read for none', () => {
    const root = project({ 'src/a.ts': '', 'src/a.js': '' });
    for (const text of ['{', 'null', '{"snapshotAt":1,"sources":{"src/a.ts":null}}', '{"sources":{}}']) {
      writeFileSync(join(root, BUILD_MANIFEST), text);
      expect(staleSources(root, ['src'])).toEqual(['src/a.ts']);
    }
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
});

describe('npm run build (scripts/build.mjs)', () => {
  it("keeps the repository's emit options that the runtime relies on", () => {
    const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(compilerOptions).toMatchObject({ noEmitOnError: true, rewriteRelativeImportExtensions: true });
  });

  it('compiles the sources as they were read: an edit during the build, even undone, never passes', () => {
    const part = "export const part: string = 'before';\n";
    const root = buildable({
      'src/main.ts': "import { part } from './part.ts';\nexport const which: string = `compiled ${part}`;\n",
      'src/part.ts': part,
    });
    const files = build(root, {
      afterSnapshot: () => write(root, { 'src/part.ts': "export const part: string = 'during';\n" }),
    });
    expect(files.sort()).toEqual(['src/main.js', 'src/part.js']);
    expect(readFileSync(join(root, 'src/main.js'), 'utf8')).toContain('from "./part.js"');
    // What was compiled is the snapshot, not the file as it is now.
    expect(readFileSync(join(root, 'src/part.js'), 'utf8')).toContain("'before'");
    expect(staleSources(root, ['src'])).toEqual(['src/part.ts']);
    expect(launchIn(root, 'src/main.ts')).toBe('compiled during false');
    // Saved back: the bytes are those compiled, and the compiled code runs.
    write(root, { 'src/part.ts': part });
    expect(staleSources(root, ['src'])).toEqual([]);
    expect(launchIn(root, 'src/main.ts')).toBe('compiled before true');
  });

  it('writes nothing on a type error, removes what is no longer compiled, and spares a hand-written file', () => {
    const root = buildable({
      'src/main.ts': "import { part } from './part.ts';\nexport const which: string = `compiled ${part}`;\n",
      'src/part.ts': "export const part: string = 'part';\n",
      'src/tool.ts': 'export const tool = 1;\n',
    });
    build(root);
    expect(launchIn(root, 'src/main.ts')).toBe('compiled part true');

    // A type error: nothing is written, the old build stays, and the edited source runs.
    write(root, { 'src/main.ts': "export const which: number = 'source with a type error';\n" });
    expect(() => build(root)).toThrow(/type errors: nothing compiled/);
    expect(readFileSync(join(root, 'src/main.js'), 'utf8')).toContain('compiled ${part}');
    expect(existsSync(join(root, BUILD_MANIFEST))).toBe(true);
    expect(launchIn(root, 'src/main.ts')).toBe('source with a type error false');
    // The same failure under npm's `prepare` (npm install, npm ci) only warns: the install goes on.
    const prepare = spawnSync(process.execPath, [BUILD, '--root', root], {
      encoding: 'utf8',
      env: { ...process.env, npm_lifecycle_event: 'prepare' },
    });
    expect(prepare.status).toBe(0);
    expect(prepare.stdout).toContain('the install goes on');
    expect(spawnSync(process.execPath, [BUILD, '--root', root]).status).toBe(1);

    // part.ts goes, and tool.ts becomes hand-written JavaScript: the first's output goes, the second stays.
    write(root, { 'src/main.ts': "export const which: string = 'compiled alone';\n" });
    rmSync(join(root, 'src/part.ts'));
    rmSync(join(root, 'src/tool.ts'));
    write(root, { 'src/tool.js': '// written by hand\nexport const tool = 2;\n' });
    build(root);
    expect(existsSync(join(root, 'src/part.js'))).toBe(false);
    expect(readFileSync(join(root, 'src/tool.js'), 'utf8')).toContain('written by hand');
    expect(launchIn(root, 'src/main.ts')).toBe('compiled alone true');
  });

  it('builds one at a time, and takes over the lock of a build that died', async () => {
    const root = buildable({ 'src/main.ts': "export const which: string = 'compiled';\n" });
    const lockFile = join(root, '.khabar-build.lock');
    // A live process holds it.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockFile, `${holder.pid} token`);
      expect(() => build(root, { lockWaitMs: 200 })).toThrow(BuildError);
      expect(() => build(root, { lockWaitMs: 200 })).toThrow(/another build \(process \d+\) is running/);
    } finally {
      holder.kill();
      await new Promise((done) => holder.once('exit', done));
    }
    // The process has exited: its lock holds nothing.
    expect(build(root, { lockWaitMs: 200 })).toEqual(['src/main.js']);
    expect(existsSync(lockFile)).toBe(false);
    // Left by a build of this very pid (pids repeat in containers): not a holder either.
    writeFileSync(lockFile, `${process.pid} old-token`);
    expect(build(root, { lockWaitMs: 200 })).toEqual(['src/main.js']);
    // A lock that cannot be read is an error at once, not a wait (nor a spin).
    rmSync(lockFile, { force: true });
    mkdirSync(lockFile);
    expect(() => build(root, { lockWaitMs: 60_000 })).toThrow(/build lock/);
  });
});
