/**
 * JSON-lines batch input: one `{"id", "html"|"text", "url"?, "published"?}` object per line. A bad line
 * becomes an error entry for that line; the batch goes on.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.ts';
import type { SourceDocument } from '../pipeline/document.ts';

export type JsonlEntry =
  | { line: number; id: string; doc: SourceDocument }
  | { line: number; id?: string; error: InputError };

/** Parse one line of a batch file into a source document, or an InputError saying what is wrong. */
export function parseJsonlLine(line: string, lineNo: number, origin: string): JsonlEntry {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return {
      line: lineNo,
      error: new InputError('bad-json', `line ${lineNo}: not valid JSON (${(e as Error).message})`),
    };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { line: lineNo, error: new InputError('bad-line', `line ${lineNo}: expected a JSON object`) };
  }
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `line-${lineNo}`;
  const html = typeof o.html === 'string' ? o.html : undefined;
  const text = typeof o.text === 'string' ? o.text : undefined;
  if (html === undefined && text === undefined) {
    return {
      line: lineNo,
      id,
      error: new InputError('bad-line', `line ${lineNo}: needs an "html" or a "text" field`),
    };
  }
  return {
    line: lineNo,
    id,
    doc: {
      source: `${origin}#${id}`,
      content: (html ?? text)!,
      format: html !== undefined ? 'html' : 'text',
      ...(typeof o.url === 'string' ? { url: o.url } : {}),
      ...(typeof o.published === 'string' ? { published: o.published } : {}),
    },
  };
}

/** Stream the entries of a JSON-lines input, skipping blank lines. */
export async function* readJsonl(input: Readable, origin: string): AsyncGenerator<JsonlEntry> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    yield parseJsonlLine(line, n, origin);
  }
}
