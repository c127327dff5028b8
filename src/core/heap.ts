/**
 * How the V8 heap grows in a Khabar process. V8 sizes the next collection's threshold by how fast the last
 * ones ran: for a pipeline whose live data are small (60–90 MB of models and word caches) and whose garbage
 * is a page's DOM and text, it let the heap grow to 3–4 times the live data, and the bench process reached
 * 440–560 MB on extraction-dev. A fixed growth factor collects sooner: about a fifth more CPU for two
 * fifths less memory (README, "Process memory", has the figures), so it is a setting.
 *
 * - heap growth: `heapGrowthPercent` (env `KHABAR_HEAP_GROWTH_PERCENT`; 0 keeps V8's own choice), applied
 *   to the whole process, so to the analysis threads too. V8 reads it at every collection.
 * - young generation of the analysis threads: {@link ANALYSIS_YOUNG_GENERATION_MB}, set per thread
 *   (`resourceLimits`); the main thread's can only be set on the command line (`npm run bench` does).
 */
import { setFlagsFromString } from 'node:v8';

/** Default growth of the heap's limit after a full collection, in per cent of what survived it. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 30;

/**
 * Young generation of an analysis thread, in MB (V8 makes it three semi-spaces: 8 MB semi-spaces, where the
 * default grows to 16). Scavenges run twice as often, each over the same few live objects.
 */
export const ANALYSIS_YOUNG_GENERATION_MB = 24;

/** Set the process's heap growth (see the module comment); `percent` 0 leaves V8's adaptive growth. */
export function setHeapGrowth(percent: number = DEFAULT_HEAP_GROWTH_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growth: ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
