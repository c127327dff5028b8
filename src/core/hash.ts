import { createHash } from 'node:crypto';

/** Hex sha256 of a UTF-8 string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Short stable id (first 20 hex chars of sha256): ids of articles, jobs and incidents derive from this. */
export function stableId(text: string): string {
  return sha256(text).slice(0, 20);
}
