/**
 * JSON-lines batch input: one `{"id", "html"|"text", "title"?, "published"?, "url"?, "lang"?}` object per
 * line. A bad line becomes an error entry for that line; the batch goes on. Lines are split from raw bytes
 * with a size cap, so one endless line (zeros on stdin) is refused at the limit instead of filling memory.
 */
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.ts';
import type { SourceDocument } from '../pipeline/document.ts';
import { formatBytes, RAISE_LIMIT } from './read.ts';

export type JsonlEntry =
  | { line: number; id: string; doc: SourceDocument }
  | { line: number; id?: string; error: InputError };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

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
  const html = str(o.html);
  const text = str(o.text);
  if (html === undefined && text === undefined) {
    return {
      line: lineNo,
      id,
      error: new InputError('bad-line', `line ${lineNo}: needs an "html" or a "text" field`),
    };
  }
  for (const field of ['title', 'published', 'url', 'lang'] as const) {
    if (o[field] !== undefined && o[field] !== null && typeof o[field] !== 'string')
      return {
        line: lineNo,
        id,
        error: new InputError('bad-line', `line ${lineNo}: "${field}" must be a string`),
      };
  }
  const extra = { title: str(o.title), published: str(o.published), url: str(o.url), lang: str(o.lang) };
  return {
    line: lineNo,
    id,
    doc: {
      source: `${origin}#${id}`,
      content: (html ?? text)!,
      format: html !== undefined ? 'html' : 'text',
      ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
    },
  };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Split a byte stream into lines of at most maxLineBytes. A longer line is not kept: it is reported as
 * `too-large` (with its number) and skipped up to the next newline, so memory stays bounded.
 */
export async function* boundedLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<{ line: number; text: string } | { line: number; tooLarge: true }> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let n = 0;
  const finish = () => {
    n++;
    let buf = Buffer.concat(parts);
    parts = [];
    size = 0;
    if (overflow) {
      overflow = false;
      return { line: n, tooLarge: true as const };
    }
    // A UTF-8 byte-order mark (Windows editors write one) is not part of the first line's JSON.
    if (n === 1 && buf.subarray(0, 3).equals(BOM)) buf = buf.subarray(3);
    if (buf.at(-1) === 0x0d) buf = buf.subarray(0, -1);
    return { line: n, text: buf.toString('utf8') };
  };
  const take = (piece: Buffer) => {
    if (overflow) return;
    size += piece.length;
    if (size > maxLineBytes) {
      overflow = true;
      parts = [];
    } else parts.push(piece);
  };
  for await (const c of input) {
    let chunk = typeof c === 'string' ? Buffer.from(c) : c;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a)) {
      take(chunk.subarray(0, nl));
      yield finish();
      chunk = chunk.subarray(nl + 1);
    }
    if (chunk.length) take(chunk);
  }
  if (size > 0 || overflow) yield finish();
}

/** Stream the entries of a JSON-lines input, skipping blank lines; each line is capped at maxLineBytes. */
export async function* readJsonl(
  input: Readable | AsyncIterable<Buffer | string>,
  origin: string,
  maxLineBytes = 32 * 1024 * 1024,
): AsyncGenerator<JsonlEntry> {
  for await (const l of boundedLines(input, maxLineBytes)) {
    if ('tooLarge' in l) {
      yield {
        line: l.line,
        error: new InputError(
          'too-large',
          `line ${l.line}: over the ${formatBytes(maxLineBytes)} limit (${RAISE_LIMIT})`,
        ),
      };
      continue;
    }
    if (l.text.trim() === '') continue;
    yield parseJsonlLine(l.text, l.line, origin);
  }
}
