// `npm run build`, and npm's `prepare` (run by `npm install` and `npm ci`): compile the TypeScript of src,
// workers, bench and scripts to JavaScript beside each file (tsc -p tsconfig.build.json), which
// bin/runtime.mjs then loads instead of the sources through tsx. Where TypeScript is not installed (an
// install without dev dependencies) or the sources are not there yet (a Docker layer with only
// package.json), it says so and does nothing: Khabar then runs from source.
//   node scripts/build.mjs          compile; fails on a type error
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => process.stdout.write(`[build] ${msg}\n`);
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
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  say('tsc failed: Khabar runs from its sources through tsx until the build passes');
  process.exit(r.status ?? 1);
}
say(`compiled in ${((Date.now() - t0) / 1000).toFixed(1)}s (bin/runtime.mjs loads it while it is current)`);
