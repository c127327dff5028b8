/**
 * `npm run fuzz [-- --runs N --seed S --scale smoke|full --slow-ms MS --limit-ms MS --off bad-url,deep-dom]`:
 * run the fuzzing harness (tests/fuzz/harness.ts) and print inputs run, exceptions, findings and the slowest
 * input. Exits 1 when there is any finding.
 */
import { parseArgs } from 'node:util';
import { type Finding, runFuzz } from '../tests/fuzz/harness.ts';
import type { Feature } from '../tests/fuzz/pages.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    scale: { type: 'string', default: 'full' },
    'slow-ms': { type: 'string', default: '1000' },
    'limit-ms': { type: 'string', default: '10000' },
    off: { type: 'string', default: '' },
    out: { type: 'string' },
  },
});

const runs = Number(values.runs);
const seed = Number(values.seed);
const short = (x: unknown) => {
  const s = JSON.stringify(x, (_k, v) =>
    typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v,
  );
  return s && s.length > 600 ? `${s.slice(0, 600)}…` : s;
};
const printFinding = (f: Finding, n: number) =>
  console.log(
    `\n[${f.kind}] #${n} ${f.target} ${Math.round(f.ms)} ms: ${f.message}\n  input: ${short(f.input)}\n  ${(f.stack ?? '').split('\n').slice(1, 6).join('\n  ')}`,
  );
let printed = 0;
process.stderr.write(`fuzz: ${runs} inputs, seed ${seed}, scale ${values.scale}\n`);
const started = performance.now();
const report = await runFuzz({
  runs,
  seed,
  scale: values.scale === 'smoke' ? 'smoke' : 'full',
  slowMs: Number(values['slow-ms']),
  hardLimitMs: Number(values['limit-ms']),
  off: values.off ? (values.off.split(',') as Feature[]) : [],
  onProgress(done, r) {
    // Findings as they come: a long campaign's log says what it found so far, even if it is stopped.
    for (const f of r.findings.slice(printed)) printFinding(f, done);
    printed = r.findings.length;
    if (done % 500 === 0)
      process.stderr.write(
        `  ${done}/${runs}: ${r.exceptions} exceptions, ${r.findings.length} findings, slowest ${Math.round(r.slowest?.ms ?? 0)} ms\n`,
      );
  },
});
console.log(
  `\ninputs run: ${report.runs} (${Object.entries(report.byTarget)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}) in ${Math.round((performance.now() - started) / 1000)} s`,
);
console.log(`exceptions (not InputError, or 5xx): ${report.exceptions}`);
console.log(
  `findings: ${report.findings.length} (${['exception', 'server-error', 'timeout', 'slow'].map((k) => `${k} ${report.findings.filter((f) => f.kind === k).length}`).join(', ')})`,
);
console.log(
  `slowest input: ${Math.round(report.slowest?.ms ?? 0)} ms (${report.slowest?.target}) ${short(report.slowest?.input)}`,
);
if (values.out) (await import('node:fs')).writeFileSync(values.out, JSON.stringify(report, null, 1));
process.exitCode = report.findings.length > 0 ? 1 : 0;
