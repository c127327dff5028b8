/**
 * Source documents from paths (files, directories walked recursively, JSON-lines batches) and URLs.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { SourceDocument } from '../pipeline/document.ts';
import { type FetchDocumentOptions, fetchDocument } from './fetch.ts';
import { readJsonl } from './jsonl.ts';

/** File endings taken from directories; a file named explicitly is always read. */
export const DOCUMENT_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.txt', '.jsonl', '.ndjson']);

/** One item of a run: a document, or an error for an input that could not even be read. */
export type SourceItem = { doc: SourceDocument } | { source: string; error: Error };

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase())) yield p;
  }
}

async function* fromFile(path: string): AsyncGenerator<SourceItem> {
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    for await (const entry of readJsonl(createReadStream(path), path)) {
      yield 'doc' in entry
        ? { doc: entry.doc }
        : { source: `${path}#${entry.id ?? `line-${entry.line}`}`, error: entry.error };
    }
    return;
  }
  const content = await readFile(path);
  const ext = extname(path).toLowerCase();
  yield {
    doc: {
      source: path,
      content,
      format: ext === '.txt' ? 'text' : ext.startsWith('.htm') || ext === '.xhtml' ? 'html' : 'auto',
    },
  };
}

/** Expand command-line inputs into source documents, in order. Unreadable inputs become error items. */
export async function* expandInputs(
  inputs: string[],
  options: FetchDocumentOptions,
): AsyncGenerator<SourceItem> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      try {
        yield { doc: await fetchDocument(input, options) };
      } catch (e) {
        yield { source: input, error: e as Error };
      }
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch {
      yield { source: input, error: new InputError('not-found', `no such file or directory: ${input}`) };
      continue;
    }
    const files = info.isDirectory()
      ? walk(input)
      : (async function* () {
          yield input;
        })();
    for await (const file of files) {
      try {
        yield* fromFile(file);
      } catch (e) {
        yield { source: file, error: e as Error };
      }
    }
  }
}
