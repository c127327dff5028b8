import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { DEFAULT_HEAP_GROWTH_PERCENT, setHeapGrowth } from '../../src/core/heap.ts';

const CHILD = join(import.meta.dirname, '../helpers/heap-child.mts');
const peakHeapMb = (percent: number): number =>
  Number(
    execFileSync(process.execPath, ['--import', 'tsx', CHILD, String(percent)], { encoding: 'utf8' }).split(
      ' ',
    )[0],
  );

describe('heap growth', () => {
  it('holds the heap near what is live, where V8 alone lets it grow to several times that', () => {
    const tuned = peakHeapMb(DEFAULT_HEAP_GROWTH_PERCENT);
    const adaptive = peakHeapMb(0);
    // 60 MB live plus a 13 MB window of young garbage; V8's adaptive growth went to ~450 MB here.
    expect(tuned).toBeLessThan(250);
    expect(tuned).toBeLessThan(adaptive * 0.7);
  });

  it('is a setting with a default, checked like the others', () => {
    expect(loadConfig({}, {}).heapGrowthPercent).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(loadConfig({ KHABAR_HEAP_GROWTH_PERCENT: '0' }, {}).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({ KHABAR_HEAP_GROWTH_PERCENT: '-5' }, {})).toThrow(/KHABAR_HEAP_GROWTH_PERCENT/);
    expect(() => setHeapGrowth(-1)).toThrow(RangeError);
    expect(() => setHeapGrowth(1.5)).toThrow(RangeError);
  });
});
