/**
 * Boundary check for {@link analyze}'s input. Library callers (and JSON payloads) can pass anything; a
 * wrong type must end as an InputError that names the option, not as a TypeError from deep in a stage.
 */
import { InputError } from '../core/errors.ts';
import type { AnalyzeInput } from './analyze.ts';

const FORMATS = new Set(['html', 'text', 'auto']);
const STRING_OPTIONS = ['url', 'contentType', 'published', 'fetchedAt'] as const;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'object' ? (v.constructor?.name ?? 'an object') : `a ${typeof v}`;
}

const bad = (message: string): InputError => new InputError('bad-option', message);

/** Throw InputError (`bad-option`) unless `input` has the shape {@link AnalyzeInput} promises. */
export function validateAnalyzeInput(input: unknown): asserts input is AnalyzeInput {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw bad(`analyze() takes an object { content, … }, not ${typeName(input)}`);
  const o = input as Record<string, unknown>;
  if (typeof o.content !== 'string' && !(o.content instanceof Uint8Array))
    throw bad(`content must be a string or a Uint8Array/Buffer, not ${typeName(o.content)}`);
  if (o.format !== undefined && !FORMATS.has(o.format as string))
    throw bad(
      `format must be "html", "text" or "auto", not ${JSON.stringify(o.format) ?? typeName(o.format)}`,
    );
  for (const k of STRING_OPTIONS)
    if (o[k] !== undefined && typeof o[k] !== 'string')
      throw bad(`${k} must be a string, not ${typeName(o[k])}`);
  const max = o.maxBytes;
  if (max !== undefined && !(typeof max === 'number' && Number.isSafeInteger(max) && max > 0))
    throw bad(
      `maxBytes must be a positive whole number of bytes, not ${typeof max === 'number' ? max : typeName(max)}`,
    );
}
