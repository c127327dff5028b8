/**
 * Source documents from paths (files, directories walked recursively, JSON-lines batches) and URLs.
 *
 * Nothing here aborts a run: a file or directory that cannot be read becomes an error item (counted as
 * `rejected`, since a retry will not help) and the walk goes on. Symbolic links inside a walked directory
 * are followed when they point inside that directory (each real directory is walked once, so a link loop
 * ends); a link that dangles or points outside is reported, never skipped in silence.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { InputError } from '../core/errors.ts';
import { printable } from '../core/printable.ts';
import type { SourceDocument } from '../pipeline/document.ts';
import { type FetchDocumentOptions, fetchDocument } from './fetch.ts';
import { readJsonl } from './jsonl.ts';
import { fileKind, openReadStream, readError, readFileBounded } from './read.ts';

/** File endings taken from directories; a file named explicitly is always read. */
export const DOCUMENT_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.txt', '.jsonl', '.ndjson']);

/** One item of a run: a document, or an error for an input that could not even be read. */
export type SourceItem = { doc: SourceDocument } | { source: string; error: Error };

type Found = { file: string } | { source: string; error: Error };

const isDocument = (name: string) => DOCUMENT_EXTENSIONS.has(extname(name).toLowerCase());
const inside = (root: string, p: string) => p === root || p.startsWith(root + sep);

interface Walk {
  /** Real path of the directory named on the command line: links may not lead out of it. */
  root: string;
  /** Real paths of directories already walked (link loops, two links to one place). */
  seen: Set<string>;
}

async function* walkDir(dir: string, w: Walk): AsyncGenerator<Found> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { source: dir, error: readError(dir, e) };
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* enterDir(p, w);
    else if (e.isSymbolicLink()) yield* followLink(p, w);
    else if (!isDocument(e.name)) continue;
    else if (e.isFile()) yield { file: p };
    // A FIFO, socket or device with a document name: say why it is not read.
    else yield { source: p, error: notAFile(p, e) };
  }
}

function notAFile(p: string, e: Dirent): InputError {
  const kind = e.isFIFO()
    ? 'a FIFO (named pipe)'
    : e.isSocket()
      ? 'a socket'
      : e.isCharacterDevice() || e.isBlockDevice()
        ? 'a device'
        : 'not a regular file';
  return new InputError('not-a-file', `${printable(p)} is ${kind}: only regular files are read`);
}

async function* enterDir(p: string, w: Walk): AsyncGenerator<Found> {
  let real: string;
  try {
    real = await realpath(p);
  } catch (e) {
    yield { source: p, error: readError(p, e) };
    return;
  }
  if (w.seen.has(real)) return; // walked already, through another name: not an error
  w.seen.add(real);
  yield* walkDir(p, w);
}

async function* followLink(p: string, w: Walk): AsyncGenerator<Found> {
  let real: string;
  try {
    real = await realpath(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    yield {
      source: p,
      error:
        code === 'ENOENT'
          ? new InputError('dangling-symlink', `${printable(p)} is a symbolic link to nothing: skipped`)
          : readError(p, e),
    };
    return;
  }
  if (!inside(w.root, real)) {
    yield {
      source: p,
      error: new InputError(
        'symlink-outside',
        `${printable(p)} links outside ${printable(w.root)}: skipped (name the target to read it)`,
      ),
    };
    return;
  }
  const s = await stat(real).catch((e: unknown) => e as Error);
  if (s instanceof Error) yield { source: p, error: readError(p, s) };
  else if (s.isDirectory()) yield* enterDir(p, w);
  else if (!isDocument(p) && !isDocument(real)) return;
  else if (s.isFile()) yield { file: p };
  else
    yield {
      source: p,
      error: new InputError('not-a-file', `${printable(p)} is ${fileKind(s)}: only regular files are read`),
    };
}

async function* fromFile(path: string, maxBytes: number): AsyncGenerator<SourceItem> {
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    for await (const entry of readJsonl(await openReadStream(path), path, maxBytes)) {
      yield 'doc' in entry
        ? { doc: entry.doc }
        : { source: `${path}#${entry.id ?? `line-${entry.line}`}`, error: entry.error };
    }
    return;
  }
  const content = await readFileBounded(path, maxBytes);
  const ext = extname(path).toLowerCase();
  yield {
    doc: {
      source: path,
      content,
      format: ext === '.txt' ? 'text' : ext.startsWith('.htm') || ext === '.xhtml' ? 'html' : 'auto',
    },
  };
}

async function* expandPath(input: string): AsyncGenerator<Found> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(input);
  } catch (e) {
    yield { source: input, error: readError(input, e) };
    return;
  }
  if (!info.isDirectory()) {
    yield { file: input };
    return;
  }
  const root = await realpath(input);
  yield* walkDir(input, { root, seen: new Set([root]) });
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
    for await (const found of expandPath(input)) {
      if (!('file' in found)) {
        yield found;
        continue;
      }
      try {
        yield* fromFile(found.file, options.maxBytes);
      } catch (e) {
        yield { source: found.file, error: readError(found.file, e) };
      }
    }
  }
}
