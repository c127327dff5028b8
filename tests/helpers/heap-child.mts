/**
 * Child process for tests/unit/heap.test.ts: sets the heap growth given as argv[2], keeps 60 MB live and
 * churns 1.3 GB of garbage that lives a while (as a page's DOM does), and prints the peak heap size in MB.
 */
import { setHeapGrowth } from '../../src/core/heap.ts';

setHeapGrowth(Number(process.argv[2]));
const live: number[][] = [];
for (let i = 0; i < 60; i++) live.push(new Array(131072).fill(i));
const ring: unknown[] = new Array(200);
let peak = 0;
for (let i = 0; i < 20000; i++) {
  ring[i % 200] = new Array(8192).fill(i);
  if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
}
process.stdout.write(`${Math.round(peak / 1048576)} ${live.length + ring.length}\n`);
