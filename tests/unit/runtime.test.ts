import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript launcher, no declarations
import { compiledPath, staleSources } from '../../bin/runtime.mjs';

const RUNTIME = join(import.meta.dirname, '../../bin/runtime.mjs');
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A project root with `files` (path → text), each file's mtime set to `at[path]` seconds when given. */
function project(files: Record<string, string>, at: Record<string, number> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'khabar-runtime-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    const t = at[path];
    if (t !== undefined) utimesSync(join(root, path), t, t);
  }
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

  it('counts a source as stale when its compiled file is older or missing', () => {
    const root = project(
      {
        'src/a.ts': '',
        'src/a.js': '',
        'src/deep/b.ts': '',
        'src/deep/b.js': '',
        'src/types.d.ts': '',
        'tests/helpers/used.ts': '',
        'tests/helpers/used.js': '',
        'tests/helpers/unused.ts': '',
      },
      { 'src/a.ts': 1000, 'src/a.js': 2000, 'src/deep/b.ts': 1000, 'src/deep/b.js': 2000 },
    );
    expect(staleSources(root, ['src'], ['tests'])).toEqual([]);
    // Edited after the build.
    utimesSync(join(root, 'src/deep/b.ts'), 3000, 3000);
    expect(staleSources(root, ['src'])).toEqual(['src/deep/b.ts']);
    // A new source the build has not seen.
    writeFileSync(join(root, 'src/c.ts'), '');
    expect(staleSources(root, ['src']).sort()).toEqual(['src/c.ts', 'src/deep/b.ts']);
    // Where only imported files are compiled, a source without output is not stale, an old output is.
    utimesSync(join(root, 'tests/helpers/used.js'), 1, 1);
    expect(staleSources(root, [], ['tests'])).toEqual(['tests/helpers/used.ts']);
  });

  it('loads the compiled file while the build is current and the TypeScript through tsx after an edit', () => {
    const root = project(
      {
        'package.json': '{ "type": "module" }',
        'src/which.ts': "export const which: string = 'source';\n",
        'src/which.js': "export const which = 'compiled';\n",
      },
      { 'src/which.ts': 1000, 'src/which.js': 2000 },
    );
    const run = () =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { launch } = await import(${JSON.stringify(pathToFileURL(RUNTIME).href)});
           const r = await launch(${JSON.stringify(root)}, 'src/which.ts', ['src']);
           console.log(r.module.which, r.compiled);`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(run()).toBe('compiled true');
    utimesSync(join(root, 'src/which.ts'), 3000, 3000);
    // The type annotation shows the source went through tsx: plain Node would refuse it.
    expect(run()).toBe('source false');
  });
});
