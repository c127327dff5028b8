/**
 * `node --import tsx bench/fuzz-replay.mts REPORT.json [--rounds N]`: run again the slow and timed-out page findings of a fuzz
 * report (`npm run fuzz -- --out REPORT.json`) and print each one's fastest time over N rounds. A campaign
 * on a busy machine times inputs by the wall clock, so a slow finding may only have waited for a core:
 * this says which inputs are slow on their own.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AnalyzePool } from '../src/pipeline/analyze-pool.ts';
import type { Finding } from '../tests/fuzz/harness.ts';
import { type PageRecipe, renderInput } from '../tests/fuzz/pages.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, 'slow-ms': { type: 'string', default: '1000' } },
});
const report: { findings: Finding[] } = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
const pages = report.findings.filter(
  (f) => f.target === 'page' && (f.kind === 'slow' || f.kind === 'timeout'),
);
const pool = new AnalyzePool({ size: 1, budgetMs: 60_000 });
const rounds = Number(values.rounds);
let slow = 0;
let slowest = 0;
for (const [k, f] of pages.entries()) {
  const input = renderInput(f.input as PageRecipe);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    // A rejected input (InputError) is timed too: refusing it must be quick as well.
    const started = performance.now();
    try {
      best = Math.min(best, (await pool.run(input as never)).ms);
    } catch (e) {
      best = Math.min(best, performance.now() - started);
      if (r === 0) console.log(`#${k + 1}: ${(e as Error).message}`);
    }
  }
  slowest = Math.max(slowest, best);
  if (best > Number(values['slow-ms'])) slow++;
  console.log(
    `finding ${k + 1}/${pages.length}: campaign ${Math.round(f.ms)} ms, replay best of ${rounds} ${Math.round(best)} ms`,
  );
}
console.log(
  `\nreplayed ${pages.length} slow page findings: ${slow} still over ${values['slow-ms']} ms; slowest ${Math.round(slowest)} ms`,
);
await pool.close();
