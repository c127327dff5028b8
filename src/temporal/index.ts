/**
 * Temporal stage public API: {@link extractTemporal} finds and resolves dates, times and durations in
 * Hindi and English news text.
 */

export {
  DEFAULT_TIME_ZONE,
  extractSegment,
  extractTemporal,
  type TemporalInput,
  type TemporalReference,
  type TextState,
} from './extract.ts';
export { formatDuration } from './resolve.ts';
